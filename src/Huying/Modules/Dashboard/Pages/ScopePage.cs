using System.Globalization;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Dashboard.Pages;

/// <summary>
/// A page of figures for a division in the reader's scope (their own by default) and a period (this year to today by
/// default): the dashboard's and the briefing's common start.
/// </summary>
public abstract class ScopePage(HuyingDbContext db, TimeProvider clock) : ActionPage
{
    public string? Division { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    /// <summary>One grid of the community (a grid's dashboard); a grid worker with one grid starts at it.</summary>
    public long? Grid { get; private set; }

    protected DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    /// <summary>False when the division asked for is not in the reader's scope (the page answers 404, as the API).</summary>
    protected async Task<bool> ResolveAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct, long? grid = null)
    {
        (From, To) = Periods.YearToDate(from, to, Today);
        if (string.IsNullOrEmpty(division))
        {
            Division = await HomeDivisionAsync(ct);
            // A grid worker's own grid, when it is one.
            if (Division is { Length: 12 } && User.FindAll(ScopeClaims.Grid).Select(c => c.Value).ToList() is [var own]
                && long.TryParse(own, CultureInfo.InvariantCulture, out var ownGrid) && await db.Grids.AnyAsync(g => g.Id == ownGrid && g.CommunityCode == Division, ct))
            {
                Grid = ownGrid;
            }
            return true;
        }
        Division = DivisionFilter.IsCode(division) && await db.Communities.AnyAsync(c => c.Code.StartsWith(division), ct) ? division : null;
        if (Division is not null && grid is { } g)
        {
            // A grid is asked of its own community, and only one the reader sees.
            Grid = Division.Length == 12 && await db.Grids.AnyAsync(x => x.Id == g && x.CommunityCode == Division, ct) ? g : null;
            return Grid is not null;
        }
        return Division is not null;
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
