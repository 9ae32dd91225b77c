using System.Globalization;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

/// <summary>The day itself: the venue's check-in code, check-in and out, the roster, confirmed hours, people served, a date cancelled.</summary>
public sealed partial class SignUpService
{
    /// <summary>The code a volunteer scans at the venue: signed, for one occurrence, valid until check-out closes.</summary>
    public string CheckInCode(Slot slot) =>
        CheckInCodes.Protect($"{slot.Activity.Id}:{slot.Key}", new DateTimeOffset(DateTime.SpecifyKind(slot.EndsAt + LateCheckOut, DateTimeKind.Utc)));

    /// <summary>The activity and occurrence a scanned code stands for; null when forged or expired.</summary>
    public (long ActivityId, DateTime Start)? ReadCheckInCode(string? code)
    {
        try
        {
            var text = CheckInCodes.Unprotect(code ?? "", out _);
            var parts = text.Split(':');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), Schedule.FromKey(long.Parse(parts[1], CultureInfo.InvariantCulture)));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The caller's own place at an occurrence, if they hold one.</summary>
    public async Task<SignUp?> MyPlaceAsync(long activityId, DateTime start, CancellationToken ct) =>
        await MeAsync(ct) is { } me
            ? await db.SignUps.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.ActivityId == activityId && s.OccurrenceStart == start
                && s.VolunteerId == me.Id && s.State == SignUpState.Taken, ct)
            : null;

    /// <summary>Checks the caller in (or out) by the scanned code, within the occurrence's window only.</summary>
    public async Task<SignUp> ScanAsync(string code, bool checkOut, CancellationToken ct)
    {
        var (activityId, start) = ReadCheckInCode(code) ?? throw new RuleViolationException("This check-in code is not valid or has expired");
        var place = await MyPlaceAsync(activityId, start, ct) ?? throw new RuleViolationException("You have no place at this activity");
        var now = Now;
        if (!checkOut)
        {
            if (now < place.OccurrenceStart - EarlyCheckIn || now > place.OccurrenceEnd)
            {
                throw new RuleViolationException("Check-in is open from an hour before the start until the end");
            }
            place.CheckedInAt ??= now;
            place.CheckInBy ??= "qr";
        }
        else
        {
            if (place.CheckedInAt is null)
            {
                throw new RuleViolationException("Check in first");
            }
            if (now > place.OccurrenceEnd + LateCheckOut)
            {
                throw new RuleViolationException("Check-out closed two hours after the end");
            }
            place.CheckedOutAt = now;
        }
        await db.SaveChangesAsync(ct);
        return place;
    }

    /// <summary>The places of one occurrence, with their volunteers, for the roster.</summary>
    public Task<List<SignUp>> RosterAsync(Activity activity, DateTime start, CancellationToken ct) =>
        db.SignUps.IgnoreQueryFilters().AsNoTracking().Include(s => s.Volunteer)
            .Where(s => s.ActivityId == activity.Id && s.OccurrenceStart == start && s.CancelledAt == null)
            .OrderBy(s => s.PostId).ThenBy(s => s.State).ThenBy(s => s.Seat).ThenBy(s => s.SignedUpAt).ThenBy(s => s.Id).ToListAsync(ct);

    /// <summary>
    /// The leader closes the day: ticked names count as present (checked in by the leader when they did not scan), the
    /// others are no-shows, and each present volunteer's hours are confirmed — the time they were there within the
    /// occurrence (at least half an hour, in half hours), or the hours the leader wrote.
    /// </summary>
    public async Task<List<SignUp>> ConfirmAsync(Activity activity, DateTime start, HoursInput input, CancellationToken ct)
    {
        await RequireLeadAsync(activity, ct);
        var slot = await schedule.FindAsync(db, activity, start, ct);
        if (slot is null || slot.Cancelled)
        {
            throw new FieldException("at", "Choose a date the activity takes place");
        }
        if (Now < slot.StartsAt)
        {
            throw new RuleViolationException("Hours are confirmed once the activity has started");
        }
        var present = (input.Present ?? []).ToHashSet();
        var overrides = input.Hours ?? [];
        var max = (decimal)Math.Ceiling(slot.Activity.Duration.TotalHours * 2) / 2;
        var errors = new FieldErrors();
        foreach (var (id, h) in overrides)
        {
            errors.Add($"hours[{id}]", h <= 0 || h > max ? new Message("Hours are between 0.5 and {0}", max) : default(Message?));
        }
        errors.ThrowIfAny();
        var places = await db.SignUps.IgnoreQueryFilters()
            .Where(s => s.ActivityId == activity.Id && s.OccurrenceStart == start && s.State == SignUpState.Taken).ToListAsync(ct);
        var by = Principal.Identity?.Name ?? "system";
        foreach (var place in places)
        {
            if (!present.Contains(place.Id) && place.CheckedInAt is null)
            {
                place.NoShow = true;
                place.Hours = null;
                place.HoursConfirmedAt = null;
                continue;
            }
            place.NoShow = false;
            if (place.CheckedInAt is null)
            {
                place.CheckedInAt = slot.StartsAt;
                place.CheckInBy = "leader";
            }
            var from = place.CheckedInAt.Value < slot.StartsAt ? slot.StartsAt : place.CheckedInAt.Value;
            // Without a check-out, until the end — or until now, when the leader confirms before the end.
            var end = Now < slot.EndsAt ? Now : slot.EndsAt;
            var to = place.CheckedOutAt is { } o && o < end ? o : end;
            var worked = Math.Max(0.5m, Math.Floor((decimal)(to - from).TotalHours * 2) / 2);
            place.Hours = overrides.TryGetValue(place.Id, out var h) ? h : Math.Min(worked, max);
            place.HoursConfirmedAt = Now;
            place.ConfirmedBy = by;
        }
        await db.SaveChangesAsync(ct);
        return places;
    }

    /// <summary>How many people the occurrence served (recorded by the leader after it).</summary>
    public async Task<Occurrence> RecordServedAsync(Activity activity, ServedInput input, CancellationToken ct)
    {
        await RequireLeadAsync(activity, ct);
        var (slot, atError) = await SlotAtAsync(activity, input.At, ct);
        new FieldErrors()
            .Add("at", atError)
            .Add("peopleServed", input.PeopleServed is null or < 0 or > 1_000_000 ? "People served is a number from 0 to 1,000,000" : null)
            .ThrowIfAny();
        if (Now < slot!.StartsAt)
        {
            throw new RuleViolationException("People served are recorded once the activity has started");
        }
        var occurrence = await OccurrenceAsync(activity, slot.StartsAt, ct);
        occurrence.PeopleServed = input.PeopleServed;
        await db.SaveChangesAsync(ct);
        return occurrence;
    }

    /// <summary>Cancels one occurrence of a recurring activity (only it); its volunteers are told.</summary>
    public async Task<Occurrence> CancelOccurrenceAsync(Activity activity, CancelOccurrenceInput input, CancellationToken ct)
    {
        await RequireLeadAsync(activity, ct);
        var (slot, atError) = await SlotAtAsync(activity, input.At, ct);
        new FieldErrors()
            .Add("at", atError)
            .Add("reason", string.IsNullOrWhiteSpace(input.Reason) ? "Give the reason" : input.Reason.Length > 200 ? "Reason is too long (200 characters at most)" : null)
            .ThrowIfAny();
        var occurrence = await OccurrenceAsync(activity, slot!.StartsAt, ct);
        occurrence.Cancelled = true;
        occurrence.CancelReason = input.Reason!.Trim();
        var places = await db.SignUps.IgnoreQueryFilters().Include(s => s.Volunteer)
            .Where(s => s.ActivityId == activity.Id && s.OccurrenceStart == slot.StartsAt && s.CancelledAt == null).ToListAsync(ct);
        foreach (var p in places)
        {
            p.State = SignUpState.Cancelled;
            p.Seat = null;
            p.CancelledAt = Now;
        }
        foreach (var p in places)
        {
            Text(db, p.Volunteer!, activity.CommunityCode, "Volunteer activity cancelled",
                $"{activity.Title} {Display.Local(slot.StartsAt).ToString("M-d HH:mm", CultureInfo.InvariantCulture)}：{occurrence.CancelReason}", Now);
        }
        await db.SaveChangesAsync(ct);
        return occurrence;
    }
}
