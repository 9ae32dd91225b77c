using System.Globalization;
using Huying.Platform.Localization;
using Huying.Platform.Web;

namespace Huying.Modules.Dashboard;

/// <summary>Every table of a dashboard as one .xlsx, a sheet each: the headline figures, the areas, the twelve months, the practices' figures and the longest overdue.</summary>
public static class DashboardSheets
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync(DashboardView view, Stream output, CancellationToken ct)
    {
        string T(string english) => DictionaryLocalizer.Translate(english);
        static string? Rate(double? r) => r is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : null;
        var noData = T("No data");
        var sheets = new Dictionary<string, object>
        {
            [T("Headline figures")] = view.Tiles.Select(t => new Dictionary<string, object?>
            {
                [T("Figure")] = T(t.Label), [T("Value")] = t.Value ?? noData,
            }),
            [T("Areas")] = view.Areas.Select(a => new Dictionary<string, object?>
            {
                [T("Division code")] = a.Code, [T("Area")] = SafeCell.Text(a.Name), [T("Matters raised")] = a.Submitted, [T("Matters resolved")] = a.Resolved,
                [T("On-time rate")] = Rate(a.OnTimeRate) ?? noData, [T("Satisfaction rate")] = Rate(a.SatisfactionRate) ?? noData,
            }),
            [T("Twelve months")] = view.Months.Select(m => new Dictionary<string, object?>
            {
                [T("Month")] = m.Name, [T("Matters raised")] = m.Submitted, [T("Matters resolved")] = m.Resolved,
                [T("On-time rate")] = Rate(m.OnTimeRate) ?? noData, [T("Satisfaction rate")] = Rate(m.SatisfactionRate) ?? noData,
            }),
            [T("Practices")] = view.Briefing.Paragraphs.SelectMany(p => p.Sentences.SelectMany(s => s.Figures.Select(f => new Dictionary<string, object?>
            {
                [T("Practice")] = p.Practice, [T("Figure")] = f.Name, [T("As written")] = f.Shown, [T("Value")] = f.Value, [T("Source")] = f.Source,
            }))),
            [T("Longest overdue")] = view.Worst.Select(m => new Dictionary<string, object?>
            {
                [T("Tracking code")] = m.TrackingCode, [T("Category")] = SafeCell.Text(m.Category), [T("Place")] = SafeCell.Text(m.Place), [T("Days overdue")] = m.DaysOverdue,
            }),
        };
        await MiniExcelLibs.MiniExcel.SaveAsAsync(output, sheets, cancellationToken: ct);
    }
}
