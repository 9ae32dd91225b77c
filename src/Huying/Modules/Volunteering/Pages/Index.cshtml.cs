using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>
/// Volunteering for those who organise it: this year's figures for the place, the coming weeks' activities, the days
/// whose hours wait to be confirmed, the teams, and the volunteers (the talent pool and the new-employment groups).
/// </summary>
[Authorize(Policy = VolunteeringPolicies.Organise)]
public sealed class IndexModel(VolunteeringService volunteering, OrganisationService org, HuyingDbContext db, TimeProvider clock) : PageModel
{
    public List<Community> Communities { get; private set; } = [];
    public string? Community { get; private set; }
    public string Division { get; private set; } = "";
    public string Show { get; private set; } = "activities";
    public string? Q { get; private set; }
    public VolunteeringFigures Figures { get; private set; } = new(0, 0, 0, 0, 0);
    public List<SlotView> Coming { get; private set; } = [];
    public List<(Activity Activity, DateTime Start, int Waiting)> ToConfirm { get; private set; } = [];
    public List<VolunteerTeam> Teams { get; private set; } = [];
    public List<Volunteer> Volunteers { get; private set; } = [];
    public List<FigureRow> Rows { get; private set; } = [];
    public string GroupBy { get; private set; } = "community";
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }

    public async Task OnGetAsync(string? community, string? show, string? q, DateOnly? from, DateOnly? to, string? groupBy, CancellationToken ct)
    {
        Communities = await org.CommunitiesUnderAsync("", ct);
        Community = Communities.Any(c => c.Code == community) ? community : null;
        Division = Community ?? CommonPrefix(Communities.Select(c => c.Code).ToList());
        Show = show is "teams" or "volunteers" or "talent" or "riders" or "confirm" or "figures" ? show : "activities";
        (From, To) = (from is { Year: >= 1900 and <= 2100 } ? from : null, to is { Year: >= 1900 and <= 2100 } ? to : null);
        GroupBy = groupBy is "team" or "unit" ? groupBy : "community";
        Q = q;
        var now = clock.GetUtcNow().UtcDateTime;
        if (Communities.Count > 0)
        {
            Figures = await volunteering.FiguresAsync(Division, From, To, ct);
        }
        switch (Show)
        {
            case "figures":
                Rows = Communities.Count > 0 ? await volunteering.FigureRowsAsync(Division, From, To, GroupBy, ct) : [];
                break;
            case "teams":
                Teams = await volunteering.TeamsAsync(Community, ct);
                break;
            case "volunteers" or "talent" or "riders":
                Volunteers = await volunteering.VolunteersAsync(Division, q, Show == "talent", Show == "riders", 300, ct);
                break;
            default:
                Coming = [.. (await volunteering.SlotsAsync(Division, now.AddHours(-12), now.AddDays(30), ct)).Take(50)];
                var since = now.AddDays(-30);
                var waiting = await db.SignUps.AsNoTracking()
                    .Where(s => s.CommunityCode.StartsWith(Division) && s.State == SignUpState.Taken && s.HoursConfirmedAt == null && !s.NoShow
                        && s.OccurrenceStart >= since && s.OccurrenceStart < now)
                    .GroupBy(s => new { s.ActivityId, s.OccurrenceStart }).Select(g => new { g.Key.ActivityId, g.Key.OccurrenceStart, N = g.Count() })
                    .OrderBy(g => g.OccurrenceStart).Take(50).ToListAsync(ct);
                var ids = waiting.Select(w => w.ActivityId).Distinct().ToList();
                var activities = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
                ToConfirm = [.. waiting.Where(w => activities.ContainsKey(w.ActivityId)).Select(w => (activities[w.ActivityId], w.OccurrenceStart, w.N))];
                break;
        }
    }

    /// <summary>The longest division prefix the codes share (a town's, a county's), so the figures cover the whole scope.</summary>
    public static string CommonPrefix(IReadOnlyList<string> codes)
    {
        if (codes.Count == 0)
        {
            return "";
        }
        var prefix = codes[0];
        foreach (var code in codes)
        {
            var n = 0;
            while (n < prefix.Length && n < code.Length && prefix[n] == code[n])
            {
                n++;
            }
            prefix = prefix[..n];
        }
        // Division codes end on a level: 2, 4, 6, 9 or 12 digits.
        return prefix[..new[] { 12, 9, 6, 4, 2, 0 }.First(l => l <= prefix.Length)];
    }
}
