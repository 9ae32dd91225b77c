using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Proxy;

/// <summary>
/// What one community's cases of one item at one office came to in one county-local month (Period yyyymm) and again on
/// one day (yyyymmdd), kept current on every save (see <see cref="ProxyTallies"/>): a county year's figures add the
/// months' rows and the ragged ends' day rows instead of reading every case. Each count sits in the period of its own
/// event — received, decided, rated.
/// </summary>
public sealed class ProxyTally : ICommunityScoped
{
    public required string CommunityCode { get; set; }
    public int Period { get; set; }
    public long ServiceId { get; set; }
    public long OfficeUnitId { get; set; }
    public int Received { get; set; }

    /// <summary>Of those received, the ones forwarded to the office or decided (what the office counts as its own).</summary>
    public int ReachedOffice { get; set; }

    public int Decided { get; set; }
    public int OnTime { get; set; }
    public int TripsSaved { get; set; }

    /// <summary>Working days the decided cases took, in hundredths (a case's days carry two decimals): an integer adds up exactly.</summary>
    public long WorkingDayHundredths { get; set; }

    public int Rated { get; set; }
    public int RatingSum { get; set; }
}

public sealed class ProxyTallyConfiguration : IEntityTypeConfiguration<ProxyTally>
{
    public void Configure(EntityTypeBuilder<ProxyTally> b)
    {
        b.ToTable("ProxyTallies");
        // Community first: a county's figures seek each of its communities' period ranges, whatever the other counties hold.
        b.HasKey(t => new { t.CommunityCode, t.Period, t.ServiceId, t.OfficeUnitId });
        b.Property(t => t.CommunityCode).HasMaxLength(12);
    }
}

/// <summary>The counts of a group of tallies, added up.</summary>
public sealed record ProxyCounts(int Received, int ReachedOffice, int Decided, int OnTime, int TripsSaved, long WorkingDayHundredths, int Rated,
    int RatingSum)
{
    public static readonly ProxyCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    public ProxyCounts Plus(ProxyCounts o, int sign = 1) => new(Received + sign * o.Received, ReachedOffice + sign * o.ReachedOffice,
        Decided + sign * o.Decided, OnTime + sign * o.OnTime, TripsSaved + sign * o.TripsSaved,
        WorkingDayHundredths + sign * o.WorkingDayHundredths, Rated + sign * o.Rated, RatingSum + sign * o.RatingSum);
}

/// <summary>Turns tracked changes of cases into per-month and per-day deltas of <see cref="ProxyTally"/>, applied in the same transaction.</summary>
public sealed class ProxyTallies : ISaveHook
{
    private sealed record Key(string CommunityCode, int Period, long ServiceId, long OfficeUnitId);

    /// <summary>What the figures count of one case, as it stands.</summary>
    private sealed record Facts(string Community, long Service, long Office, DateTime ReceivedAt, bool ReachedOffice, DateTime? DecidedAt,
        bool OnTime, bool TripSaved, double? WorkingDays, ProxyRating? Rating, DateTime? RatedAt);

    private static Facts Read(PropertyValues v) => new(v.GetValue<string>(nameof(ProxyApplication.CommunityCode)),
        v.GetValue<long>(nameof(ProxyApplication.ServiceId)), v.GetValue<long>(nameof(ProxyApplication.OfficeUnitId)),
        v.GetValue<DateTime>(nameof(ProxyApplication.ReceivedAt)),
        v.GetValue<DateTime?>(nameof(ProxyApplication.ForwardedAt)) is not null || v.GetValue<DateTime?>(nameof(ProxyApplication.DecidedAt)) is not null,
        v.GetValue<DateTime?>(nameof(ProxyApplication.DecidedAt)), v.GetValue<bool>(nameof(ProxyApplication.OnTime)),
        v.GetValue<bool>(nameof(ProxyApplication.TripSaved)), v.GetValue<double?>(nameof(ProxyApplication.WorkingDaysTaken)),
        v.GetValue<ProxyRating?>(nameof(ProxyApplication.Rating)), v.GetValue<DateTime?>(nameof(ProxyApplication.RatedAt)));

    private static Facts Read(ProxyApplication a) => new(a.CommunityCode, a.ServiceId, a.OfficeUnitId, a.ReceivedAt,
        a.ForwardedAt is not null || a.DecidedAt is not null, a.DecidedAt, a.OnTime, a.TripSaved, a.WorkingDaysTaken, a.Rating, a.RatedAt);

    /// <summary>The county-local month (yyyymm) and day (yyyymmdd) an event counts in.</summary>
    public static (int Month, int Day) PeriodsOf(DateTime utc)
    {
        var day = DateOnly.FromDateTime(Display.Local(utc));
        return (day.Year * 100 + day.Month, DayPeriod(day));
    }

    public static int MonthPeriod(DateOnly day) => day.Year * 100 + day.Month;

    public static int DayPeriod(DateOnly day) => day.Year * 10_000 + day.Month * 100 + day.Day;

    /// <summary>Adds (sign 1) or takes away (sign -1) what one case counts, at the month and the day of each of its events.</summary>
    private static void Count(Dictionary<Key, ProxyCounts> deltas, Facts f, int sign)
    {
        void At(DateTime utc, ProxyCounts counts)
        {
            var (month, day) = PeriodsOf(utc);
            foreach (var period in new[] { month, day })
            {
                var key = new Key(f.Community, period, f.Service, f.Office);
                deltas[key] = deltas.GetValueOrDefault(key, ProxyCounts.Zero).Plus(counts, sign);
            }
        }
        At(f.ReceivedAt, ProxyCounts.Zero with { Received = 1, ReachedOffice = f.ReachedOffice ? 1 : 0 });
        if (f.DecidedAt is { } decided)
        {
            At(decided, ProxyCounts.Zero with
            {
                Decided = 1, OnTime = f.OnTime ? 1 : 0, TripsSaved = f.TripSaved ? 1 : 0,
                WorkingDayHundredths = (long)Math.Round((f.WorkingDays ?? 0) * 100, MidpointRounding.AwayFromZero),
            });
        }
        if (f is { Rating: { } rating, RatedAt: { } rated })
        {
            At(rated, ProxyCounts.Zero with { Rated = 1, RatingSum = (int)rating });
        }
    }

    public Func<CancellationToken, Task>? Capture(HuyingDbContext db)
    {
        var deltas = new Dictionary<Key, ProxyCounts>();
        foreach (var e in db.ChangeTracker.Entries<ProxyApplication>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (e.State != EntityState.Added)
            {
                Count(deltas, Read(e.OriginalValues), -1);
            }
            if (e.State != EntityState.Deleted)
            {
                Count(deltas, Read(e.CurrentValues), 1);
            }
        }
        var changed = deltas.Where(d => d.Value != ProxyCounts.Zero).ToList();
        return changed.Count == 0 ? null : ct => ApplyAsync(db, changed, ct);
    }

    /// <summary>What a rating written without change tracking (the resident's one conditional update) adds; call inside its transaction.</summary>
    public static Task RatedAsync(HuyingDbContext db, ProxyApplication rated, CancellationToken ct)
    {
        var deltas = new Dictionary<Key, ProxyCounts>();
        var facts = Read(rated);
        Count(deltas, facts, 1);
        Count(deltas, facts with { Rating = null }, -1);
        return ApplyAsync(db, [.. deltas.Where(d => d.Value != ProxyCounts.Zero)], ct);
    }

    private static Task ApplyAsync(HuyingDbContext db, List<KeyValuePair<Key, ProxyCounts>> changed, CancellationToken ct) =>
        Upsert.ApplyAsync(db, [.. changed.Select(c => new object?[] { c.Key.CommunityCode, c.Key.Period, c.Key.ServiceId, c.Key.OfficeUnitId,
            c.Value.Received, c.Value.ReachedOffice, c.Value.Decided, c.Value.OnTime, c.Value.TripsSaved, c.Value.WorkingDayHundredths,
            c.Value.Rated, c.Value.RatingSum })], ct);

    private static readonly CounterUpsert Upsert = new("ProxyTallies", ["CommunityCode", "Period", "ServiceId", "OfficeUnitId"],
        ["Received", "ReachedOffice", "Decided", "OnTime", "TripsSaved", "WorkingDayHundredths", "Rated", "RatingSum"]);

    /// <summary>Rebuilds the tallies from the cases themselves (after bulk SQL, or to check them).</summary>
    public async Task RecountAsync(HuyingDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<ProxyTally>().IgnoreQueryFilters().ExecuteDeleteAsync(ct);
        var deltas = new Dictionary<Key, ProxyCounts>();
        await foreach (var f in db.Set<ProxyApplication>().IgnoreQueryFilters().AsNoTracking()
            .Select(a => new Facts(a.CommunityCode, a.ServiceId, a.OfficeUnitId, a.ReceivedAt, a.ForwardedAt != null || a.DecidedAt != null, a.DecidedAt,
                a.OnTime, a.TripSaved, a.WorkingDaysTaken, a.Rating, a.RatedAt)).AsAsyncEnumerable().WithCancellation(ct))
        {
            Count(deltas, f, 1);
        }
        foreach (var chunk in deltas.Chunk(2000))
        {
            db.Set<ProxyTally>().AddRange(chunk.Select(d => new ProxyTally
            {
                CommunityCode = d.Key.CommunityCode, Period = d.Key.Period, ServiceId = d.Key.ServiceId, OfficeUnitId = d.Key.OfficeUnitId,
                Received = d.Value.Received, ReachedOffice = d.Value.ReachedOffice, Decided = d.Value.Decided, OnTime = d.Value.OnTime,
                TripsSaved = d.Value.TripsSaved, WorkingDayHundredths = d.Value.WorkingDayHundredths, Rated = d.Value.Rated, RatingSum = d.Value.RatingSum,
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The period rows that make up [from, to] (county-local days): whole months from the month rows, the ragged ends
    /// from the day rows — as (first, last) ranges of <see cref="ProxyTally.Period"/>.
    /// </summary>
    public static List<(int First, int Last)> Ranges(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return [];
        }
        var firstWhole = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var afterLastWhole = to.AddDays(1).Day == 1 ? to.AddDays(1) : new DateOnly(to.Year, to.Month, 1);
        if (firstWhole >= afterLastWhole)
        {
            return [(DayPeriod(from), DayPeriod(to))];
        }
        var ranges = new List<(int, int)> { (MonthPeriod(firstWhole), MonthPeriod(afterLastWhole.AddMonths(-1))) };
        if (from < firstWhole)
        {
            ranges.Add((DayPeriod(from), DayPeriod(firstWhole.AddDays(-1))));
        }
        if (afterLastWhole <= to)
        {
            ranges.Add((DayPeriod(afterLastWhole), DayPeriod(to)));
        }
        return ranges;
    }
}
