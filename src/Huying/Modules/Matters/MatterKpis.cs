using Huying.Platform.Composition;
using System.Globalization;
using System.Linq.Expressions;
using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Huying.Modules.Matters;

/// <summary>The counts behind the KPIs of DESIGN §3.2, for one group of matters.</summary>
public sealed record KpiCounts(string Key, int Submitted, int Accepted, int AcceptedOnTime, int Resolved, int ResolvedOnTime,
    long HandlingMinutes, int Rated, int Satisfied, int Reworked, int Extended)
{
    public static KpiCounts Zero(string key) => new(key, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public KpiCounts Plus(KpiCounts o) => new(Key, Submitted + o.Submitted, Accepted + o.Accepted, AcceptedOnTime + o.AcceptedOnTime,
        Resolved + o.Resolved, ResolvedOnTime + o.ResolvedOnTime, HandlingMinutes + o.HandlingMinutes, Rated + o.Rated,
        Satisfied + o.Satisfied, Reworked + o.Reworked, Extended + o.Extended);

    public KpiCounts Minus(KpiCounts o) => Plus(new KpiCounts(Key, -o.Submitted, -o.Accepted, -o.AcceptedOnTime, -o.Resolved,
        -o.ResolvedOnTime, -o.HandlingMinutes, -o.Rated, -o.Satisfied, -o.Reworked, -o.Extended));

    public bool IsZero => this == Zero(Key);

    /// <summary>What one matter adds to its group (nothing when rejected or merged).</summary>
    public static KpiCounts Of(string key, bool counted, bool accepted, bool acceptedOnTime, bool resolved, bool resolvedOnTime,
        long handlingMinutes, bool rated, bool satisfied, int reopenCount, int extensionCount) =>
        !counted ? Zero(key) : new(key, 1, accepted ? 1 : 0, acceptedOnTime ? 1 : 0, resolved ? 1 : 0, resolved && resolvedOnTime ? 1 : 0,
            resolved ? handlingMinutes : 0, rated ? 1 : 0, rated && satisfied ? 1 : 0, resolved && reopenCount > 0 ? 1 : 0,
            accepted && extensionCount > 0 ? 1 : 0);

    /// <summary>A rate, or null ("no data") when nothing is in the denominator.</summary>
    public static double? Rate(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round((double)numerator / denominator, 4);

    public double? ResponseRate => Rate(AcceptedOnTime, Submitted);
    public double? ResolutionRate => Rate(Resolved, Submitted);
    public double? OnTimeRate => Rate(ResolvedOnTime, Resolved);
    public double? SatisfactionRate => Rate(Satisfied, Rated);
    public double? ReworkRate => Rate(Reworked, Resolved);
    public double? ExtensionRate => Rate(Extended, Accepted);
    public double? AverageHandlingHours => Resolved == 0 ? null : Math.Round(HandlingMinutes / 60.0 / Resolved, 1);
}

/// <summary>Keeps <see cref="MatterRollup"/> rows current: every added or changed matter moves its counts, in the same transaction.</summary>
public sealed class MatterRollups : ISaveHook
{
    private sealed record Key(int Period, string CommunityCode, long GridId, long UnitId, string CategoryCode);

    /// <summary>The month row and the day row a matter counts in.</summary>
    private static Key[] KeysOf(int month, int day, string community, long? grid, long? unit, string category) =>
        [new(month, community, grid ?? 0, unit ?? 0, category), new(day, community, grid ?? 0, unit ?? 0, category)];

    private static (Key[] Keys, KpiCounts Counts) Read(PropertyValues v)
    {
        var keys = KeysOf(v.GetValue<int>(nameof(Matter.SubmittedMonth)), v.GetValue<int>(nameof(Matter.SubmittedDay)),
            v.GetValue<string>(nameof(Matter.CommunityCode)), v.GetValue<long?>(nameof(Matter.GridId)), v.GetValue<long?>(nameof(Matter.UnitId)),
            v.GetValue<string>(nameof(Matter.CategoryCode)));
        return (keys, KpiCounts.Of("", v.GetValue<bool>(nameof(Matter.Counted)), v.GetValue<bool>(nameof(Matter.WasAccepted)),
            v.GetValue<bool>(nameof(Matter.AcceptedOnTime)), v.GetValue<bool>(nameof(Matter.WasResolved)),
            v.GetValue<bool>(nameof(Matter.ResolvedOnTime)), v.GetValue<long>(nameof(Matter.HandlingMinutes)),
            v.GetValue<bool>(nameof(Matter.Rated)), v.GetValue<bool>(nameof(Matter.Satisfied)),
            v.GetValue<int>(nameof(Matter.ReopenCount)), v.GetValue<int>(nameof(Matter.ExtensionCount))));
    }

    public Func<CancellationToken, Task>? Capture(HuyingDbContext db)
    {
        var deltas = new Dictionary<Key, KpiCounts>();
        void Add(Key key, KpiCounts counts, bool subtract)
        {
            var current = deltas.TryGetValue(key, out var d) ? d : KpiCounts.Zero("");
            deltas[key] = subtract ? current.Minus(counts) : current.Plus(counts);
        }
        foreach (var entry in db.ChangeTracker.Entries<Matter>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var (keys, counts) = Read(entry.CurrentValues);
                Array.ForEach(keys, key => Add(key, counts, subtract: false));
            }
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                var (keys, counts) = Read(entry.OriginalValues);
                Array.ForEach(keys, key => Add(key, counts, subtract: true));
            }
        }
        var changed = deltas.Where(d => !d.Value.IsZero).ToList();
        return changed.Count == 0 ? null : ct => ApplyAsync(db, changed, ct);
    }

    /// <summary>What newly written matters add (for writers that bypass change tracking).</summary>
    public static Task AddAsync(HuyingDbContext db, IEnumerable<Matter> added, CancellationToken ct)
    {
        var deltas = new Dictionary<Key, KpiCounts>();
        foreach (var m in added)
        {
            var counts = KpiCounts.Of("", m.Counted, m.WasAccepted, m.AcceptedOnTime, m.WasResolved, m.ResolvedOnTime, m.HandlingMinutes,
                m.Rated, m.Satisfied, m.ReopenCount, m.ExtensionCount);
            foreach (var key in KeysOf(m.SubmittedMonth, m.SubmittedDay, m.CommunityCode, m.GridId, m.UnitId, m.CategoryCode))
            {
                deltas[key] = deltas.TryGetValue(key, out var d) ? d.Plus(counts) : counts;
            }
        }
        return ApplyAsync(db, [.. deltas.Where(d => !d.Value.IsZero)], ct);
    }

    private static Task ApplyAsync(HuyingDbContext db, List<KeyValuePair<Key, KpiCounts>> changed, CancellationToken ct) =>
        // Upserted in the order of their keys (CounterUpsert): two transactions never wait for each other crosswise.
        Upsert.ApplyAsync(db, [.. changed.Select(c => new object?[] { c.Key.Period, c.Key.CommunityCode, c.Key.GridId, c.Key.UnitId, c.Key.CategoryCode, c.Value.Submitted,
                c.Value.Accepted, c.Value.AcceptedOnTime, c.Value.Resolved, c.Value.ResolvedOnTime, c.Value.HandlingMinutes, c.Value.Rated,
                c.Value.Satisfied, c.Value.Reworked, c.Value.Extended })], ct);

    // Kept prepared by the intake writer on SQLite (KeptSql): parsed again at every batch, it and the other statements
    // were ~5 % of the app's CPU.
    private static readonly CounterUpsert Upsert = new("MatterRollups", ["Period", "CommunityCode", "GridId", "UnitId", "CategoryCode"],
        ["Submitted", "Accepted", "AcceptedOnTime", "Resolved", "ResolvedOnTime", "HandlingMinutes", "Rated", "Satisfied", "Reworked", "Extended"]);

    private const string RecountSql = """
                INSERT INTO "MatterRollups" ("Period", "CommunityCode", "GridId", "UnitId", "CategoryCode", "Submitted", "Accepted",
                    "AcceptedOnTime", "Resolved", "ResolvedOnTime", "HandlingMinutes", "Rated", "Satisfied", "Reworked", "Extended")
                SELECT "{period}", "CommunityCode", COALESCE("GridId", 0), COALESCE("UnitId", 0), "CategoryCode", COUNT(*),
                    SUM(CASE WHEN "WasAccepted" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "AcceptedOnTime" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "WasResolved" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "WasResolved" AND "ResolvedOnTime" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "WasResolved" THEN "HandlingMinutes" ELSE 0 END),
                    SUM(CASE WHEN "Rated" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "Rated" AND "Satisfied" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "WasResolved" AND "ReopenCount" > 0 THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "WasAccepted" AND "ExtensionCount" > 0 THEN 1 ELSE 0 END)
                FROM "Matters" WHERE "Counted"
                GROUP BY "{period}", "CommunityCode", COALESCE("GridId", 0), COALESCE("UnitId", 0), "CategoryCode"
                """;

    /// <summary>Rebuilds every rollup from the matters themselves (after bulk SQL, or to check them).</summary>
    public async Task RecountAsync(HuyingDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"MatterRollups\"", ct);
        // The same counts twice: grouped by month and by day (fixed column names, no input in the SQL).
        foreach (var period in new[] { "SubmittedMonth", "SubmittedDay" })
        {
            var sql = RecountSql.Replace("{period}", period, StringComparison.Ordinal);
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
        await transaction.CommitAsync(ct);
    }
}

public enum KpiGroup
{
    Community,
    Grid,
    Unit,
    Category,
    Month,
    None,
}

public sealed record KpiRow(string Key, string Name, int Submitted, int Accepted, int AcceptedOnTime, int Resolved, int ResolvedOnTime,
    int Rated, int Satisfied, int Reworked, int Extended, double? ResponseRate, double? ResolutionRate, double? OnTimeRate,
    double? SatisfactionRate, double? ReworkRate, double? ExtensionRate, double? AverageHandlingHours);

public sealed record KpiReport(DateOnly From, DateOnly To, string GroupBy, IReadOnlyList<KpiRow> Rows, KpiRow Total);

/// <summary>
/// KPIs for a scope and period (matters taken by submission time, county-local dates), read from the rollups:
/// whole months from the month rows, the ragged ends of a period from the day rows; never from the matters.
/// </summary>
public sealed class MatterKpis(HuyingDbContext db, SharedCounts shared, TimeProvider clock)
{
    public Task<KpiReport> ReportAsync(string? division, DateOnly? from, DateOnly? to, KpiGroup group, bool chinese, CancellationToken ct) =>
        ReportAsync(division, null, from, to, group, chinese, ct);

    /// <summary>The same for one grid of a community (a grid's dashboard). Counted once per request: the dashboard and the briefing it shows ask for the same report.</summary>
    public Task<KpiReport> ReportAsync(string? division, long? grid, DateOnly? from, DateOnly? to, KpiGroup group, bool chinese, CancellationToken ct) =>
        shared.GetAsync(("matter-kpis", division, grid, from, to, group, chinese), () => CountAsync(division, grid, from, to, group, chinese, ct));

    private async Task<KpiReport> CountAsync(string? division, long? grid, DateOnly? from, DateOnly? to, KpiGroup group, bool chinese, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));
        var start = from ?? new DateOnly(today.Year, today.Month, 1);
        var end = to ?? today;
        if (end < start)
        {
            (start, end) = (end, start);
        }
        var prefix = division?.Trim() ?? "";
        // The communities the period is counted in: those of the division within the caller's scope, as a list
        // the database can look up in its (community, submitted) index.
        var codes = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(prefix)).Select(c => c.Code).ToListAsync(ct);

        // Whole months inside [start, end]; the rest is counted from the matters.
        var firstWhole = start.Day == 1 ? start : new DateOnly(start.Year, start.Month, 1).AddMonths(1);
        var afterLastWhole = end.AddDays(1).Day == 1 ? end.AddDays(1) : new DateOnly(end.Year, end.Month, 1);
        var counts = new Dictionary<string, KpiCounts>();
        void Merge(IEnumerable<KpiCounts> rows)
        {
            foreach (var r in rows)
            {
                counts[r.Key] = counts.TryGetValue(r.Key, out var c) ? c.Plus(r) : r;
            }
        }
        var rollups = db.Set<MatterRollup>().AsNoTracking();
        if (grid is { } g)
        {
            rollups = rollups.Where(r => r.GridId == g);
        }
        if (firstWhole < afterLastWhole)
        {
            var m1 = firstWhole.Year * 100 + firstWhole.Month;
            var lastMonth = afterLastWhole.AddMonths(-1);
            var m2 = lastMonth.Year * 100 + lastMonth.Month;
            Merge(await FromRollups(rollups.Where(r => r.Period >= m1 && r.Period <= m2 && codes.Contains(r.CommunityCode)), group).ToListAsync(ct));
            Merge(await DaysAsync(start, firstWhole.AddDays(-1)));
            Merge(await DaysAsync(afterLastWhole, end));
        }
        else
        {
            Merge(await DaysAsync(start, end));
        }
        // The days of a ragged start or end, from the day rows.
        async Task<List<KpiCounts>> DaysAsync(DateOnly from, DateOnly to)
        {
            if (from > to)
            {
                return [];
            }
            var d1 = int.Parse(from.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var d2 = int.Parse(to.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return await FromRollups(rollups.Where(r => r.Period >= d1 && r.Period <= d2 && codes.Contains(r.CommunityCode)), group).ToListAsync(ct);
        }

        // Every community (or grid) in scope has a row, an empty one saying so, so none is silently left out.
        var everyone = group switch
        {
            KpiGroup.Community => codes,
            KpiGroup.Grid => (await db.Grids.AsNoTracking().Where(g => codes.Contains(g.CommunityCode) && (grid == null || g.Id == grid)).Select(g => g.Id).ToListAsync(ct))
                .Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList(),
            _ => [],
        };
        foreach (var key in everyone.Where(k => !counts.ContainsKey(k)))
        {
            counts[key] = KpiCounts.Zero(key);
        }
        var names = await NamesAsync(group, counts.Keys, chinese, ct);
        var rows = counts.Values.Where(c => c.Submitted > 0 || c.Resolved > 0 || everyone.Count > 0)
            .Select(c => ToRow(c, names.TryGetValue(c.Key, out var n) ? n : c.Key))
            .OrderBy(r => group == KpiGroup.Month ? r.Key : "").ThenByDescending(r => r.Submitted).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var total = counts.Values.Aggregate(KpiCounts.Zero("total"), (a, b) => a.Plus(b));
        return new KpiReport(start, end, group.ToString().ToLowerInvariant(), rows, ToRow(total with { Key = "total" }, chinese ? "合计" : "Total"));
    }

    private static KpiRow ToRow(KpiCounts c, string name) => new(c.Key, name, c.Submitted, c.Accepted, c.AcceptedOnTime, c.Resolved,
        c.ResolvedOnTime, c.Rated, c.Satisfied, c.Reworked, c.Extended, c.ResponseRate, c.ResolutionRate, c.OnTimeRate,
        c.SatisfactionRate, c.ReworkRate, c.ExtensionRate, c.AverageHandlingHours);

    private static IQueryable<KpiCounts> FromRollups(IQueryable<MatterRollup> q, KpiGroup group)
    {
        Expression<Func<MatterRollup, string>> key = group switch
        {
            KpiGroup.Grid => r => r.GridId.ToString(),
            KpiGroup.Unit => r => r.UnitId.ToString(),
            KpiGroup.Category => r => r.CategoryCode,
            KpiGroup.Month => r => (r.Period >= 1_000_000 ? r.Period / 100 : r.Period).ToString(),
            KpiGroup.None => r => "all",
            _ => r => r.CommunityCode,
        };
        return q.GroupBy(key).Select(g => new KpiCounts(g.Key, g.Sum(r => r.Submitted), g.Sum(r => r.Accepted), g.Sum(r => r.AcceptedOnTime),
            g.Sum(r => r.Resolved), g.Sum(r => r.ResolvedOnTime), g.Sum(r => r.HandlingMinutes), g.Sum(r => r.Rated), g.Sum(r => r.Satisfied),
            g.Sum(r => r.Reworked), g.Sum(r => r.Extended)));
    }

    private async Task<Dictionary<string, string>> NamesAsync(KpiGroup group, IEnumerable<string> keys, bool chinese, CancellationToken ct)
    {
        var list = keys.ToList();
        switch (group)
        {
            case KpiGroup.Community:
                return await db.Communities.AsNoTracking().Where(c => list.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
            case KpiGroup.Grid:
                var grids = list.Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToList();
                var gridNames = await db.Grids.AsNoTracking().Where(g => grids.Contains(g.Id))
                    .Select(g => new { g.Id, g.Name, Community = db.Set<Community>().Where(c => c.Code == g.CommunityCode).Select(c => c.Name).FirstOrDefault() })
                    .ToListAsync(ct);
                var named = gridNames.ToDictionary(g => g.Id.ToString(CultureInfo.InvariantCulture), g => $"{g.Community} {g.Name}");
                named["0"] = chinese ? "社区直办" : "Community queue";
                return named;
            case KpiGroup.Unit:
                var units = list.Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToList();
                var unitNames = await db.PartnerUnits.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString(CultureInfo.InvariantCulture), u => u.Name, ct);
                unitNames["0"] = chinese ? "未派单" : "Not dispatched";
                return unitNames;
            case KpiGroup.Category:
                return await db.Set<MatterCategory>().AsNoTracking().Where(c => list.Contains(c.Code))
                    .ToDictionaryAsync(c => c.Code, c => c.NameIn(chinese), ct);
            case KpiGroup.Month:
                return list.ToDictionary(k => k, k => k.Length == 6 ? $"{k[..4]}-{k[4..]}" : k);
            default:
                return new() { ["all"] = chinese ? "全部" : "All" };
        }
    }
}

/// <summary>The KPI page's periods: the quick choices (this month, last month, this quarter, this year) and the period each is compared with.</summary>
public static class KpiPeriods
{
    public sealed record Period(string Name, DateOnly From, DateOnly To);

    public static IReadOnlyList<Period> Quick(DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return
        [
            new("This month", month, today),
            new("Last month", month.AddMonths(-1), month.AddDays(-1)),
            new("This quarter", quarter, today),
            new("This year", new DateOnly(today.Year, 1, 1), today),
        ];
    }

    /// <summary>
    /// What a period is compared with: a calendar month, quarter or year (to date or whole) with the whole one
    /// before; any other span with as many days just before it.
    /// </summary>
    public static (DateOnly From, DateOnly To) Previous(DateOnly from, DateOnly to)
    {
        var firstOfMonth = from.Day == 1;
        if (firstOfMonth && from.Month == 1 && to.Year == from.Year && to.Month > 3)
        {
            return (from.AddYears(-1), from.AddDays(-1));
        }
        if (firstOfMonth && (from.Month - 1) % 3 == 0 && to.Year == from.Year && to.Month > from.Month && to.Month <= from.Month + 2)
        {
            return (from.AddMonths(-3), from.AddDays(-1));
        }
        if (firstOfMonth && to.Year == from.Year && to.Month == from.Month)
        {
            return (from.AddMonths(-1), from.AddDays(-1));
        }
        var days = to.DayNumber - from.DayNumber + 1;
        return (from.AddDays(-days), from.AddDays(-1));
    }
}
