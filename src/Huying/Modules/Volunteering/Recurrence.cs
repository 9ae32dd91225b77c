using System.Globalization;
using Huying.Platform.Localization;
using Huying.Platform.Web;

namespace Huying.Modules.Volunteering;

/// <summary>
/// The part of an RFC 5545 RRULE that volunteer activities use: FREQ=DAILY, WEEKLY or MONTHLY, INTERVAL, BYDAY (weekly),
/// COUNT and UNTIL. Occurrences are computed in the county's local time from the first one, so "every Friday 15:30"
/// stays at 15:30. Anything else in a rule is refused when the activity is saved, not silently dropped.
/// </summary>
public sealed record RecurrenceRule(string Frequency, int Interval, IReadOnlyList<DayOfWeek> Days, int? Count, DateTime? UntilUtc)
{
    private static readonly string[] DayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    /// <summary>Reads a rule (with or without the "RRULE:" prefix); null and the reason when it is not one we compute.</summary>
    public static RecurrenceRule? Parse(string? text, out string? error)
    {
        error = null;
        var value = text?.Trim() ?? "";
        if (value.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[6..];
        }
        string? frequency = null;
        int interval = 1;
        int? count = null;
        DateTime? until = null;
        var days = new List<DayOfWeek>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                error = "Not a recurrence rule";
                return null;
            }
            var (key, v) = (pair[0].Trim().ToUpperInvariant(), pair[1].Trim().ToUpperInvariant());
            switch (key)
            {
                case "FREQ" when v is "DAILY" or "WEEKLY" or "MONTHLY":
                    frequency = v;
                    break;
                case "INTERVAL" when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i is >= 1 and <= 52:
                    interval = i;
                    break;
                case "COUNT" when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 1000:
                    count = c;
                    break;
                case "UNTIL" when ParseUntil(v) is { } u:
                    until = u;
                    break;
                case "BYDAY":
                    foreach (var d in v.Split(','))
                    {
                        var index = Array.IndexOf(DayCodes, d.Trim());
                        if (index < 0)
                        {
                            error = "Days are written MO, TU, WE, TH, FR, SA, SU";
                            return null;
                        }
                        days.Add((DayOfWeek)index);
                    }
                    break;
                case "WKST" when v == "MO":
                    break;
                default:
                    error = "The rule may use FREQ (DAILY, WEEKLY, MONTHLY), INTERVAL, BYDAY, COUNT and UNTIL";
                    return null;
            }
        }
        if (frequency is null)
        {
            error = "The rule needs FREQ (DAILY, WEEKLY or MONTHLY)";
            return null;
        }
        if (days.Count > 0 && frequency != "WEEKLY")
        {
            error = "BYDAY is for weekly rules";
            return null;
        }
        if (count is not null && until is not null)
        {
            error = "A rule ends by COUNT or by UNTIL, not both";
            return null;
        }
        return new RecurrenceRule(frequency, interval, [.. days.Distinct().OrderBy(d => ((int)d + 6) % 7)], count, until);
    }

    private static DateTime? ParseUntil(string v)
    {
        if (DateTime.TryParseExact(v, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        }
        // A date alone is the end of that local day.
        return DateTime.TryParseExact(v, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? Display.ToUtc(DateTime.SpecifyKind(date.AddDays(1).AddTicks(-1), DateTimeKind.Unspecified))
            : null;
    }

    /// <summary>The rule written back (what the feed carries), UNTIL in UTC.</summary>
    public override string ToString()
    {
        var parts = new List<string> { "FREQ=" + Frequency };
        if (Interval != 1)
        {
            parts.Add("INTERVAL=" + Interval.ToString(CultureInfo.InvariantCulture));
        }
        if (Days.Count > 0)
        {
            parts.Add("BYDAY=" + string.Join(",", Days.Select(d => DayCodes[(int)d])));
        }
        if (Count is { } c)
        {
            parts.Add("COUNT=" + c.ToString(CultureInfo.InvariantCulture));
        }
        if (UntilUtc is { } u)
        {
            parts.Add("UNTIL=" + u.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        }
        return string.Join(";", parts);
    }

    /// <summary>
    /// Starts (UTC) of the occurrences from <paramref name="firstUtc"/> on, in order, that begin before <paramref name="toUtc"/>;
    /// COUNT counts every occurrence of the rule (exceptions are taken out afterwards, as RFC 5545 does with EXDATE).
    /// </summary>
    public IEnumerable<DateTime> Starts(DateTime firstUtc, DateTime toUtc)
    {
        var first = Display.Local(firstUtc);
        var produced = 0;
        foreach (var local in LocalStarts(first))
        {
            var utc = Display.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
            if (utc >= toUtc || (UntilUtc is { } until && utc > until) || (Count is { } count && produced >= count))
            {
                yield break;
            }
            produced++;
            yield return utc;
        }
    }

    private IEnumerable<DateTime> LocalStarts(DateTime first)
    {
        switch (Frequency)
        {
            case "DAILY":
                for (var d = first; ; d = d.AddDays(Interval))
                {
                    yield return d;
                }
            case "MONTHLY":
                for (var m = 0; m < 12 * 200; m += Interval)
                {
                    var month = new DateTime(first.Year, first.Month, 1).AddMonths(m);
                    // A month without that day (the 31st in April) has no occurrence (RFC 5545).
                    if (first.Day <= DateTime.DaysInMonth(month.Year, month.Month))
                    {
                        yield return month.AddDays(first.Day - 1).Add(first.TimeOfDay);
                    }
                }
                yield break;
            default:
                var days = Days.Count > 0 ? Days : [first.DayOfWeek];
                var monday = first.Date.AddDays(-(((int)first.DayOfWeek + 6) % 7));
                for (var week = monday; ; week = week.AddDays(7 * Interval))
                {
                    foreach (var day in days)
                    {
                        var start = week.AddDays(((int)day + 6) % 7).Add(first.TimeOfDay);
                        if (start >= first)
                        {
                            yield return start;
                        }
                    }
                }
        }
    }

    private static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Tr.T("Monday"),
        DayOfWeek.Tuesday => Tr.T("Tuesday"),
        DayOfWeek.Wednesday => Tr.T("Wednesday"),
        DayOfWeek.Thursday => Tr.T("Thursday"),
        DayOfWeek.Friday => Tr.T("Friday"),
        DayOfWeek.Saturday => Tr.T("Saturday"),
        _ => Tr.T("Sunday"),
    };

    /// <summary>The rule in the reader's words: 每周五, 每 2 周一、三, 每天, 每月 7 日.</summary>
    public string Describe()
    {
        var every = Frequency switch
        {
            "DAILY" => Interval == 1 ? Tr.T("Every day") : Tr.T("Every {0} days", Interval),
            "MONTHLY" => Interval == 1 ? Tr.T("Every month") : Tr.T("Every {0} months", Interval),
            _ => (Interval == 1 ? Tr.T("Every week") : Tr.T("Every {0} weeks", Interval))
                + (Days.Count > 0 ? " " + string.Join(Tr.IsChinese ? "、" : ", ", Days.Select(DayName)) : ""),
        };
        return Count is { } c ? every + " · " + Tr.T("{0} times", c)
            : UntilUtc is { } u ? every + " · " + Tr.T("until {0}", Display.Local(u).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : every;
    }
}
