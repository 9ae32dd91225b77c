using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>A volunteer's own page: registration, places (cancel), confirmed hours, activities nearby to sign up for.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MeModel(VolunteeringService volunteering, SignUpService signUps, CalendarFeeds feeds, HuyingDbContext db, TimeProvider clock) : ActionPage
{
    public Volunteer? Me { get; private set; }
    public List<(SignUp Place, string Activity, string Post)> Record { get; private set; } = [];
    public decimal Hours { get; private set; }
    public List<VolunteerCommendation> Commendations { get; private set; } = [];
    public int Served { get; private set; }
    public List<SlotView> Upcoming { get; private set; } = [];
    public List<VolunteerTeam> LeaderOf { get; private set; } = [];
    public List<Community> Communities { get; private set; } = [];
    public string FeedUrl { get; private set; } = "";
    public DateTime Now { get; private set; }
    public IReadOnlySet<(long Activity, long At, long Post)> Mine { get; private set; } = new HashSet<(long, long, long)>();

    public sealed class RegisterForm
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? CommunityCode { get; set; }
        public string? Affiliation { get; set; }
        public string? Skills { get; set; }
        public string? Availability { get; set; }
        public string? Platform { get; set; }
        public string? Employer { get; set; }
    }

    [BindProperty]
    public RegisterForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Name = User.DisplayName();
        Input.CommunityCode = User.HomeCommunity();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct) =>
        await ActAsync(() => volunteering.RegisterSelfAsync(new VolunteerInput(Input.CommunityCode, Input.Name, Input.Phone, null, Input.Affiliation,
            Input.Skills, Input.Availability, null, null, Input.Platform, Input.Employer), ct), () => Redirect("/volunteering/me"), () => LoadAsync(ct));

    public async Task<IActionResult> OnPostSignUpAsync(long activityId, long postId, long at, bool waitlist, CancellationToken ct) =>
        await signUps.PublicActivityAsync(activityId, ct) is { } activity
            ? await ActAsync(() => signUps.SignUpSelfAsync(activity, postId, at, waitlist, volunteering, ct), () => Redirect("/volunteering/me#my-places"),
                () => LoadAsync(ct), prefix: null)
            : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct) =>
        await signUps.SignUpOfAsync(id, ct) is { } place
            ? await ActAsync(() => signUps.CancelAsync(place, ct), () => Redirect("/volunteering/me#my-places"), () => LoadAsync(ct), prefix: null)
            : NotFound();

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Me = await signUps.MeAsync(ct);
        if (Me is null)
        {
            Communities = await db.Communities.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
            return;
        }
        Record = await volunteering.RecordAsync(Me, ct);
        Mine = Record.Where(r => r.Place.CancelledAt is null).Select(r => (r.Place.ActivityId, Schedule.ToKey(r.Place.OccurrenceStart), r.Place.PostId)).ToHashSet();
        Hours = Record.Where(r => r.Place.HoursConfirmedAt is not null).Sum(r => r.Place.Hours ?? 0);
        Served = Record.Count(r => r.Place.HoursConfirmedAt is not null);
        Commendations = await volunteering.CommendationsAsync(Me.Id, ct);
        // Nearby: the volunteer's county.
        Upcoming = [.. (await volunteering.PublicSlotsAsync(Me.CommunityCode[..6], Now.AddDays(-1), Now.AddDays(30), ct)).Where(v => v.Slot.EndsAt > Now).Take(30)];
        LeaderOf = await db.VolunteerTeams.IgnoreQueryFilters().AsNoTracking().Where(t => t.LeaderId == Me.Id).ToListAsync(ct);
        FeedUrl = $"/volunteering/volunteers/{Me.Id}.ics?key={Uri.EscapeDataString(feeds.KeyFor("volunteer", Me.Id))}";
    }
}
