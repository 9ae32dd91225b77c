using System.Globalization;
using System.Security.Claims;
using Huying.Modules.Matters;
using Microsoft.Extensions.Caching.Memory;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Web;

namespace Huying.Modules.Dashboard;

/// <summary>One area one level down (a city's county, a county's community, a community's grid) with the link that opens it.</summary>
public sealed record DashboardArea(string Code, string Name, int Submitted, int Resolved, double? OnTimeRate, double? SatisfactionRate, string Href);

/// <summary>A headline figure (its label an English text of the dictionary; a null value is 暂无数据) and the list behind it.</summary>
public sealed record DashboardTile(string Id, string Label, string? Value, string Href);

/// <summary>A community as a point on its county's map (most have no boundary on any offline map), with its figure and dashboard.</summary>
public sealed record DashboardPoint(string Code, string Name, double Latitude, double Longitude, int Submitted, string Href);

/// <summary>One of the longest-overdue matters: where, what kind, how many days past due; the link opens the matter.</summary>
public sealed record DashboardOverdue(long Id, string TrackingCode, string Category, string Place, int DaysOverdue, string Href);

public sealed record DashboardView(string Division, string DivisionName, DateOnly From, DateOnly To, IReadOnlyList<DashboardTile> Tiles,
    IReadOnlyList<DashboardArea> Areas, string AreaKind, (string Script, string Name)? Map, IReadOnlyList<KpiRow> Months, BriefingDto Briefing,
    IReadOnlyList<(string Code, string Name)> Up)
{
    /// <summary>When the figures were counted (a reader's view is kept a minute: a wall refreshed every five minutes, a desk clicking around).</summary>
    public DateTime CountedAt { get; init; }

    /// <summary>The one grid of the community the view is narrowed to (a grid's dashboard), by id and name.</summary>
    public long? Grid { get; init; }
    public string? GridName { get; init; }

    /// <summary>A county's or town's communities on the county's map, and how many of them are not placed yet.</summary>
    public IReadOnlyList<DashboardPoint> Points { get; init; } = [];
    public int Unplaced { get; init; }

    /// <summary>The longest-overdue matters now (the "overdue now" tile counts them all).</summary>
    public IReadOnlyList<DashboardOverdue> Worst { get; init; } = [];
}

/// <summary>
/// 数据驾驶舱 for a division in the reader's scope (or one grid of a community) and a period: the closed loop's KPIs
/// (each opening the list behind it), what is overdue now and the longest overdue, the areas one level down to drill
/// into (a city's counties on its map, a county's communities as points on the county's, a community's grids), twelve
/// months of matters, and every practice's figures as the briefing writes them. It reads the modules' own figures in
/// the reader's scope, never its own copy.
/// </summary>
public sealed class DashboardFigures(MatterKpis kpis, MattersService matters, MatterCatalogue catalogue, PlaceNames places, BriefingWriter briefing,
    OrganisationService organisation, CommunityPlaces communities, IMemoryCache cache, TimeProvider clock)
{
    /// <summary>How long a reader's view is kept: the figures are a minute old at most, and say when they were counted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>How many of the longest-overdue matters the dashboard lists.</summary>
    public const int WorstShown = 10;

    /// <summary>
    /// The view for this reader, kept a minute per reader (their scope is theirs alone: one reader's figures never
    /// answer another's), division, grid, period and language.
    /// </summary>
    public async Task<DashboardView> ViewAsync(ClaimsPrincipal reader, string division, long? grid, DateOnly from, DateOnly to, CancellationToken ct)
    {
        // A partner unit's liaison reads the matters dispatched to the unit (the data layer narrows them); the
        // practices' figures are the staff's, as the briefing is.
        var staff = reader.Holds(Policies.Staff);
        if (reader.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } id)
        {
            return await ViewAsync(division, grid, from, to, ct, staff);
        }
        var key = $"dashboard:{id}:{division}:{grid}:{from:yyyyMMdd}:{to:yyyyMMdd}:{CultureInfo.CurrentUICulture.Name}";
        if (cache.TryGetValue(key, out DashboardView? kept) && kept is not null)
        {
            return kept;
        }
        var view = await ViewAsync(division, grid, from, to, ct, staff);
        cache.Set(key, view, Lifetime);
        return view;
    }

    public async Task<DashboardView> ViewAsync(string division, long? grid, DateOnly from, DateOnly to, CancellationToken ct, bool practices = true)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The practices' figures are counted in scopes of their own, side by side with the matters' below.
        // (Without them, nothing runs beside this context: one context, one query at a time.)
        var writing = practices ? Task.Run(() => briefing.WriteAsync(division, from, to, ct), ct) : null;
        var period = $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var byCommunity = await kpis.ReportAsync(division, grid, from, to, KpiGroup.Community, chinese: true, ct);
        var total = byCommunity.Total;
        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string? Rate(double? r) => r is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : null;
        var list = $"/matters/kpis?division={division}&{period}" + (grid is null ? "" : "&groupBy=grid");
        var (overdue, worst) = await matters.OverdueAsync(division, grid, WorstShown, ct);
        DashboardTile[] tiles =
        [
            new("submitted", "Matters raised", Count(total.Submitted), list),
            new("resolved", "Matters resolved", Count(total.Resolved), list),
            new("on-time", "On-time rate", Rate(total.OnTimeRate), list),
            new("satisfaction", "Satisfaction rate", Rate(total.SatisfactionRate), list),
            // A figure of now, not of the period: what is past its deadline as the wall is read.
            new("overdue", "Overdue now", Count(overdue), $"/matters?view=Overdue&division={division}" + (grid is { } g ? $"&grid={g}" : "")),
        ];
        var (areas, kind) = await AreasAsync(division, grid, from, to, byCommunity, period, practices, ct);
        var points = new List<DashboardPoint>();
        var unplaced = 0;
        if (division.Length is 6 or 9)
        {
            // A county's or town's communities on the county's outline, where their offices stand.
            var submitted = areas.ToDictionary(a => a.Code);
            foreach (var c in await communities.UnderAsync(division, ct))
            {
                if (c.Latitude is { } lat && c.Longitude is { } lon)
                {
                    points.Add(new(c.Code, c.Name, lat, lon, submitted.GetValueOrDefault(c.Code)?.Submitted ?? 0, $"/dashboard?division={c.Code}&{period}"));
                }
                else
                {
                    unplaced++;
                }
            }
        }
        var first = new DateOnly(to.Year, to.Month, 1).AddMonths(-11);
        var months = (await kpis.ReportAsync(division, grid, first, to, KpiGroup.Month, chinese: true, ct)).Rows;
        // The levels above, by name (city › county › town), to climb back; a grid's community is one of them.
        string[] above = [.. new[] { 4, 6, 9, 12 }.Where(n => n < division.Length || (grid is not null && n == division.Length)).Select(n => division[..n])];
        var names = await organisation.DivisionNamesAsync(above, ct);
        var written = writing is null ? await NoPracticesAsync(division, from, to, ct) : await writing;
        return new DashboardView(division, written.DivisionName, from, to, tiles, areas, kind,
            division.Length is 4 || points.Count > 0 ? CityMaps.Of(division) : null, months, written, [.. above.Select(c => (c, Community.ShortName(names.GetValueOrDefault(c, c))))])
        {
            CountedAt = now, Grid = grid, GridName = grid is { } id ? await places.GridAsync(id, ct) : null, Points = points, Unplaced = unplaced,
            Worst = await WorstAsync(worst, now, ct),
        };
    }

    /// <summary>The areas one level down: a city's counties, a county's or town's communities, a community's grids; none for a grid.</summary>
    private async Task<(List<DashboardArea> Areas, string Kind)> AreasAsync(string division, long? grid, DateOnly from, DateOnly to, KpiReport byCommunity,
        string period, bool gridDashboards, CancellationToken ct)
    {
        if (grid is not null)
        {
            return ([], "none");
        }
        if (division.Length <= 4)
        {
            // A city's counties: the communities' rows added up by county.
            var counties = byCommunity.Rows.GroupBy(r => r.Key[..Math.Min(6, r.Key.Length)]).Select(g => new DashboardArea(g.Key, g.Key, g.Sum(r => r.Submitted),
                g.Sum(r => r.Resolved), KpiCounts.Rate(g.Sum(r => r.ResolvedOnTime), g.Sum(r => r.Resolved)),
                KpiCounts.Rate(g.Sum(r => r.Satisfied), g.Sum(r => r.Rated)), $"/dashboard?division={g.Key}&{period}")).ToList();
            var countyNames = await organisation.DivisionNamesAsync([.. counties.Select(a => a.Code)], ct);
            return ([.. counties.Select(a => a with { Name = countyNames.GetValueOrDefault(a.Code, a.Code) }).OrderByDescending(a => a.Submitted)], "county");
        }
        if (division.Length < 12)
        {
            return ([.. byCommunity.Rows.Select(r => new DashboardArea(r.Key, r.Name, r.Submitted, r.Resolved, r.OnTimeRate, r.SatisfactionRate,
                $"/dashboard?division={r.Key}&{period}"))], "community");
        }
        // A community's grids open the grid's own dashboard; its own queue (社区直办) the KPI list by grid.
        var byGrid = await kpis.ReportAsync(division, from, to, KpiGroup.Grid, chinese: true, ct);
        return ([.. byGrid.Rows.Select(r => new DashboardArea(r.Key, r.Name, r.Submitted, r.Resolved, r.OnTimeRate, r.SatisfactionRate,
            r.Key == "0" || !gridDashboards ? $"/matters/kpis?division={division}&groupBy=grid&{period}" : $"/dashboard?division={division}&grid={r.Key}&{period}"))], "grid");
    }

    /// <summary>No practices: the title and name of the division only.</summary>
    private async Task<BriefingDto> NoPracticesAsync(string division, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var name = Community.ShortName(await organisation.DivisionNameAsync(division, ct) ?? division);
        return new BriefingDto(division, name, from, to, name, name, [], []);
    }

    private async Task<List<DashboardOverdue>> WorstAsync(List<OverdueMatter> worst, DateTime now, CancellationToken ct)
    {
        if (worst.Count == 0)
        {
            return [];
        }
        var kinds = await catalogue.GetAsync(ct);
        var communityNames = await places.CommunitiesAsync(ct);
        var gridNames = await places.GridsAsync(ct);
        return [.. worst.Select(m => new DashboardOverdue(m.Id, m.TrackingCode, kinds.Find(m.CategoryCode)?.NameIn(Huying.Platform.Localization.Tr.IsChinese) ?? m.CategoryCode,
            communityNames.GetValueOrDefault(m.CommunityCode, m.CommunityCode) + (m.GridId is { } g && gridNames.TryGetValue(g, out var gn) ? " · " + gn.Name : ""),
            Math.Max(1, (int)Math.Ceiling((now - m.DueAt).TotalDays)), $"/matters/{m.Id}"))];
    }
}
