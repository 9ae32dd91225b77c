using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>
/// A team's page for its organisers and its leader: members with their confirmed hours, units, activities, calendar;
/// organisers add and remove members and choose the leader.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TeamModel(VolunteeringService volunteering, SignUpService signUps, CalendarFeeds feeds, HuyingDbContext db, TimeProvider clock) : ActionPage
{
    public VolunteerTeam Team { get; private set; } = null!;
    public List<(Volunteer Volunteer, decimal Hours, int Served)> Members { get; private set; } = [];
    public List<(long Id, string Name)> Units { get; private set; } = [];
    public List<Activity> Activities { get; private set; } = [];
    public string FeedUrl { get; private set; } = "";
    public bool Organiser { get; private set; }

    /// <summary>Who an organiser may add: the community's and the town's volunteers and the talent pool they see, not yet members.</summary>
    public List<Volunteer> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(VolunteeringPolicies.Organise)]
    public Task<IActionResult> OnPostAddMemberAsync(long id, long? volunteerId, CancellationToken ct) =>
        ChangeAsync(id, team => volunteering.AddMemberAsync(team, new MemberInput(volunteerId), ct), ct);

    [Requires(VolunteeringPolicies.Organise)]
    public async Task<IActionResult> OnPostRemoveMemberAsync(long id, long volunteerId, CancellationToken ct) =>
        await volunteering.TeamAsync(id, ct) is { } team && team.Members.Any(m => m.VolunteerId == volunteerId)
            ? await ActAsync(() => volunteering.RemoveMemberAsync(team, volunteerId, ct), () => Redirect($"/volunteering/teams/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    [Requires(VolunteeringPolicies.Organise)]
    public Task<IActionResult> OnPostSetLeaderAsync(long id, long? volunteerId, CancellationToken ct) =>
        ChangeAsync(id, team => volunteering.SetLeaderAsync(team, new MemberInput(volunteerId), ct), ct);

    private async Task<IActionResult> ChangeAsync(long id, Func<VolunteerTeam, Task<VolunteerTeam>> change, CancellationToken ct) =>
        await volunteering.TeamAsync(id, ct) is { } team
            ? await ActAsync(() => change(team), () => Redirect($"/volunteering/teams/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
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
            return false;
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
        if (Organiser)
        {
            // The community's volunteers first, then the town's (neighbours often serve together), then the county's talent pool.
            var local = await volunteering.VolunteersAsync(team.CommunityCode, null, false, false, 300, ct);
            var town = await volunteering.VolunteersAsync(team.CommunityCode[..9], null, false, false, 300, ct);
            var talent = await volunteering.VolunteersAsync(team.CommunityCode[..6], null, true, false, 100, ct);
            Candidates = [.. local.Concat(town).Concat(talent).DistinctBy(v => v.Id).Where(v => team.Members.All(m => m.VolunteerId != v.Id))];
        }
        return true;
    }
}
