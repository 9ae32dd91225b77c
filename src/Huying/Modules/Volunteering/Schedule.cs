using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

/// <summary>One occurrence of an activity: its start and end (UTC), and whether it was cancelled.</summary>
public sealed record Slot(Activity Activity, DateTime StartsAt, DateTime EndsAt, bool Cancelled)
{
    public long Key => Schedule.ToKey(StartsAt);
}

/// <summary>
/// Computes the occurrences of activities from their rules, less the public holidays (when the activity skips them)
/// and the occurrences cancelled one by one. Nothing is copied per occurrence.
/// </summary>
public sealed class Schedule(WorkCalendars calendars)
{
    /// <summary>Occurrences starting in [from, to), in order; cancelled ones included (marked) when asked.</summary>
    public async Task<List<Slot>> SlotsAsync(HuyingDbContext db, IReadOnlyList<Activity> activities, DateTime fromUtc, DateTime toUtc,
        bool withCancelled, CancellationToken ct)
    {
        var recurring = activities.Where(a => a.Recurrence is not null).Select(a => a.Id).ToList();
        var cancelled = recurring.Count == 0 ? [] : await db.Set<Occurrence>().IgnoreQueryFilters().AsNoTracking()
            .Where(o => recurring.Contains(o.ActivityId) && o.Cancelled && o.StartsAt >= fromUtc && o.StartsAt < toUtc)
            .Select(o => new { o.ActivityId, o.StartsAt }).ToListAsync(ct);
        var cancelledSet = cancelled.Select(c => (c.ActivityId, c.StartsAt)).ToHashSet();
        var calendar = activities.Any(a => a.SkipHolidays) ? await calendars.GetAsync(ct) : WorkCalendar.Plain;
        var slots = new List<Slot>();
        foreach (var a in activities)
        {
            foreach (var start in Starts(a, toUtc))
            {
                if (start < fromUtc)
                {
                    continue;
                }
                var off = a.CancelledAt is not null || cancelledSet.Contains((a.Id, start)) || (a.SkipHolidays && IsHoliday(calendar, start));
                if (!off || withCancelled)
                {
                    slots.Add(new Slot(a, start, start + a.Duration, off));
                }
            }
        }
        return [.. slots.OrderBy(s => s.StartsAt).ThenBy(s => s.Activity.Id)];
    }

    /// <summary>The one occurrence of <paramref name="activity"/> starting at <paramref name="startUtc"/>, if the rule has it and it is not cancelled.</summary>
    public async Task<Slot?> FindAsync(HuyingDbContext db, Activity activity, DateTime startUtc, CancellationToken ct)
    {
        var slots = await SlotsAsync(db, [activity], startUtc, startUtc.AddSeconds(1), withCancelled: true, ct);
        return slots.FirstOrDefault(s => s.StartsAt == startUtc);
    }

    /// <summary>Holidays a recurring activity skips between two times: the EXDATEs of its feed.</summary>
    public async Task<List<DateTime>> SkippedAsync(HuyingDbContext db, Activity activity, DateTime untilUtc, CancellationToken ct) =>
        [.. (await SlotsAsync(db, [activity], activity.StartsAt, untilUtc, withCancelled: true, ct)).Where(s => s.Cancelled).Select(s => s.StartsAt)];

    public static IEnumerable<DateTime> Starts(Activity a, DateTime toUtc)
    {
        if (a.Recurrence is null)
        {
            return a.StartsAt < toUtc ? [a.StartsAt] : [];
        }
        var rule = RecurrenceRule.Parse(a.Recurrence, out _);
        return rule is null ? [a.StartsAt] : rule.Starts(a.StartsAt, toUtc);
    }

    private static bool IsHoliday(WorkCalendar calendar, DateTime startUtc)
    {
        var day = DateOnly.FromDateTime(Display.Local(startUtc));
        return calendar.IsHoliday(day);
    }

    /// <summary>An occurrence named in addresses and JSON: its start in unix seconds.</summary>
    public static long ToKey(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    /// <summary>
    /// The start a key names; a key outside the years anything is kept for (1900–2100) is held at their edge, where no
    /// occurrence lies, so it names none instead of overflowing the calendar.
    /// </summary>
    public static DateTime FromKey(long key) => DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(key, EarliestKey, LatestKey)).UtcDateTime;

    private static readonly long EarliestKey = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly long LatestKey = new DateTimeOffset(2100, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
}
