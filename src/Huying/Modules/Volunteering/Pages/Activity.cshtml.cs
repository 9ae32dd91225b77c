using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>
/// An activity as its organisers and team leader run it: the occurrences, one chosen (?at=), its posts and roster,
/// the check-in code to show at the venue, assigning volunteers, ticking who came and confirming hours, people
/// served, cancelling the occurrence, and the printable sign-in sheet.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ActivityModel(VolunteeringService volunteering, SignUpService signUps, Schedule schedule, HuyingDbContext db, TimeProvider clock) : ActionPage
{
    public Activity Activity { get; private set; } = null!;
    public List<Slot> Slots { get; private set; } = [];
    public Slot? Current { get; private set; }
    public List<SignUp> Roster { get; private set; } = [];
    public Occurrence? Record { get; private set; }
    public List<Volunteer> Candidates { get; private set; } = [];
    public List<(long Id, string Name)> Units { get; private set; } = [];
    public string CheckInUrl { get; private set; } = "";
    public string CheckInQr { get; private set; } = "";
    public DateTime Now { get; private set; }
    public bool Print { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, long? at, bool print, CancellationToken ct)
    {
        Print = print;
        return await LoadAsync(id, at, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, long at, long postId, long volunteerId, CancellationToken ct) =>
        await Lead(id, ct) is { } a
            ? await ActAsync(() => signUps.SignUpAsync(a, new SignUpInput(postId, at, volunteerId, true), ct), () => Back(id, at), () => LoadAsync(id, at, ct), prefix: null)
            : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(long id, long at, List<long> present, CancellationToken ct) =>
        await Lead(id, ct) is { } a
            ? await ActAsync(() => signUps.ConfirmAsync(a, Schedule.FromKey(at), new HoursInput(present, null), ct), () => Back(id, at), () => LoadAsync(id, at, ct), prefix: null)
            : NotFound();

    public async Task<IActionResult> OnPostServedAsync(long id, long at, int? peopleServed, CancellationToken ct) =>
        await Lead(id, ct) is { } a
            ? await ActAsync(() => signUps.RecordServedAsync(a, new ServedInput(at, peopleServed), ct), () => Back(id, at), () => LoadAsync(id, at, ct), prefix: null)
            : NotFound();

    public async Task<IActionResult> OnPostCancelOccurrenceAsync(long id, long at, string? reason, CancellationToken ct) =>
        await Lead(id, ct) is { } a
            ? await ActAsync(() => signUps.CancelOccurrenceAsync(a, new CancelOccurrenceInput(at, reason), ct), () => Back(id, at), () => LoadAsync(id, at, ct), prefix: null)
            : NotFound();

    public async Task<IActionResult> OnPostCancelPlaceAsync(long id, long at, long signUpId, CancellationToken ct) =>
        await Lead(id, ct) is not null && await signUps.SignUpOfAsync(signUpId, ct) is { } place && place.ActivityId == id
            ? await ActAsync(() => signUps.CancelAsync(place, ct), () => Back(id, at), () => LoadAsync(id, at, ct), prefix: null)
            : NotFound();

    private RedirectResult Back(long id, long at) => Redirect($"/volunteering/activities/{id}?at={at}");

    private Task<Activity?> Lead(long id, CancellationToken ct) => signUps.LedActivityAsync(id, ct);

    private async Task<bool> LoadAsync(long id, long? at, CancellationToken ct)
    {
        if (await Lead(id, ct) is not { } activity)
        {
            return false;
        }
        Activity = activity;
        await db.Entry(activity).Collection(a => a.Units).LoadAsync(ct);
        Now = clock.GetUtcNow().UtcDateTime;
        var all = await schedule.SlotsAsync(db, [activity], activity.StartsAt, Now.AddDays(120), withCancelled: true, ct);
        var past = all.Where(s => s.EndsAt <= Now).TakeLast(8);
        var coming = all.Where(s => s.EndsAt > Now).Take(8);
        Slots = [.. past, .. coming];
        Current = at is { } key ? await schedule.FindAsync(db, activity, Schedule.FromKey(key), ct)
            : coming.FirstOrDefault() ?? past.LastOrDefault();
        if (Current is null)
        {
            return true;
        }
        Roster = await signUps.RosterAsync(activity, Current.StartsAt, ct);
        Record = await db.Occurrences.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(o => o.ActivityId == id && o.StartsAt == Current.StartsAt, ct);
        var members = activity.TeamId is null ? []
            : await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == activity.TeamId).Select(m => m.Volunteer!).ToListAsync(ct);
        var local = User.Holds(VolunteeringPolicies.Organise) ? await volunteering.VolunteersAsync(activity.CommunityCode, null, false, false, 200, ct) : [];
        var talent = User.Holds(VolunteeringPolicies.Organise) ? await volunteering.VolunteersAsync(activity.CommunityCode[..6], null, true, false, 100, ct) : [];
        Candidates = [.. members.Concat(local).Concat(talent).DistinctBy(v => v.Id).Where(v => Roster.All(r => r.VolunteerId != v.Id)).OrderBy(v => v.Name)];
        Units = await volunteering.UnitNamesAsync(activity.Units.Select(u => u.PartnerUnitId), ct);
        CheckInUrl = $"{PublicUrl.Absolute(HttpContext)}/volunteering/checkin/{signUps.CheckInCode(Current)}";
        CheckInQr = QrCodes.Svg(CheckInUrl);
        return true;
    }
}
