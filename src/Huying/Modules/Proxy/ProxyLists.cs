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

    /// <summary>
    /// Applications received in the period (for an office: those forwarded to it); completed (decided) in it, on time
    /// when decided by the due date; ratings; trips saved — added up from the tallies kept with every save.
    /// </summary>
    public async Task<ProxyFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var c = (await CountAsync(division, from, to, t => "all", ct)).Values.FirstOrDefault() ?? ProxyCounts.Zero;
        return new ProxyFigures(Applications(c), c.Decided, c.Decided == 0 ? null : (double)c.OnTime / c.Decided,
            c.Decided == 0 ? null : Math.Round(c.WorkingDayHundredths / 100.0 / c.Decided, 1),
            c.Rated == 0 ? null : Math.Round((double)c.RatingSum / c.Rated, 2), c.Rated, c.TripsSaved);
    }

    /// <summary>An office counts what was forwarded to it; everyone else what the counters received.</summary>
    private int Applications(ProxyCounts c) => db.Scope.PartnerUnitId is null ? c.Received : c.ReachedOffice;

    /// <summary>The same by item, office or community.</summary>
    public async Task<List<ProxyFiguresRow>> RowsAsync(string division, DateOnly? from, DateOnly? to, string by, CancellationToken ct)
    {
        System.Linq.Expressions.Expression<Func<ProxyTally, string>> key = by switch
        {
            "office" => t => t.OfficeUnitId.ToString(),
            "community" => t => t.CommunityCode,
            _ => t => t.ServiceId.ToString(),
        };
        var counts = await CountAsync(division, from, to, key, ct);
        IReadOnlyDictionary<string, string> names = by switch
        {
            "office" => await db.PartnerUnits.AsNoTracking().ToDictionaryAsync(u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u => u.Name, ct),
            "community" => await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).ToDictionaryAsync(c => c.Code, c => c.Name, ct),
            _ => await db.Set<ProxyService>().AsNoTracking().ToDictionaryAsync(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Name, ct),
        };
        return [.. counts.Where(c => Applications(c.Value) > 0 || c.Value.Decided > 0).Select(c => new ProxyFiguresRow(c.Key,
                names.GetValueOrDefault(c.Key) ?? "", Applications(c.Value), c.Value.Decided, c.Value.Decided == 0 ? null : (double)c.Value.OnTime / c.Value.Decided))
            .OrderByDescending(r => r.Applications).ThenBy(r => r.Key)];
    }

    /// <summary>
    /// The tallies of the division's communities in the caller's scope over the period's whole months and ragged days,
    /// added up by key. The communities are looked up in a query of their own, so a staff member's tallies are read
    /// without the scope filter's per-row check (the query joins nothing, so no other entity's filter is lifted with it);
    /// an office keeps the filter and counts only its own.
    /// </summary>
    private async Task<Dictionary<string, ProxyCounts>> CountAsync(string division, DateOnly? from, DateOnly? to,
        System.Linq.Expressions.Expression<Func<ProxyTally, string>> key, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));
        var ranges = ProxyTallies.Ranges(from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (ranges.Count == 0)
        {
            return [];
        }
        // At most three ranges (whole months, a ragged start, a ragged end); the missing ones match nothing.
        ranges.AddRange(Enumerable.Repeat((1, 0), 3 - ranges.Count));
        var ((a1, b1), (a2, b2), (a3, b3)) = (ranges[0], ranges[1], ranges[2]);
        // An IN list walks the (community, period) key; a prefix match would not.
        var codes = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).Select(c => c.Code).ToListAsync(ct);
        var tallies = db.Scope.PartnerUnitId is { } unit
            ? db.Set<ProxyTally>().Where(t => t.OfficeUnitId == unit)
            : db.Set<ProxyTally>().IgnoreQueryFilters();
        return await tallies.AsNoTracking()
            .Where(t => codes.Contains(t.CommunityCode) && ((t.Period >= a1 && t.Period <= b1) || (t.Period >= a2 && t.Period <= b2) || (t.Period >= a3 && t.Period <= b3)))
            .GroupBy(key)
            .Select(g => new
            {
                g.Key,
                Counts = new ProxyCounts(g.Sum(t => t.Received), g.Sum(t => t.ReachedOffice), g.Sum(t => t.Decided), g.Sum(t => t.OnTime),
                    g.Sum(t => t.TripsSaved), g.Sum(t => t.WorkingDayHundredths), g.Sum(t => t.Rated), g.Sum(t => t.RatingSum)),
            })
            .ToDictionaryAsync(g => g.Key, g => g.Counts, ct);
    }
}
