using Huying.Modules.Organisation;
using Huying.Modules.Projects;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid.Pages;

/// <summary>
/// Health aid's figures for a division and period, computed from the records: what officers and units see of health
/// aid (counts of people under five shown as "&lt;5" outside the team), and twelve months of consultations and follow-ups.
/// </summary>
[Authorize(Policy = HealthPolicies.Figures)]
public sealed class FiguresModel(HealthFigureCounts counts, HuyingDbContext db) : PageModel
{
    public string? Division { get; private set; }
    public string? DivisionName { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public HealthFigures? Figures { get; private set; }
    public FundedProjects? Aid { get; private set; }
    public string Chart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var today = counts.Today;
        (From, To) = Periods.YearToDate(from, to, today);
        Division = DivisionFilter.IsCode(division) && await db.Communities.AnyAsync(c => c.Code.StartsWith(division!), ct) ? division : await FirstVillageAsync(ct);
        if (Division is null)
        {
            return Page();
        }
        DivisionName = await db.Divisions.AsNoTracking().Where(d => d.Code == Division).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? Division;
        var masked = HealthAidModule.Masked(db);
        Figures = await counts.FiguresAsync(Division, From, To, masked, ct);
        Aid = await counts.AidProjectsAsync(Division, To, ct);
        var months = await counts.TrendAsync(Division, To, masked, ct);
        Chart = System.Text.Json.JsonSerializer.Serialize(new
        {
            type = "line",
            categories = months.Select(m => m.Month.ToString("yyyy-MM")),
            series = new[]
            {
                new { name = Tr.T("Consultations (人次)"), data = months.Select(m => m.Consultations.Masked ? (int?)null : m.Consultations.Value) },
                new { name = Tr.T("Follow-ups"), data = months.Select(m => m.FollowUps.Masked ? (int?)null : m.FollowUps.Value) },
            },
        });
        return Page();
    }

    /// <summary>The first village with health aid that the reader's scope holds: the village itself for its care roles, its county for others.</summary>
    private async Task<string?> FirstVillageAsync(CancellationToken ct)
    {
        var villages = await db.Set<HealthRecord>().IgnoreQueryFilters().AsNoTracking().Select(r => r.CommunityCode).Distinct().Take(100).ToListAsync(ct);
        var first = await db.Communities.AsNoTracking().Where(c => villages.Contains(c.Code)).OrderBy(c => c.Code).Select(c => c.Code).FirstOrDefaultAsync(ct);
        return first is null ? null : HealthAidModule.Masked(db) ? first[..6] : first;
    }
}
