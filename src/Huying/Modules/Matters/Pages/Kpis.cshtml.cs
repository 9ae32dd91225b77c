using System.Text.Json;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Matters.Pages;

/// <summary>KPIs by community, grid, unit, category or month for any period; each rate shows what it is made of.</summary>
[Authorize(Policy = Platform.Accounts.Policies.StaffOrUnit)]
[Huying.Platform.Data.ReplicaRead]
public sealed class KpisModel(MatterKpis kpis, TimeProvider clock) : PageModel
{
    public KpiReport Report { get; private set; } = null!;
    /// <summary>The period before (a month before a month …), its totals only, for the comparison beside each total.</summary>
    public KpiReport Previous { get; private set; } = null!;
    public IReadOnlyList<KpiPeriods.Period> QuickPeriods { get; private set; } = [];
    public KpiGroup Group { get; private set; }
    public string? Division { get; private set; }
    public string ChartJson { get; private set; } = "{}";

    public static readonly KpiGroup[] Groups = [KpiGroup.Community, KpiGroup.Grid, KpiGroup.Unit, KpiGroup.Category, KpiGroup.Month];

    public async Task OnGetAsync(DateOnly? from, DateOnly? to, string? groupBy, string? division, CancellationToken ct)
    {
        Group = Enum.TryParse<KpiGroup>(groupBy, true, out var g) ? g : KpiGroup.Community;
        Division = division;
        Report = await kpis.ReportAsync(division, from, to, Group, Tr.IsChinese, ct);
        var (previousFrom, previousTo) = KpiPeriods.Previous(Report.From, Report.To);
        Previous = await kpis.ReportAsync(division, previousFrom, previousTo, KpiGroup.None, Tr.IsChinese, ct);
        QuickPeriods = KpiPeriods.Quick(DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime)));
        var rows = Report.Rows.Where(r => r.Submitted > 0).Take(20).ToList();
        static double Pct(double? v) => v is { } x ? Math.Round(x * 100, 1) : 0;
        ChartJson = JsonSerializer.Serialize(new
        {
            categories = rows.Select(r => r.Name),
            series = new[]
            {
                new { name = Tr.T("Response rate") + " %", data = rows.Select(r => Pct(r.ResponseRate)) },
                new { name = Tr.T("On-time rate") + " %", data = rows.Select(r => Pct(r.OnTimeRate)) },
                new { name = Tr.T("Satisfaction rate") + " %", data = rows.Select(r => Pct(r.SatisfactionRate)) },
            },
        });
    }

    public static string GroupName(KpiGroup g) => g switch
    {
        KpiGroup.Grid => "Grid",
        KpiGroup.Unit => "Unit",
        KpiGroup.Category => "Category",
        KpiGroup.Month => "Month",
        _ => "Community",
    };
}
