using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects.Pages.Public;

/// <summary>
/// The community's project list for residents, no account needed: who does what, how far it has come; an accepted
/// project can be rated, once per tracking code of a matter or topic of the community. Only public facts: titles, units, milestones, progress, commendations.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class PublicProjectsModel(HuyingDbContext db, ProjectWorkService work, HuyingContextFactory contexts, PlaceNames places, TimeProvider clock) : ActionPage
{
    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public List<SummaryRow> Rows { get; private set; } = [];
    public Project? Project { get; private set; }
    public List<Milestone> Milestones { get; private set; } = [];
    public List<string> Units { get; private set; } = [];
    public List<Commendation> Commendations { get; private set; } = [];
    public bool Rated { get; private set; }

    /// <summary>The list's filter: under way (the default), done, or all; and words in the title or a unit's name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public int Total { get; private set; }
    public int Done { get; private set; }

    [BindProperty]
    public string? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>The tracking code of a matter or topic the resident raised here: what makes a rating one person's.</summary>
    [BindProperty]
    public string? Code { get; set; }

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
        var rated = await TryAsync(async () =>
        {
            var tracked = await db.Projects.IgnoreQueryFilters().FirstAsync(p => p.Id == Project.Id, ct);
            await work.RateAsync(tracked, Rating, Comment, Code, ct);
        }, prefix: null);
        if (!rated)
        {
            return Page();
        }
        Response.Cookies.Append(RatedCookie, "1", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), Secure = Request.IsHttps });
        return Redirect($"/c/{community}/projects/{id}?rated=1");
    }

    /// <summary>
    /// Reads go through a context scoped to this one community (what its residents may see), so the data layer's
    /// filters still apply; the summary is the staff table's own query.
    /// </summary>
    private async Task<bool> LoadAsync(string community, long? id, CancellationToken ct)
    {
        var name = await places.CommunityAsync(community, ct);
        if (name is null)
        {
            return false;
        }
        (Community, CommunityName) = (community, name);
        await using var read = contexts.Create(new DataScope { Communities = [community], GridRestricted = false, Actor = new Actor(null, "anonymous", null) });
        if (id is null)
        {
            var (rows, _) = await new ProjectSummary(read, places, clock).RowsAsync(new SummaryFilter(community), null, ct);
            // Residents see what is under way first, then what was done, newest first.
            var words = Q?.Trim();
            var found = rows.Where(r => string.IsNullOrEmpty(words) || r.Project.Contains(words, StringComparison.OrdinalIgnoreCase)
                || r.Units.Any(u => u.Contains(words, StringComparison.OrdinalIgnoreCase))).ToList();
            (Total, Done) = (found.Count, found.Count(r => r.Status == ProjectStatus.Accepted));
            Show = Show is "done" or "all" ? Show : "open";
            Rows = [.. found.Where(r => Show == "all" || (Show == "done") == (r.Status == ProjectStatus.Accepted))
                .OrderBy(r => r.Status == ProjectStatus.Accepted).ThenByDescending(r => r.StartOn)];
            return true;
        }
        Project = await read.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Project is null)
        {
            return false;
        }
        Milestones = await read.Milestones.AsNoTracking().Where(m => m.ProjectId == id).OrderBy(m => m.DueOn).ToListAsync(ct);
        var unitIds = await read.ProjectUnits.Where(u => u.ProjectId == id).Select(u => u.PartnerUnitId).ToListAsync(ct);
        var unitNames = await places.UnitsAsync(ct);
        Units = [.. unitIds.Select(u => unitNames[u])];
        Commendations = await read.Commendations.AsNoTracking().Where(c => c.ProjectId == id).ToListAsync(ct);
        Rated = Request.Cookies.ContainsKey(RatedCookie) || Request.Query["rated"] == "1";
        return true;
    }
}
