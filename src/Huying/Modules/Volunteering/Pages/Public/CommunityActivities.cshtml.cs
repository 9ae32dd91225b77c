using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering.Pages.Public;

/// <summary>A community's coming activities for everyone; signing up asks a visitor to sign in first.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Platform.Web.PublicPages.Policy)]
public sealed class CommunityActivitiesModel(VolunteeringService volunteering, SignUpService signUps, Platform.Data.HuyingDbContext db, TimeProvider clock) : ActionPage
{
    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public List<SlotView> Slots { get; private set; } = [];
    public List<VolunteerTeam> Teams { get; private set; } = [];
    public string? Done { get; private set; }
    public IReadOnlySet<(long Activity, long At, long Post)> Mine { get; private set; } = new HashSet<(long, long, long)>();

    public async Task<IActionResult> OnGetAsync(string community, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(community, ct))
        {
            return NotFound();
        }
        Done = done is "taken" ? Tr.T("You have a place. See you there!") : done is "waiting" ? Tr.T("You are on the waiting list; we tell you when a place frees up.") : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSignUpAsync(string community, long activityId, long postId, long at, bool waitlist, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Redirect("/account/login?ReturnUrl=" + Uri.EscapeDataString($"/c/{community}/volunteering"));
        }
        var activity = await signUps.PublicActivityAsync(activityId, ct);
        if (activity is null || activity.CommunityCode != community)
        {
            return NotFound();
        }
        SignUp? place = null;
        return await ActAsync(async () => place = await signUps.SignUpSelfAsync(activity, postId, at, waitlist, volunteering, ct),
            () => Redirect($"/c/{community}/volunteering?done={(place!.State == SignUpState.Taken ? "taken" : "waiting")}#slot-{activityId}-{at}"),
            () => LoadAsync(community, ct), prefix: null);
    }

    private async Task<bool> LoadAsync(string community, CancellationToken ct)
    {
        if (await volunteering.CommunityNameAsync(community, ct) is not { } name)
        {
            return false;
        }
        (Community, CommunityName) = (community, name);
        var now = clock.GetUtcNow().UtcDateTime;
        Slots = [.. (await volunteering.PublicSlotsAsync(community, now.AddDays(-1), now.AddDays(30), ct)).Where(v => v.Slot.EndsAt > now).Take(40)];
        if (await signUps.MeAsync(ct) is { } me)
        {
            var ids = Slots.Select(v => v.Slot.Activity.Id).ToList();
            Mine = (await db.SignUps.IgnoreQueryFilters().AsNoTracking().Where(s => s.VolunteerId == me.Id && s.CancelledAt == null && ids.Contains(s.ActivityId))
                .Select(s => new { s.ActivityId, s.OccurrenceStart, s.PostId }).ToListAsync(ct))
                .Select(s => (s.ActivityId, Schedule.ToKey(s.OccurrenceStart), s.PostId)).ToHashSet();
        }
        Teams = await db.VolunteerTeams.IgnoreQueryFilters().AsNoTracking().Include(t => t.Leader)
            .Where(t => t.CommunityCode == community).OrderBy(t => t.Id).ToListAsync(ct);
        return true;
    }
}
