using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Briefing.Pages;

/// <summary>
/// 工作简报: the briefing of a division in the reader's scope (their own by default) and a period (this year to
/// today), each paragraph with the figures behind it and where they come from; downloadable as Word.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(BriefingWriter writer, HuyingDbContext db) : PageModel
{
    public BriefingDto? Briefing { get; private set; }
    public string? Division { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        await WriteAsync(division, from, to, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        await WriteAsync(division, from, to, ct) && Briefing is { } briefing
            ? File(BriefingDocument.Write(briefing), BriefingDocument.ContentType, $"{briefing.DivisionName}工作简报{briefing.To:yyyyMMdd}.docx")
            : NotFound();

    /// <summary>False when the division asked for is not in the reader's scope (404, as the API).</summary>
    private async Task<bool> WriteAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        (From, To) = Periods.YearToDate(from, to, writer.Today);
        if (string.IsNullOrEmpty(division))
        {
            Division = await HomeDivisionAsync(ct);
        }
        else if (DivisionFilter.IsCode(division) && await db.Communities.AnyAsync(c => c.Code.StartsWith(division), ct))
        {
            Division = division;
        }
        else
        {
            return false;
        }
        Briefing = Division is null ? null : await writer.WriteAsync(Division, From, To, ct);
        return true;
    }

    /// <summary>The reader's own division (their community, town, county or city); for several or none, the smallest holding all their communities.</summary>
    private async Task<string?> HomeDivisionAsync(CancellationToken ct)
    {
        if (User.FindAll(ScopeClaims.Division).Select(c => c.Value).ToList() is [var own] && DivisionFilter.IsCode(own)
            && await db.Communities.AnyAsync(c => c.Code.StartsWith(own), ct))
        {
            return own;
        }
        var codes = await db.Communities.AsNoTracking().Select(c => c.Code).ToListAsync(ct);
        if (codes.Count == 0)
        {
            return null;
        }
        var shared = codes.Aggregate((a, b) => a[..a.Zip(b).TakeWhile(p => p.First == p.Second).Count()]);
        return new[] { 12, 9, 6, 4, 2 }.Where(n => shared.Length >= n).Select(n => shared[..n]).FirstOrDefault();
    }
}
