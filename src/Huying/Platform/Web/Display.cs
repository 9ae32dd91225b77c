namespace Huying.Platform.Web;

/// <summary>
/// Times are stored in UTC and shown in the county's own time (App:TimeZone, Asia/Shanghai by default); times
/// typed into forms without a zone are read as that local time.
/// </summary>
public static class Display
{
    private static TimeZoneInfo zone = Find("Asia/Shanghai");

    public static void Configure(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            zone = Find(id);
        }
    }

    /// <summary>The county's time zone (what calendars name in their TZID).</summary>
    public static TimeZoneInfo Zone => zone;

    public static DateTime Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static DateTime? Local(DateTime? utc) => utc is { } value ? Local(value) : null;

    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => TimeZoneInfo.ConvertTimeToUtc(value, zone),
    };

    /// <summary>
    /// A deadline in words for the reader: "超期 3 天" / "超期 5 小时" once passed, "还剩 2 天" / "还剩 4 小时" before it
    /// (whole days by the local calendar, hours within the day), so a card never says only a date or a colour.
    /// </summary>
    public static string Deadline(DateTime dueUtc, DateTime nowUtc)
    {
        var (due, now) = (Local(dueUtc), Local(nowUtc));
        var days = Math.Abs((due.Date - now.Date).Days);
        var hours = (int)Math.Ceiling(Math.Abs((dueUtc - nowUtc).TotalHours));
        return dueUtc < nowUtc
            ? days >= 1 ? Localization.Tr.T("{0} days late", days) : Localization.Tr.T("{0} hours late", Math.Max(1, hours))
            : days >= 1 ? Localization.Tr.T("{0} days left", days) : Localization.Tr.T("{0} hours left", Math.Max(1, hours));
    }

    private static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
        }
    }
}
