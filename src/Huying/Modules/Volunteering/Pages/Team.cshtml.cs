using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>A team's page for its organisers and its leader: members with their confirmed hours, units, activities, calendar.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TeamModel(VolunteeringService volunteering, SignUpService signUps, CalendarFeeds feeds, HuyingDbContext db, TimeProvider clock) : PageModel
{
    public VolunteerTeam Team { get; private set; } = null!;
    public List<(Volunteer Volunteer, decimal Hours, int Served)> Members { get; private set; } = [];
    public List<(long Id, string Name)> Units { get; private set; } = [];
    public List<Activity> Activities { get; private set; } = [];
    public string FeedUrl { get; private set; } = "";
    public bool Organiser { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Organiser = User.Holds(VolunteeringPolicies.Organise);
        var team = Organiser ? await volunteering.TeamAsync(id, ct) : null;
        if (team is null && (await signUps.MeAsync(ct)) is { } me)
        {
            team = await db.VolunteerTeams.IgnoreQueryFilters().Include(t => t.Leader).Include(t => t.Members).ThenInclude(m => m.Volunteer).Include(t => t.Units)
                .FirstOrDefaultAsync(t => t.Id == id && t.LeaderId == me.Id, ct);
        }
        if (team is null)
        {
            return NotFound();
        }
        Team = team;
        var ids = team.Members.Select(m => m.VolunteerId).ToList();
        var hours = await db.SignUps.IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.VolunteerId) && s.HoursConfirmedAt != null)
            .GroupBy(s => s.VolunteerId).Select(g => new { g.Key, Hours = g.Sum(s => s.Hours) ?? 0, N = g.Count() }).ToDictionaryAsync(g => g.Key, ct);
        Members = [.. team.Members.Select(m => (m.Volunteer!, hours.GetValueOrDefault(m.VolunteerId)?.Hours ?? 0, hours.GetValueOrDefault(m.VolunteerId)?.N ?? 0))
            .OrderByDescending(m => m.Item2)];
        Units = await volunteering.UnitNamesAsync(team.Units.Select(u => u.PartnerUnitId), ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-365);
        Activities = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => a.TeamId == id && (a.Recurrence != null || a.StartsAt >= since))
            .OrderByDescending(a => a.StartsAt).Take(100).ToListAsync(ct);
        FeedUrl = $"/volunteering/teams/{id}.ics?key={Uri.EscapeDataString(feeds.KeyFor("team", id))}";
        return Page();
    }
}
