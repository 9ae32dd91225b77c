using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Platform.Calendar;

/// <summary>A configured holiday (放假) or make-up working day (调休上班) of the county's calendar.</summary>
public sealed class CalendarDay : IAudited
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public bool IsWorkday { get; set; }
    public required string Name { get; set; }
}

public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("CalendarDays");
        b.Property(c => c.Name).HasMaxLength(50);
        b.HasIndex(c => c.Date).IsUnique();
    }
}

/// <summary>
/// Deadline arithmetic. In working time the clock runs only on working days of the county's calendar (local
/// time): Monday to Friday unless a configured holiday, plus configured make-up working days.
/// </summary>
public sealed class WorkCalendar(IReadOnlySet<DateOnly> holidays, IReadOnlySet<DateOnly> workdays)
{
    public static WorkCalendar Plain { get; } = new(new HashSet<DateOnly>(), new HashSet<DateOnly>());

    /// <summary>A public holiday of the calendar (放假), not an ordinary weekend.</summary>
    public bool IsHoliday(DateOnly day) => holidays.Contains(day);

    public bool IsWorkday(DateOnly day) =>
        workdays.Contains(day) || (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && !holidays.Contains(day));

    /// <summary>Working days between two instants (local days of the calendar; a part day counts as the part it is).</summary>
    public double WorkingDaysBetween(DateTime fromUtc, DateTime toUtc)
    {
        var days = 0.0;
        var t = Display.Local(fromUtc);
        var end = Display.Local(toUtc);
        while (t < end)
        {
            var next = t.Date.AddDays(1) < end ? t.Date.AddDays(1) : end;
            if (IsWorkday(DateOnly.FromDateTime(t)))
            {
                days += (next - t).TotalDays;
            }
            t = next;
        }
        return days;
    }

    public DateTime Add(DateTime startUtc, int minutes, bool workingTime)
    {
        if (!workingTime)
        {
            return startUtc.AddMinutes(minutes);
        }
        var t = Display.Local(startUtc);
        var remaining = TimeSpan.FromMinutes(minutes);
        while (true)
        {
            var day = DateOnly.FromDateTime(t);
            var endOfDay = t.Date.AddDays(1);
            if (IsWorkday(day))
            {
                var left = endOfDay - t;
                if (remaining <= left)
                {
                    return Display.ToUtc(DateTime.SpecifyKind(t + remaining, DateTimeKind.Unspecified));
                }
                remaining -= left;
            }
            t = endOfDay;
        }
    }
}

