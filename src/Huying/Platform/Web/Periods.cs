namespace Huying.Platform.Web;

public static class Periods
{
    /// <summary>
    /// The period a figures page shows: what was asked, else this year to today; a period that ends before it starts or
    /// lies outside 2000–2100 falls back to this year to today (a page shows something sensible rather than refuse).
    /// </summary>
    public static (DateOnly From, DateOnly To) YearToDate(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var (start, end) = (from ?? new DateOnly((to ?? today).Year, 1, 1), to ?? today);
        return start > end || start.Year < 2000 || end.Year > 2100 ? (new DateOnly(today.Year, 1, 1), today) : (start, end);
    }
}
