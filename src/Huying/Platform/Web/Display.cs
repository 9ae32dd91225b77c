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

    public static DateTime Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static DateTime? Local(DateTime? utc) => utc is { } value ? Local(value) : null;

    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => TimeZoneInfo.ConvertTimeToUtc(value, zone),
    };

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
