using System.Globalization;
using Huying.Modules.Matters;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Huying.Modules.Heritage;

/// <summary>
/// The demo's evidence and work: a photo with each site's latest patrol (the phone's time and position stamped on
/// it, as a patrol camera does), two hazards — one closed with photos, one open and being handled —, the red base
/// open for bookings, and the year's education events (talks in schools and villages, 5·18, Heritage Day).
/// </summary>
internal sealed class HeritageDemoRecords(DemoContext demo, Random random)
{
    private readonly HuyingDbContext db = demo.Db;

    public async Task SeedAsync(List<HeritageSite> sites, List<ResponsibilityZone> zones, long centreUnitId, CancellationToken ct)
    {
        var now = demo.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Display.Local(now));
        await PatrolPhotosAsync(ct);

        var red = sites.Single(s => s.Name == HeritageDemo.RedBase);
        red.EducationBase = true;
        red.DailyCapacity = 600;
        foreach (var v in await db.Set<HeritageVisit>().Where(v => v.SiteId == red.Id).ToListAsync(ct))
        {
            v.Code = Platform.Web.TrackingCodes.New("V");
            v.Attended = v.State == VisitState.Visited ? v.Size : null;
            if (v.State != VisitState.Visited)
            {
                var stored = demo.Personal.ProtectPhone("139" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture));
                (v.ContactName, v.ContactPhoneCipher, v.ContactPhoneMasked) = ("李老师", stored.Cipher, stored.Masked);
            }
        }

        var villages = sites.Select(s => s.CommunityCode).Distinct().Order().ToList();
        (string Title, EventKind Kind, DateOnly On, string Place, int? People)[] events =
        [
            ("文物保护法进校园", EventKind.SchoolTalk, new DateOnly(today.Year, 3, 14), "永济市第一中学", 320),
            ("消防安全进古建", EventKind.VillageTalk, new DateOnly(today.Year, 4, 9), "村委会", 85),
            ("5·18国际博物馆日开放活动", EventKind.MuseumDay, new DateOnly(today.Year, 5, 18), "永济市博物馆", 1_260),
            ("文化和自然遗产日宣传", EventKind.HeritageDay, new DateOnly(today.Year, 6, 13), "蒲州古城广场", 940),
            ("文物保护法进村", EventKind.VillageTalk, new DateOnly(today.Year, 7, 22), "村文化广场", 120),
            ("红色文物讲解进课堂", EventKind.SchoolTalk, new DateOnly(today.Year, 9, 26), "城西小学", 410),
            ("防火防盗文物安全培训", EventKind.VillageTalk, new DateOnly(today.Year, 11, 6), "镇政府会议室", 64),
            ("冬季文物消防安全宣讲", EventKind.SchoolTalk, today.AddDays(12), "永济中学", null),
        ];
        db.Set<HeritageEvent>().AddRange(events.Where(e => e.On <= today.AddDays(30)).Select((e, i) => new HeritageEvent
        {
            Title = e.Title, Kind = e.Kind, On = e.On, Place = e.Place, Attendance = e.On <= today ? e.People : null, CommunityCode = villages[i * 7 % villages.Count],
            By = "永济市文物保护中心", CreatedAt = now.AddDays(-(today.DayNumber - e.On.DayNumber) - 10),
        }));
        await db.SaveChangesAsync(ct);
        await HazardsAsync(sites, zones, centreUnitId, now, ct);
    }

    /// <summary>Each site's latest patrol carries its photo.</summary>
    private async Task PatrolPhotosAsync(CancellationToken ct)
    {
        var latest = await db.Set<HeritagePatrol>().AsNoTracking().GroupBy(p => p.SiteId).Select(g => g.Max(p => p.Id)).ToListAsync(ct);
        var patrols = await db.Set<HeritagePatrol>().AsNoTracking().Where(p => latest.Contains(p.Id)).ToListAsync(ct);
        foreach (var p in patrols)
        {
            await PhotoAsync(HeritagePatrols.PhotoOwner, p.Id, p.At, p.Latitude, p.Longitude, cracked: !p.AllWell, ct);
        }
    }

    private async Task HazardsAsync(List<HeritageSite> sites, List<ResponsibilityZone> zones, long centre, DateTime now, CancellationToken ct)
    {
        var categories = await db.Set<MatterCategory>().AsNoTracking().Where(c => c.Code.StartsWith("heritage.")).ToDictionaryAsync(c => c.Code, ct);
        var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct);
        var calendar = new WorkCalendar(days.Where(d => !d.IsWorkday).Select(d => d.Date).ToHashSet(), days.Where(d => d.IsWorkday).Select(d => d.Date).ToHashSet());
        var members = zones.ToDictionary(z => z.Id, z => z.Members);

        // Closed: a fire risk found on patrol at a national site, answered within the hour, closed with photos after the measures.
        var fireSite = sites.First(s => s.Level == ProtectionLevel.National && s.IsExample);
        var fire = Hazard(fireSite, categories["heritage.fire"], "大殿东侧私拉电线，线皮老化，紧邻木构梁架，存在火灾隐患", now.AddDays(-41), centre, calendar);
        var member = members[fireSite.ZoneId!.Value][0].Name;
        Act(fire, "accept", "UnitLiaison", fire.SubmittedAt.AddMinutes(48), null, () => fire.Accept(fire.SubmittedAt.AddMinutes(48), categories["heritage.fire"], calendar));
        var done = fire.SubmittedAt.AddDays(2).AddHours(3);
        Act(fire, "resolve", "UnitLiaison", done, "已拆除私拉电线，重新敷设阻燃线管，配置灭火器4具", () => fire.Resolve("已拆除私拉电线，重新敷设阻燃线管，配置灭火器4具", null, done, categories["heritage.fire"], calendar));
        Act(fire, "verify", "CommunityStaff", done.AddDays(1), null, () => fire.Verify(done.AddDays(1), TimeSpan.FromDays(7)));
        Act(fire, "close", "System", done.AddDays(8), null, () => fire.CloseUnrated(done.AddDays(8)));

        // Open: cracks reported by a villager at a provincial site, the centre has responded and members have been on site.
        var crackSite = sites.First(s => s.Level == ProtectionLevel.Provincial && s.IsExample);
        var crack = Hazard(crackSite, categories["heritage.crack"], "戏台西山墙出现一道斜向裂缝，长约1米，雨后有渗水", now.AddHours(-20), centre, calendar);
        Act(crack, "accept", "UnitLiaison", crack.SubmittedAt.AddMinutes(95), "安排文保员今日到场查看", () => crack.Accept(crack.SubmittedAt.AddMinutes(95), categories["heritage.crack"], calendar));
        db.Set<Matter>().AddRange(fire, crack);
        await db.SaveChangesAsync(ct);

        foreach (var (m, site, patrolled) in new[] { (fire, fireSite, true), (crack, crackSite, false) })
        {
            db.Set<HeritageHazard>().Add(new HeritageHazard
            {
                MatterId = m.Id, SiteId = site.Id, ZoneId = site.ZoneId, CommunityCode = site.CommunityCode, CategoryCode = m.CategoryCode, RaisedAt = m.SubmittedAt,
                PatrolId = patrolled ? await db.Set<HeritagePatrol>().Where(p => p.SiteId == site.Id).OrderByDescending(p => p.Id).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct) : null,
            });
        }
        var reports = new[]
        {
            new HazardReport { MatterId = fire.Id, CommunityCode = fireSite.CommunityCode, At = fire.SubmittedAt.AddHours(1), By = member, Note = "已到场，断开该处电源，设置警示" },
            new HazardReport { MatterId = fire.Id, CommunityCode = fireSite.CommunityCode, At = done, By = "永济市文物保护中心", Note = "线路整改完毕，复查无隐患", Closes = true },
            new HazardReport { MatterId = crack.Id, CommunityCode = crackSite.CommunityCode, At = crack.SubmittedAt.AddHours(3), By = members[crackSite.ZoneId!.Value][0].Name,
                Note = "已到场拍照，裂缝处设置警戒线，禁止游客靠近" },
        };
        db.Set<HazardReport>().AddRange(reports);
        await db.SaveChangesAsync(ct);
        foreach (var r in reports)
        {
            var site = r.MatterId == fire.Id ? fireSite : crackSite;
            await PhotoAsync(HeritageHazards.PhotoOwner, r.Id, r.At, site.Latitude, site.Longitude, cracked: r.MatterId == crack.Id, ct);
        }
    }

    private static Matter Hazard(HeritageSite site, MatterCategory category, string description, DateTime at, long centre, WorkCalendar calendar)
    {
        var m = new Matter
        {
            TrackingCode = Platform.Web.TrackingCodes.New("M"), CommunityCode = site.CommunityCode, CategoryCode = category.Code, Description = description,
            Address = site.Address is { } a ? $"{site.Name}（{a}）" : site.Name, Channel = MatterChannel.Web, Latitude = site.Latitude, Longitude = site.Longitude,
        };
        m.Submit(at, category, calendar, centre);
        m.Events.Add(MatterOutbox.Event(m, "submit", null, "Resident", null, null, at));
        return m;
    }

    private static void Act(Matter m, string action, string role, DateTime at, string? note, Action act)
    {
        var from = m.State;
        act();
        m.Events.Add(MatterOutbox.Event(m, action, from, role, role == "UnitLiaison" ? "永济市文物保护中心" : null, note, at));
    }

    /// <summary>A photo as a patrol phone takes it: the site under the sky, the time and position stamped in a corner.</summary>
    private async Task PhotoAsync(string owner, long id, DateTime at, double latitude, double longitude, bool cracked, CancellationToken ct)
    {
        var info = new SKImageInfo(480, 360);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        using (var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 220), [new SKColor(150, 190, 225), new SKColor(225, 235, 240)], SKShaderTileMode.Clamp) })
        {
            canvas.DrawRect(0, 0, 480, 240, sky);
        }
        using var ground = new SKPaint { Color = new SKColor(176, 150, 110) };
        canvas.DrawRect(0, 240, 480, 120, ground);
        var shade = (byte)random.Next(110, 150);
        using var wall = new SKPaint { Color = new SKColor(shade, (byte)(shade - 30), (byte)(shade - 50)) };
        canvas.DrawRect(120, 150, 240, 100, wall);
        using var roof = new SKPaint { Color = new SKColor(70, 70, 75) };
        using var path = new SKPath();
        path.MoveTo(95, 155);
        path.LineTo(240, 95);
        path.LineTo(385, 155);
        path.Close();
        canvas.DrawPath(path, roof);
        using var line = new SKPaint { Color = new SKColor(40, 30, 25), StrokeWidth = 3, IsStroke = true };
        if (cracked)
        {
            canvas.DrawLine(300, 160, 285, 200, line);
            canvas.DrawLine(285, 200, 296, 238, line);
        }
        using var band = new SKPaint { Color = new SKColor(0, 0, 0, 140) };
        canvas.DrawRect(0, 326, 480, 34, band);
        using var font = new SKFont(SKTypeface.Default, 15);
        using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{Display.Local(at):yyyy-MM-dd HH:mm}  N{latitude:F5}  E{longitude:F5}");
        canvas.DrawText(stamp, 10, 348, font, ink);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        var bytes = data.ToArray();
        var file = new FormFile(new MemoryStream(bytes), 0, bytes.Length, "photos", "patrol.jpg") { Headers = new HeaderDictionary(), ContentType = "image/jpeg" };
        await demo.Files.SaveAsync(db, owner, id, [file], "photos", ct);
    }
}
