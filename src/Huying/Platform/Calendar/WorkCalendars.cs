using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Huying.Platform.Calendar;

/// <summary>
/// The county's working calendar (holidays and make-up working days), read on every deadline and changed a few times
/// a year: cached, forgotten on change. Every module's working-time deadlines count on it.
/// </summary>
public sealed class WorkCalendars(HuyingContextFactory contexts, IMemoryCache cache, CurrentUser user)
{
    private const string Key = "work-calendar";

    public async Task<WorkCalendar> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key, out WorkCalendar? calendar) && calendar is not null)
        {
            return calendar;
        }
        await using var db = contexts.Create(DataScope.System);
        var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct);
        calendar = new WorkCalendar(days.Where(d => !d.IsWorkday).Select(d => d.Date).ToHashSet(),
            days.Where(d => d.IsWorkday).Select(d => d.Date).ToHashSet());
        cache.Set(Key, calendar, TimeSpan.FromMinutes(5));
        return calendar;
    }

    public static Task<List<CalendarDay>> DaysAsync(HuyingDbContext db, CancellationToken ct) =>
        db.Set<CalendarDay>().AsNoTracking().OrderBy(d => d.Date).ToListAsync(ct);

    /// <summary>Sets a day as a holiday or a make-up working day, or removes it from the calendar.</summary>
    public async Task SetDayAsync(HuyingDbContext db, DateOnly? date, string? name, bool isWorkday, bool remove, CancellationToken ct)
    {
        user.Require(Policies.Admin);
        var errors = new FieldErrors()
            .Add("date", date is null ? "Give the date and its name" : date.Value.Year is < 1900 or > 2100 ? "The date must be between 1900 and 2100" : null)
            .Add("name", !remove && string.IsNullOrWhiteSpace(name) ? "Give the date and its name" : name is { Length: > 50 } ? new Message("Keep it under {0} characters", 50) : default(Message?));
        errors.ThrowIfAny();
        var existing = await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Date == date, ct);
        if (existing is not null)
        {
            db.Remove(existing);
        }
        if (!remove)
        {
            db.Add(new CalendarDay { Date = date!.Value, Name = name!.Trim(), IsWorkday = isWorkday });
        }
        await db.SaveChangesAsync(ct);
        cache.Remove(Key);
    }

    /// <summary>2026 public holidays (放假) and make-up working days (调休上班) as announced by the State Council.</summary>
    private static readonly (string Date, bool Workday, string Name)[] Calendar2026 =
    [
        ("2026-01-01", false, "元旦"), ("2026-01-02", false, "元旦"), ("2026-01-03", false, "元旦"), ("2026-01-04", true, "元旦调休"),
        ("2026-02-14", true, "春节调休"), ("2026-02-15", false, "春节"), ("2026-02-16", false, "春节"), ("2026-02-17", false, "春节"),
        ("2026-02-18", false, "春节"), ("2026-02-19", false, "春节"), ("2026-02-20", false, "春节"), ("2026-02-21", false, "春节"),
        ("2026-02-22", false, "春节"), ("2026-02-23", false, "春节"), ("2026-02-28", true, "春节调休"),
        ("2026-04-04", false, "清明节"), ("2026-04-05", false, "清明节"), ("2026-04-06", false, "清明节"),
        ("2026-05-01", false, "劳动节"), ("2026-05-02", false, "劳动节"), ("2026-05-03", false, "劳动节"), ("2026-05-04", false, "劳动节"),
        ("2026-05-05", false, "劳动节"), ("2026-05-09", true, "劳动节调休"),
        ("2026-06-19", false, "端午节"), ("2026-06-20", false, "端午节"), ("2026-06-21", false, "端午节"),
        ("2026-09-20", true, "国庆节调休"), ("2026-09-25", false, "中秋节"), ("2026-09-26", false, "中秋节"), ("2026-09-27", false, "中秋节"),
        ("2026-10-01", false, "国庆节"), ("2026-10-02", false, "国庆节"), ("2026-10-03", false, "国庆节"), ("2026-10-04", false, "国庆节"),
        ("2026-10-05", false, "国庆节"), ("2026-10-06", false, "国庆节"), ("2026-10-07", false, "国庆节"), ("2026-10-10", true, "国庆节调休"),
    ];

    /// <summary>The calendar every installation starts with, when it has none.</summary>
    public static async Task EnsureDefaultsAsync(HuyingDbContext db, CancellationToken ct)
    {
        if (!await db.Set<CalendarDay>().AnyAsync(ct))
        {
            db.AddRange(Calendar2026.Select(d => new CalendarDay
            {
                Date = DateOnly.Parse(d.Date, CultureInfo.InvariantCulture), IsWorkday = d.Workday, Name = d.Name,
            }));
            await db.SaveChangesAsync(ct);
        }
    }
}
