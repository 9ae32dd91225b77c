using System.Globalization;
using System.Security.Claims;
using Huying.Modules.Matters;
using Microsoft.Extensions.Caching.Memory;
using Huying.Modules.Organisation;
using Huying.Platform.Web;

namespace Huying.Modules.Dashboard;

/// <summary>One area one level down (a city's county, a county's community, a community's grid) with the link that opens it.</summary>
public sealed record DashboardArea(string Code, string Name, int Submitted, int Resolved, double? OnTimeRate, double? SatisfactionRate, string Href);

/// <summary>A headline figure (its label an English text of the dictionary; a null value is 暂无数据) and the list behind it.</summary>
public sealed record DashboardTile(string Id, string Label, string? Value, string Href);

public sealed record DashboardView(string Division, string DivisionName, DateOnly From, DateOnly To, IReadOnlyList<DashboardTile> Tiles,
    IReadOnlyList<DashboardArea> Areas, string AreaKind, (string Script, string Name)? Map, IReadOnlyList<KpiRow> Months, BriefingDto Briefing,
    IReadOnlyList<(string Code, string Name)> Up)
{
    /// <summary>When the figures were counted (a reader's view is kept a minute: a wall refreshed every five minutes, a desk clicking around).</summary>
    public DateTime CountedAt { get; init; }
}

/// <summary>
/// 数据驾驶舱 for a division in the reader's scope and a period: the closed loop's KPIs (each opening the KPI list
/// behind it), the areas one level down to drill into (a city's counties on its map, a county's communities, a
/// community's grids), twelve months of matters, and every practice's figures as the briefing writes them. It reads
/// the modules' own figures in the reader's scope, never its own copy.
/// </summary>
public sealed class DashboardFigures(MatterKpis kpis, BriefingWriter briefing, OrganisationService organisation, IMemoryCache cache, TimeProvider clock)
{
    /// <summary>How long a reader's view is kept: the figures are a minute old at most, and say when they were counted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The view for this reader, kept a minute per reader (their scope is theirs alone: one reader's figures never
    /// answer another's), division, period and language.
    /// </summary>
    public async Task<DashboardView> ViewAsync(ClaimsPrincipal reader, string division, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (reader.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } id)
        {
            return await ViewAsync(division, from, to, ct);
        }
        var key = $"dashboard:{id}:{division}:{from:yyyyMMdd}:{to:yyyyMMdd}:{CultureInfo.CurrentUICulture.Name}";
        if (cache.TryGetValue(key, out DashboardView? kept) && kept is not null)
        {
            return kept;
        }
        var view = await ViewAsync(division, from, to, ct);
        cache.Set(key, view, Lifetime);
        return view;
    }

    public async Task<DashboardView> ViewAsync(string division, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var countedAt = clock.GetUtcNow().UtcDateTime;
        var period = $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var byCommunity = await kpis.ReportAsync(division, from, to, KpiGroup.Community, chinese: true, ct);
        var total = byCommunity.Total;
        string? Rate(double? r) => r is { } v ? (v * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : null;
        var list = $"/matters/kpis?division={division}&{period}";
        DashboardTile[] tiles =
        [
            new("submitted", "Matters raised", total.Submitted.ToString(System.Globalization.CultureInfo.InvariantCulture), list),
            new("resolved", "Matters resolved", total.Resolved.ToString(System.Globalization.CultureInfo.InvariantCulture), list),
            new("on-time", "On-time rate", Rate(total.OnTimeRate), list),
            new("satisfaction", "Satisfaction rate", Rate(total.SatisfactionRate), list),
        ];
        List<DashboardArea> areas;
        string kind;
        if (division.Length <= 4)
        {
            // A city's counties: the communities' rows added up by county.
            kind = "county";
            areas = [.. byCommunity.Rows.GroupBy(r => r.Key[..Math.Min(6, r.Key.Length)]).Select(g => new DashboardArea(g.Key, g.Key, g.Sum(r => r.Submitted),
                g.Sum(r => r.Resolved), KpiCounts.Rate(g.Sum(r => r.ResolvedOnTime), g.Sum(r => r.Resolved)),
                KpiCounts.Rate(g.Sum(r => r.Satisfied), g.Sum(r => r.Rated)), $"/dashboard?division={g.Key}&{period}"))];
            var countyNames = await organisation.DivisionNamesAsync([.. areas.Select(a => a.Code)], ct);
            areas = [.. areas.Select(a => a with { Name = countyNames.GetValueOrDefault(a.Code, a.Code) }).OrderByDescending(a => a.Submitted)];
        }
        else if (division.Length < 12)
        {
            kind = "community";
            areas = [.. byCommunity.Rows.Select(r => new DashboardArea(r.Key, r.Name, r.Submitted, r.Resolved, r.OnTimeRate, r.SatisfactionRate,
                $"/dashboard?division={r.Key}&{period}"))];
        }
        else
        {
            kind = "grid";
            var byGrid = await kpis.ReportAsync(division, from, to, KpiGroup.Grid, chinese: true, ct);
            areas = [.. byGrid.Rows.Select(r => new DashboardArea(r.Key, r.Name, r.Submitted, r.Resolved, r.OnTimeRate, r.SatisfactionRate,
                $"/matters/kpis?division={division}&groupBy=grid&{period}"))];
        }
        var first = new DateOnly(to.Year, to.Month, 1).AddMonths(-11);
        var months = (await kpis.ReportAsync(division, first, to, KpiGroup.Month, chinese: true, ct)).Rows;
        var written = await briefing.WriteAsync(division, from, to, ct);
        // The levels above, by name (city › county › town), to climb back.
        string[] above = [.. new[] { 4, 6, 9 }.Where(n => n < division.Length).Select(n => division[..n])];
        var names = await organisation.DivisionNamesAsync(above, ct);
        return new DashboardView(division, written.DivisionName, from, to, tiles, areas, kind, division.Length == 4 ? CityMaps.Of(division) : null, months, written,
            [.. above.Select(c => (c, names.GetValueOrDefault(c, c)))]) { CountedAt = countedAt };
    }
}
