using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

/// <summary>
/// Volunteering on the home page. A volunteer (or any resident, rider or member who registered) sees their next places,
/// tomorrow's first — the in-app half of the day-before reminder — and their confirmed hours; an organiser sees the
/// coming week's activities with places taken, and the days whose hours wait to be confirmed.
/// </summary>
public sealed class VolunteeringHome(HuyingDbContext db, VolunteeringService service, TimeProvider clock) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.Holds(VolunteeringPolicies.Organise))
        {
            return await OrganiserAsync(now, ct);
        }
        if (user.UserId() is not { } uid
            || await db.Volunteers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(v => v.UserId == uid, ct) is not { } me)
        {
            return user.Holds(Policies.StaffOrUnit) ? null
                : new HomeCard(40, "volunteering", Tr.T("Volunteering"), [], Tr.T("Register as a volunteer and sign up for activities near you."),
                    new HomeItem(Tr.T("Register as a volunteer"), "/volunteering/me"));
        }
        var places = await db.SignUps.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.VolunteerId == me.Id && s.CancelledAt == null && s.OccurrenceEnd > now)
            .OrderBy(s => s.OccurrenceStart).Take(5).ToListAsync(ct);
        var ids = places.Select(p => p.ActivityId).Distinct().ToList();
        var titles = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        var hours = await db.SignUps.IgnoreQueryFilters().Where(s => s.VolunteerId == me.Id && s.HoursConfirmedAt != null).SumAsync(s => s.Hours, ct) ?? 0;
        var items = places.Select(p => new HomeItem(titles.GetValueOrDefault(p.ActivityId) ?? "", $"/volunteering/me#signup-{p.Id}",
            When(p.OccurrenceStart, now) + (p.State == SignUpState.Waiting ? " · " + Tr.Name(SignUpState.Waiting) : ""),
            Urgent: p.OccurrenceStart - now < TimeSpan.FromDays(1))).ToList();
        items.Add(new HomeItem(Tr.T("Confirmed service hours"), "/volunteering/me", hours.ToString("0.#", CultureInfo.CurrentCulture)));
        return new HomeCard(15, "volunteering", Tr.T("My volunteering"), items, Tr.T("No place taken yet."),
            new HomeItem(Tr.T("Find activities"), "/volunteering/me#upcoming"));
    }

    private async Task<HomeCard> OrganiserAsync(DateTime now, CancellationToken ct)
    {
        var week = await service.SlotsAsync(null, now.AddHours(-12), now.AddDays(7), ct);
        var items = week.Take(5).Select(v => new HomeItem(v.Slot.Activity.Title, $"/volunteering/activities/{v.Slot.Activity.Id}?at={v.Slot.Key}",
            When(v.Slot.StartsAt, now) + " · " + Tr.T("{0} of {1} signed up", v.Slot.Activity.Posts.Sum(p => v.TakenOf(p.Id)), v.Slot.Activity.Posts.Sum(p => p.Capacity)))).ToList();
        var since = now.AddDays(-14);
        var toConfirm = await db.SignUps.AsNoTracking()
            .Where(s => s.State == SignUpState.Taken && s.HoursConfirmedAt == null && !s.NoShow && s.OccurrenceStart >= since && s.OccurrenceStart < now)
            .Select(s => new { s.ActivityId, s.OccurrenceStart }).Distinct().CountAsync(ct);
        items.Add(new HomeItem(Tr.T("Days whose hours wait to be confirmed"), "/volunteering?show=confirm", toConfirm.ToString(CultureInfo.CurrentCulture), Urgent: toConfirm > 0));
        return new HomeCard(35, "volunteering", Tr.T("Volunteering this week"), items, Tr.T("No activity this week."),
            new HomeItem(Tr.T("New activity"), "/volunteering/new"));
    }

    private static string When(DateTime startUtc, DateTime nowUtc)
    {
        var local = Display.Local(startUtc);
        var today = Display.Local(nowUtc).Date;
        var day = local.Date == today ? Tr.T("Today") : local.Date == today.AddDays(1) ? Tr.T("Tomorrow") : local.ToString("M-d", CultureInfo.InvariantCulture);
        return day + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }
}
