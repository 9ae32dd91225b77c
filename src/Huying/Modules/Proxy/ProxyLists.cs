using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

/// <summary>One line of a list: the case, its item, the applicant, where it is and whether its time runs out.</summary>
public sealed record ProxyRow(long Id, string TrackingCode, string Service, string ApplicantName, ProxyState State, DateTime ReceivedAt, DateTime DueAt,
    bool Overdue, bool DueSoon, DateTime? SupervisedAt);

/// <summary>What the secretary watches: the open cases past their limit or within a working day of it, at the community and at the offices.</summary>
public sealed record ProxyWatch(int OverdueHere, int OverdueAtOffice, int DueSoon);

/// <summary>DESIGN §7's proxy figures for a division and period, and the ones the issue adds.</summary>
public sealed record ProxyFigures(int Applications, int Completed, double? OnTimeRate, double? AverageWorkingDays, double? AverageRating, int Rated,
    int TripsSaved);

/// <summary>Figures by item, office or community.</summary>
public sealed record ProxyFiguresRow(string Key, string Name, int Applications, int Completed, double? OnTimeRate);

/// <summary>The community's list, the office's inbox, the figures and the purge of old materials.</summary>
public sealed class ProxyLists(HuyingDbContext db, CurrentUser user, WorkCalendars calendars, TimeProvider clock)
{
    public const int PageSize = 200;

    private DateTime Now => AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The cases in the caller's scope — the community's for its staff, those forwarded to the office for its liaison
    /// (the data layer decides) — open ones by due date first, then the finished, newest first.
    /// </summary>
    public async Task<List<ProxyRow>> ListAsync(string? show, CancellationToken ct)
    {
        var now = Now;
        var soon = await SoonAsync(now, ct);
        var q = Mine();
        // The open ones by due date (the office's: the two states that wait on it), then the finished ones newest first.
        ProxyState[] waiting = (show, user.Holds(Policies.UnitLiaison)) switch
        {
            ("correction", _) => [ProxyState.Correction],
            (_, true) => [ProxyState.Forwarded, ProxyState.OfficeAccepted],
            _ => [],
        };
        if (show == "overdue")
        {
            q = q.Where(a => a.DueAt < now);
        }
        var open = show is null or "open" or "overdue" or "correction" ? await OpenAsync(q, waiting, ct) : [];
        var finished = (show is null or "finished") && open.Count < PageSize
            ? await Rows(Mine().Where(a => a.State >= ProxyState.Granted)
                .OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Take(PageSize - open.Count), ct)
            : [];
        return [.. open.Concat(finished).Select(a => a with
        {
            Overdue = a.State < ProxyState.Granted && a.DueAt < now, DueSoon = a.State < ProxyState.Granted && a.DueAt >= now && a.DueAt <= soon,
        })];
    }

    private async Task<DateTime> SoonAsync(DateTime now, CancellationToken ct) => ProxyDeadlines.DueSoonBy(await calendars.GetAsync(ct), now);

    /// <summary>The secretary's watch over the community's open cases (the data layer keeps it to the caller's communities).</summary>
    public async Task<ProxyWatch> WatchAsync(CancellationToken ct)
    {
        var now = Now;
        var soon = await SoonAsync(now, ct);
        var open = Mine().Where(a => a.State < ProxyState.Granted && a.DueAt <= soon);
        var counts = await open.GroupBy(a => new { Office = a.State == ProxyState.Forwarded || a.State == ProxyState.OfficeAccepted, Overdue = a.DueAt < now })
            .Select(g => new { g.Key.Office, g.Key.Overdue, N = g.Count() }).ToListAsync(ct);
        return new ProxyWatch(counts.Where(c => c.Overdue && !c.Office).Sum(c => c.N), counts.Where(c => c.Overdue && c.Office).Sum(c => c.N),
            counts.Where(c => !c.Overdue).Sum(c => c.N));
    }

    /// <summary>
    /// The caller's cases: the scope filter decides what may be seen; the office or the communities are named again
    /// here, plainly, so the database walks the (office | community, state, due) indexes instead of reading every case
    /// through the filter's branches.
    /// </summary>
    private IQueryable<ProxyApplication> Mine()
    {
        var q = db.Set<ProxyApplication>().AsNoTracking();
        var scope = db.Scope;
        if (scope.PartnerUnitId is { } unit)
        {
            return q.Where(a => a.OfficeUnitId == unit);
        }
        if (scope.All)
        {
            return q;
        }
        var codes = scope.Communities.ToList();
        return q.Where(a => codes.Contains(a.CommunityCode));
    }

    /// <summary>
    /// The open cases by due date. Of named states (an office's two), one read per state along the (office, state, due)
    /// index, each stopping at a page, merged here — no sort of the thousands of open cases of a busy office.
    /// </summary>
    private static async Task<List<ProxyRow>> OpenAsync(IQueryable<ProxyApplication> q, ProxyState[] states, CancellationToken ct)
    {
        if (states.Length == 0)
        {
            // Every open state (a community's few hundred open cases, sorted by the database).
            return await Rows(q.Where(a => a.State < ProxyState.Granted).OrderBy(a => a.DueAt).ThenBy(a => a.Id).Take(PageSize), ct);
        }
        var rows = new List<ProxyRow>();
        foreach (var state in states)
        {
            rows.AddRange(await Rows(q.Where(a => a.State == state).OrderBy(a => a.DueAt).ThenBy(a => a.Id).Take(PageSize), ct));
        }
        return [.. rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(PageSize)];
    }

    private static Task<List<ProxyRow>> Rows(IQueryable<ProxyApplication> q, CancellationToken ct) =>
        q.Select(a => new ProxyRow(a.Id, a.TrackingCode, a.Service!.Name, a.ApplicantName, a.State, a.ReceivedAt, a.DueAt, false, false, a.SupervisedAt)).ToListAsync(ct);

    /// <summary>Applications received in the period; completed (decided) in it, on time when decided by the due date; ratings; trips saved.</summary>
    public async Task<ProxyFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (start, end) = Period(from, to);
        // The division's communities in scope first: an IN list walks the (community, date) indexes, a prefix match does not.
        var codes = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).Select(c => c.Code).ToListAsync(ct);
        var q = InCommunities(codes);
        var applications = await q.CountAsync(a => a.ReceivedAt >= start && a.ReceivedAt < end, ct);
        // Counted in the database; the working days each case took were reckoned on the calendar when it was decided.
        var decided = await q.Where(a => a.DecidedAt >= start && a.DecidedAt < end).GroupBy(a => 1).Select(g => new
        {
            N = g.Count(),
            // On time and trips saved were settled with each decision (see ProxyApplication.Decided).
            OnTime = g.Sum(a => a.OnTime ? 1 : 0),
            Days = g.Average(a => a.WorkingDaysTaken),
            Trips = g.Sum(a => a.TripSaved ? 1 : 0),
        }).FirstOrDefaultAsync(ct);
        var rated = await q.Where(a => a.Rating != null && a.RatedAt >= start && a.RatedAt < end).GroupBy(a => 1)
            .Select(g => new { N = g.Count(), Average = g.Average(a => (double)(int)a.Rating!) }).FirstOrDefaultAsync(ct);
        var n = decided?.N ?? 0;
        return new ProxyFigures(applications, n, n == 0 ? null : (double)decided!.OnTime / n, decided?.Days is { } days ? Math.Round(days, 1) : null,
            rated is null ? null : Math.Round(rated.Average, 2), rated?.N ?? 0, decided?.Trips ?? 0);
    }

    /// <summary>
    /// The cases of communities looked up in the caller's scope, in a query of their own. A staff member's figures then
    /// read them without the scope filter's per-row check (a third of the figures' time at a county's scale); the query
    /// joins nothing, so no other entity's filter is lifted with it. An office keeps the filter: it counts only what it was sent.
    /// </summary>
    private IQueryable<ProxyApplication> InCommunities(List<string> codes) =>
        (db.Scope.PartnerUnitId is null ? db.Set<ProxyApplication>().IgnoreQueryFilters() : db.Set<ProxyApplication>()).AsNoTracking()
            .Where(a => codes.Contains(a.CommunityCode));

    /// <summary>The same by item, office or community, counted in the database like the totals.</summary>
    public async Task<List<ProxyFiguresRow>> RowsAsync(string division, DateOnly? from, DateOnly? to, string by, CancellationToken ct)
    {
        var (start, end) = Period(from, to);
        var places = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var codes = places.Keys.ToList();
        var q = InCommunities(codes);
        System.Linq.Expressions.Expression<Func<ProxyApplication, string>> key = by switch
        {
            "office" => a => a.OfficeUnitId.ToString(),
            "community" => a => a.CommunityCode,
            _ => a => a.ServiceId.ToString(),
        };
        var received = await q.Where(a => a.ReceivedAt >= start && a.ReceivedAt < end).GroupBy(key)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var decided = await q.Where(a => a.DecidedAt >= start && a.DecidedAt < end).GroupBy(key)
            .Select(g => new { g.Key, N = g.Count(), OnTime = g.Sum(a => a.OnTime ? 1 : 0) }).ToDictionaryAsync(g => g.Key, ct);
        IReadOnlyDictionary<string, string> names = by switch
        {
            "office" => await db.PartnerUnits.AsNoTracking().ToDictionaryAsync(u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u => u.Name, ct),
            "community" => places,
            _ => await db.Set<ProxyService>().AsNoTracking().ToDictionaryAsync(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Name, ct),
        };
        return [.. received.Keys.Union(decided.Keys).Select(k =>
        {
            var done = decided.GetValueOrDefault(k);
            return new ProxyFiguresRow(k, names.GetValueOrDefault(k) ?? "", received.GetValueOrDefault(k), done?.N ?? 0,
                done is null or { N: 0 } ? null : (double)done.OnTime / done.N);
        }).OrderByDescending(r => r.Applications).ThenBy(r => r.Key)];
    }

    private (DateTime Start, DateTime End) Period(DateOnly? from, DateOnly? to)
    {
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));
        var f = from ?? new DateOnly(today.Year, 1, 1);
        var t = to ?? today;
        return (Platform.Web.Display.ToUtc(f.ToDateTime(TimeOnly.MinValue)), Platform.Web.Display.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)));
    }
}
