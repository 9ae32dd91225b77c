using System.Globalization;
using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Privacy;
using Huying.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using SkiaSharp;

namespace Huying.Modules.Volunteering;

/// <summary>What a certificate states, as of the day it was issued (the check page recomputes the same figures).</summary>
public sealed record CertificateFacts(Volunteer Volunteer, string CommunityName, DateTime IssuedAt, int Activities, decimal Hours,
    IReadOnlyList<(DateTime Start, string Activity, string Post, decimal Hours)> Lines, IReadOnlyList<VolunteerCommendation> Commendations);

/// <summary>
/// The service-record certificate (志愿服务记录证明): an A4 PDF in Chinese with the volunteer's confirmed service and a
/// QR code leading to a public check page. The code in the address is signed, so the page can be trusted to say what
/// the record held on the day of issue; the page shows the name masked.
/// </summary>
public sealed class Certificates(HuyingDbContext db, IDataProtectionProvider protection, IConfiguration configuration, TimeProvider clock)
{
    public const int MaxLines = 15;
    public const int MaxCommendations = 4;
    private IDataProtector Codes => protection.CreateProtector("Huying.Volunteering.Certificate");

    public string CodeFor(long volunteerId, DateTime issuedAt) =>
        Codes.Protect(FormattableString.Invariant($"{volunteerId}:{issuedAt.Ticks}"));

    /// <summary>The facts behind a code; null when it is forged or its volunteer is gone.</summary>
    public async Task<CertificateFacts?> CheckAsync(string? code, CancellationToken ct)
    {
        try
        {
            var parts = Codes.Unprotect(code ?? "").Split(':');
            var id = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var issued = new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc);
            return await db.Volunteers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) is { } v
                ? await FactsAsync(v, issued, ct) : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public async Task<CertificateFacts> FactsAsync(Volunteer volunteer, DateTime issuedAt, CancellationToken ct)
    {
        var places = await db.SignUps.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.VolunteerId == volunteer.Id && s.HoursConfirmedAt != null && s.HoursConfirmedAt <= issuedAt)
            .OrderByDescending(s => s.OccurrenceStart).Select(s => new { s.ActivityId, s.PostId, s.OccurrenceStart, s.Hours }).ToListAsync(ct);
        var shown = places.Take(MaxLines).ToList();
        var activityIds = shown.Select(p => p.ActivityId).Distinct().ToList();
        var titles = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => activityIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        var posts = await db.ActivityPosts.AsNoTracking().Where(p => activityIds.Contains(p.ActivityId)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var community = await db.Communities.IgnoreQueryFilters().AsNoTracking().Where(c => c.Code == volunteer.CommunityCode).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        var commendations = await db.Set<VolunteerCommendation>().IgnoreQueryFilters().AsNoTracking().Where(c => c.VolunteerId == volunteer.Id && c.RecordedAt <= issuedAt)
            .OrderByDescending(c => c.AwardedOn).ThenByDescending(c => c.Id).Take(MaxCommendations).ToListAsync(ct);
        return new CertificateFacts(volunteer, community, issuedAt, places.Count, places.Sum(p => p.Hours ?? 0),
            [.. shown.Select(p => (p.OccurrenceStart, titles.GetValueOrDefault(p.ActivityId) ?? "", posts.GetValueOrDefault(p.PostId) ?? "", p.Hours ?? 0))], commendations);
    }

    /// <summary>The certificate as PDF bytes; refused (409) when the machine has no Chinese font to set it in.</summary>
    public async Task<byte[]> PdfAsync(Volunteer volunteer, string checkUrlBase, CancellationToken ct)
    {
        var issued = AuditEntryTime(clock.GetUtcNow().UtcDateTime);
        var facts = await FactsAsync(volunteer, issued, ct);
        var checkUrl = $"{checkUrlBase}/volunteering/certificates/{CodeFor(volunteer.Id, issued)}";
        using var typeface = PrintedText.ChineseFont(configuration) ?? throw new RuleViolationException("No Chinese font is installed to print the certificate (fonts-noto-cjk)");
        using var stream = new MemoryStream();
        // Quality 101 keeps images lossless: a QR code through JPEG loses the sharp edges scanners need.
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = "志愿服务记录证明", Creator = "Huying", Producer = "Huying", EncodingQuality = 101 }))
        {
            var canvas = document.BeginPage(595, 842);
            using var title = new SKFont(typeface, 26);
            using var body = new SKFont(typeface, 13);
            using var small = new SKFont(typeface, 10);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var red = new SKPaint { Color = new SKColor(0xB7, 0x1C, 0x1C), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
            canvas.DrawRect(28, 28, 539, 786, red);
            canvas.DrawText("志愿服务记录证明", 297.5f, 100, SKTextAlign.Center, title, ink);
            var y = 150f;
            var v = facts.Volunteer;
            var text = $"兹证明 {v.Name} 自 {Display.Local(v.RegisteredAt):yyyy年M月d日} 注册为志愿者以来，参加志愿服务 {facts.Activities} 次，"
                + $"经活动组织方确认的服务时长累计 {facts.Hours.ToString("0.#", CultureInfo.InvariantCulture)} 小时。";
            foreach (var line in PrintedText.Wrap(text, body, 480))
            {
                canvas.DrawText(line, 58, y, SKTextAlign.Left, body, ink);
                y += 22;
            }
            if (facts.Commendations.Count > 0)
            {
                y += 6;
                canvas.DrawText("获得表彰", 58, y, SKTextAlign.Left, body, ink);
                y += 20;
                foreach (var c in facts.Commendations)
                {
                    canvas.DrawText(PrintedText.Fit($"{c.AwardedOn:yyyy年M月}  {c.Title}（{c.AwardedBy}）", small, 480), 58, y, SKTextAlign.Left, small, ink);
                    y += 16;
                }
            }
            y += 12;
            canvas.DrawText("服务记录（最近）", 58, y, SKTextAlign.Left, body, ink);
            y += 20;
            foreach (var (start, activity, post, hours) in facts.Lines)
            {
                var row = $"{Display.Local(start):yyyy-MM-dd}  {activity} · {post}";
                canvas.DrawText(PrintedText.Fit(row, small, 420), 58, y, SKTextAlign.Left, small, ink);
                canvas.DrawText(hours.ToString("0.#", CultureInfo.InvariantCulture) + " 小时", 537, y, SKTextAlign.Right, small, ink);
                y += 16;
            }
            if (facts.Activities > facts.Lines.Count)
            {
                canvas.DrawText($"（另有 {facts.Activities - facts.Lines.Count} 次记录，见核验页）", 58, y, SKTextAlign.Left, small, ink);
            }
            canvas.DrawText($"出具单位：{facts.CommunityName}（呼应 · 志愿服务记录）", 58, 720, SKTextAlign.Left, body, ink);
            canvas.DrawText($"出具日期：{Display.Local(issued):yyyy年M月d日}", 58, 744, SKTextAlign.Left, body, ink);
            canvas.DrawText("扫码核验本证明", 497, 790, SKTextAlign.Center, small, ink);
            using (var qr = QrBitmap(checkUrl))
            {
                canvas.DrawBitmap(qr, new SKRect(437, 660, 557, 780));
            }
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    private static DateTime AuditEntryTime(DateTime utc) => Platform.Audit.AuditEntry.Truncate(utc);

    private static SKBitmap QrBitmap(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return SKBitmap.Decode(png);
    }

    public static string MaskedName(Volunteer v) => PersonalData.MaskName(v.Name);
}

public static class CertificateEndpoints
{
    public static IEndpointRouteBuilder MapCertificates(this IEndpointRouteBuilder app)
    {
        app.MapGet("/volunteering/me/certificate.pdf", async Task<IResult> (HttpContext http, SignUpService signUps, Certificates certificates, CancellationToken ct) =>
            await signUps.MeAsync(ct) is { } me
                ? Results.File(await certificates.PdfAsync(me, PublicUrl.Absolute(http), ct), "application/pdf", "volunteer-certificate.pdf")
                : ProblemSetup.NotFound())
            .RequireAuthorization(Platform.Accounts.Policies.SignedIn).WithTags("Volunteering").WithSummary("The caller's service-record certificate (PDF)");

        app.MapGet("/volunteering/volunteers/{id:long}/certificate.pdf", async Task<IResult> (long id, HttpContext http, VolunteeringService volunteering,
            Certificates certificates, CancellationToken ct) =>
            await volunteering.VolunteerAsync(id, ct) is { } v
                ? Results.File(await certificates.PdfAsync(v, PublicUrl.Absolute(http), ct), "application/pdf", "volunteer-certificate.pdf")
                : ProblemSetup.NotFound())
            .RequireAuthorization(VolunteeringPolicies.Organise).WithTags("Volunteering").WithSummary("A volunteer's service-record certificate (PDF), for their organisers");
        return app;
    }
}
