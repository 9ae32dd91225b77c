using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>
/// The town's and county's card: the communities side by side this month — open overdue matters, on-time and
/// satisfaction rates — the worst five first, each opening that community's KPIs by grid; and the 12 months' trend
/// of the on-time and satisfaction rates with the matters raised, from the monthly roll-ups.
/// </summary>
public sealed class MatterOverviewHome(MatterKpis kpis, MattersService matters, HomeCardCache cache, TimeProvider clock) : IHomeSection
{
    public const int Worst = 5;

    public Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct) =>
        !user.IsInRole(Roles.TownOfficer) && !user.IsInRole(Roles.CountyOfficer) ? Task.FromResult<HomeCard?>(null)
        : cache.GetAsync(user, "overview", () => CountAsync(ct));

    private async Task<HomeCard?> CountAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Display.Local(now));
        var month = await kpis.ReportAsync(null, null, null, KpiGroup.Community, Tr.IsChinese, ct);
        // One capped count per community (its index range), not a grouping over every overdue matter of the county.
        var overdue = new Dictionary<string, int>();
        foreach (var row in month.Rows)
        {
            overdue[row.Key] = await MatterHome.CountUpToAsync(matters.Queue(new QueueFilter(Community: row.Key, View: QueueView.Overdue)), ct);
        }
        static string Pct(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.CurrentCulture) : "—";
        var ranked = month.Rows
            .OrderByDescending(r => overdue.GetValueOrDefault(r.Key))
            .ThenBy(r => r.OnTimeRate ?? 2).ThenBy(r => r.SatisfactionRate ?? 2).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Take(Worst)
            .Select(r => new HomeItem(r.Name, $"/matters/kpis?division={r.Key}&groupBy=grid",
                Tr.T("{0} overdue · on time {1} · satisfied {2}", MatterHome.Shown(overdue.GetValueOrDefault(r.Key)), Pct(r.OnTimeRate), Pct(r.SatisfactionRate)),
                Urgent: overdue.GetValueOrDefault(r.Key) > 0))
            .ToList();

        var trend = await kpis.ReportAsync(null, new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today, KpiGroup.Month, Tr.IsChinese, ct);
        var months = Enumerable.Range(0, 12).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - 11)).ToList();
        var byMonth = trend.Rows.ToDictionary(r => r.Key);
        KpiRow? At(DateOnly m) => byMonth.GetValueOrDefault(m.ToString("yyyyMM", CultureInfo.InvariantCulture));
        static double? Percent(double? rate) => rate is { } r ? Math.Round(r * 100, 1) : null;
        var chart = JsonSerializer.Serialize(new
        {
            type = "line",
            percent = true,
            categories = months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            series = new[]
            {
                new { name = Tr.T("On-time rate") + " %", data = months.Select(m => Percent(At(m)?.OnTimeRate)) },
                new { name = Tr.T("Satisfaction rate") + " %", data = months.Select(m => Percent(At(m)?.SatisfactionRate)) },
            },
        });
        var raised = months.Select(m => At(m)?.Submitted ?? 0).ToList();
        return new HomeCard(5, "overview", Tr.T("Communities this month, worst first"), ranked, Tr.T("No community in scope."),
            new HomeItem(Tr.T("All {0} communities", month.Rows.Count), "/matters/kpis"), chart,
            Tr.T("On-time and satisfaction rates over 12 months; matters raised per month: {0}", string.Join(", ", raised)));
    }
}
