using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects.Pages.Public;

/// <summary>
/// The community's project list for residents, no account needed: who does what, how far it has come; an accepted
/// project can be rated (once per browser). Only public facts: titles, units, milestones, progress, commendations.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class PublicProjectsModel(HuyingDbContext db, ProjectsService service) : PageModel
{
    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public List<SummaryRow> Rows { get; private set; } = [];
    public Project? Project { get; private set; }
    public List<Milestone> Milestones { get; private set; } = [];
    public List<string> Units { get; private set; } = [];
    public List<Commendation> Commendations { get; private set; } = [];
    public bool Rated { get; private set; }

    [BindProperty]
    public string? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    private string RatedCookie => $"hy-rated-{Project!.Id}";

    public async Task<IActionResult> OnGetAsync(string community, long? id, CancellationToken ct) =>
        await LoadAsync(community, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string community, long? id, CancellationToken ct)
    {
        if (id is null || !await LoadAsync(community, id, ct) || Project is null)
        {
            return NotFound();
        }
        if (Rated)
        {
            return Page();
        }
        try
        {
            var tracked = await db.Projects.IgnoreQueryFilters().FirstAsync(p => p.Id == Project.Id, ct);
            await service.RateAsync(tracked, Rating, Comment, ct);
        }
        catch (FieldException e)
        {
            foreach (var (field, messages) in e.Errors.All)
            {
                ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], DictionaryLocalizer.Translate(messages[0]));
            }
            return Page();
        }
        catch (RuleViolationException e)
        {
            ModelState.AddModelError(nameof(Rating), DictionaryLocalizer.Translate(e.Message));
            return Page();
        }
        Response.Cookies.Append(RatedCookie, "1", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), Secure = Request.IsHttps });
        return Redirect($"/c/{community}/projects/{id}?rated=1");
    }

    private async Task<bool> LoadAsync(string community, long? id, CancellationToken ct)
    {
        var name = await db.Communities.IgnoreQueryFilters().Where(c => c.Code == community).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return false;
        }
        (Community, CommunityName) = (community, name);
        if (id is null)
        {
            var unfiltered = new ProjectSummaryPublic(db);
            Rows = await unfiltered.RowsAsync(community, service.Today, ct);
            return true;
        }
        Project = await db.Projects.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.CommunityCode == community, ct);
        if (Project is null)
        {
            return false;
        }
        Milestones = await db.Milestones.IgnoreQueryFilters().AsNoTracking().Where(m => m.ProjectId == id).OrderBy(m => m.DueOn).ToListAsync(ct);
        Units = await db.ProjectUnits.IgnoreQueryFilters().Where(u => u.ProjectId == id)
            .Join(db.PartnerUnits.IgnoreQueryFilters(), u => u.PartnerUnitId, x => x.Id, (u, x) => x.Name).ToListAsync(ct);
        Commendations = await db.Commendations.IgnoreQueryFilters().AsNoTracking().Where(c => c.ProjectId == id).ToListAsync(ct);
        Rated = Request.Cookies.ContainsKey(RatedCookie) || Request.Query["rated"] == "1";
        return true;
    }
}

/// <summary>The summary rows of one community for its public page (no scope: the list is public).</summary>
internal sealed class ProjectSummaryPublic(HuyingDbContext db)
{
    public async Task<List<SummaryRow>> RowsAsync(string community, DateOnly today, CancellationToken ct)
    {
        var projects = await db.Projects.IgnoreQueryFilters().AsNoTracking().Where(p => p.CommunityCode == community)
            .OrderBy(p => p.Status == ProjectStatus.Accepted).ThenByDescending(p => p.StartOn).Take(200).ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var units = (await db.ProjectUnits.IgnoreQueryFilters().Where(u => ids.Contains(u.ProjectId))
            .Join(db.PartnerUnits.IgnoreQueryFilters(), u => u.PartnerUnitId, x => x.Id, (u, x) => new { u.ProjectId, x.Name }).ToListAsync(ct))
            .ToLookup(x => x.ProjectId, x => x.Name);
        return [.. projects.Select(p => new SummaryRow(p.Id, p.CommunityCode, "", [], p.Title, [.. units[p.Id]], p.MilestonesDone, p.MilestoneCount,
            p.Progress, p.Status, p.IsLate(today), p.StartOn, p.PlannedEndOn, p.CompletedOn))];
    }
}
