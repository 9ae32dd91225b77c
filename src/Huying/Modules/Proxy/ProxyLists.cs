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
        var q = db.Set<ProxyApplication>().AsNoTracking();
        if (user.Holds(Policies.UnitLiaison))
        {
            // The office's inbox: what waits on it, and what it decided.
            q = q.Where(a => a.State == ProxyState.Forwarded || a.State == ProxyState.OfficeAccepted || a.State >= ProxyState.Granted);
        }
        // Two reads, each along an index: the open ones by due date, then the finished ones newest first.
        var waiting = show switch
        {
            "overdue" => q.Where(a => a.State < ProxyState.Granted && a.DueAt < now),
            "correction" => q.Where(a => a.State == ProxyState.Correction),
            _ => q.Where(a => a.State < ProxyState.Granted),
        };
        var open = show is null or "open" or "overdue" or "correction" ? await Rows(waiting.OrderBy(a => a.DueAt).ThenBy(a => a.Id).Take(PageSize), ct) : [];
        var finished = (show is null or "finished") && open.Count < PageSize
            ? await Rows(q.Where(a => a.State >= ProxyState.Granted).OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Take(PageSize - open.Count), ct)
            : [];
        return [.. open.Concat(finished).Select(a => a with
        {
            Overdue = a.State < ProxyState.Granted && a.DueAt < now, DueSoon = a.State < ProxyState.Granted && a.DueAt >= now && a.DueAt <= soon,
        })];
    }

    /// <summary>Due soon: within one working day on the county's calendar (a Friday afternoon's case due on Monday is due soon).</summary>
    private async Task<DateTime> SoonAsync(DateTime now, CancellationToken ct) => (await calendars.GetAsync(ct)).Add(now, 24 * 60, workingTime: true);

    /// <summary>The secretary's watch over the community's open cases (the data layer keeps it to the caller's communities).</summary>
    public async Task<ProxyWatch> WatchAsync(CancellationToken ct)
    {
        var now = Now;
        var soon = await SoonAsync(now, ct);
        var open = db.Set<ProxyApplication>().AsNoTracking().Where(a => a.State < ProxyState.Granted && a.DueAt <= soon);
        var counts = await open.GroupBy(a => new { Office = a.State == ProxyState.Forwarded || a.State == ProxyState.OfficeAccepted, Overdue = a.DueAt < now })
            .Select(g => new { g.Key.Office, g.Key.Overdue, N = g.Count() }).ToListAsync(ct);
        return new ProxyWatch(counts.Where(c => c.Overdue && !c.Office).Sum(c => c.N), counts.Where(c => c.Overdue && c.Office).Sum(c => c.N),
            counts.Where(c => !c.Overdue).Sum(c => c.N));
    }

    private static Task<List<ProxyRow>> Rows(IQueryable<ProxyApplication> q, CancellationToken ct) =>
        q.Select(a => new ProxyRow(a.Id, a.TrackingCode, a.Service!.Name, a.ApplicantName, a.State, a.ReceivedAt, a.DueAt, false, false, a.SupervisedAt)).ToListAsync(ct);

    /// <summary>Applications received in the period; completed (decided) in it, on time when decided by the due date; ratings; trips saved.</summary>
    public async Task<ProxyFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (start, end) = Period(from, to);
        // The division's communities in scope first: an IN list walks the (community, date) indexes, a prefix match does not.
        var codes = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).Select(c => c.Code).ToListAsync(ct);
        var q = db.Set<ProxyApplication>().AsNoTracking().Where(a => codes.Contains(a.CommunityCode));
        var applications = await q.CountAsync(a => a.ReceivedAt >= start && a.ReceivedAt < end, ct);
        // Counted in the database; the working days each case took were reckoned on the calendar when it was decided.
        var decided = await q.Where(a => a.DecidedAt >= start && a.DecidedAt < end).GroupBy(a => 1).Select(g => new
        {
            N = g.Count(),
            OnTime = g.Count(a => a.DecidedAt <= a.DueAt),
            Days = g.Average(a => a.WorkingDaysTaken),
            // A trip saved: the applicant is registered outside the town of the community that filed for them.
            Trips = g.Count(a => a.RegistrationCode != null && a.RegistrationCode.Length >= 9 && a.RegistrationCode.Substring(0, 9) != a.CommunityCode.Substring(0, 9)),
        }).FirstOrDefaultAsync(ct);
        var rated = await q.Where(a => a.Rating != null && a.RatedAt >= start && a.RatedAt < end).GroupBy(a => 1)
            .Select(g => new { N = g.Count(), Average = g.Average(a => (double)(int)a.Rating!) }).FirstOrDefaultAsync(ct);
        var n = decided?.N ?? 0;
        return new ProxyFigures(applications, n, n == 0 ? null : (double)decided!.OnTime / n, decided?.Days is { } days ? Math.Round(days, 1) : null,
            rated is null ? null : Math.Round(rated.Average, 2), rated?.N ?? 0, decided?.Trips ?? 0);
    }

    /// <summary>The same by item, office or community, counted in the database like the totals.</summary>
    public async Task<List<ProxyFiguresRow>> RowsAsync(string division, DateOnly? from, DateOnly? to, string by, CancellationToken ct)
    {
        var (start, end) = Period(from, to);
        var places = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var codes = places.Keys.ToList();
        var q = db.Set<ProxyApplication>().AsNoTracking().Where(a => codes.Contains(a.CommunityCode));
        System.Linq.Expressions.Expression<Func<ProxyApplication, string>> key = by switch
        {
            "office" => a => a.OfficeUnitId.ToString(),
            "community" => a => a.CommunityCode,
            _ => a => a.ServiceId.ToString(),
        };
        var received = await q.Where(a => a.ReceivedAt >= start && a.ReceivedAt < end).GroupBy(key)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var decided = await q.Where(a => a.DecidedAt >= start && a.DecidedAt < end).GroupBy(key)
            .Select(g => new { g.Key, N = g.Count(), OnTime = g.Count(a => a.DecidedAt <= a.DueAt) }).ToDictionaryAsync(g => g.Key, ct);
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
