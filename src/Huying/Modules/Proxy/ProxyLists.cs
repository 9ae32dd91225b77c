using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

/// <summary>One line of a list: the case, its item, the applicant, where it is and whether its time runs out.</summary>
public sealed record ProxyRow(long Id, string TrackingCode, string Service, string ApplicantName, ProxyState State, DateTime ReceivedAt, DateTime DueAt,
    bool Overdue, bool DueSoon);

/// <summary>DESIGN §7's proxy figures for a division and period, and the ones the issue adds.</summary>
public sealed record ProxyFigures(int Applications, int Completed, double? OnTimeRate, double? AverageWorkingDays, double? AverageRating, int Rated,
    int TripsSaved);

/// <summary>Figures by item, office or community.</summary>
public sealed record ProxyFiguresRow(string Key, string Name, int Applications, int Completed, double? OnTimeRate);

/// <summary>The community's list, the office's inbox, the figures and the purge of old materials.</summary>
public sealed class ProxyLists(HuyingDbContext db, CurrentUser user, TimeProvider clock, Platform.Calendar.WorkCalendars calendars)
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
        var soon = now.AddDays(1);
        var q = db.Set<ProxyApplication>().AsNoTracking();
        q = show switch
        {
            "open" => q.Where(a => a.State < ProxyState.Granted),
            "overdue" => q.Where(a => a.State < ProxyState.Granted && a.DueAt < now),
            "correction" => q.Where(a => a.State == ProxyState.Correction),
            "finished" => q.Where(a => a.State >= ProxyState.Granted),
            _ => q,
        };
        if (user.Holds(Policies.UnitLiaison))
        {
            // The office's inbox: what waits on it first.
            q = q.Where(a => a.State == ProxyState.Forwarded || a.State == ProxyState.OfficeAccepted || a.State >= ProxyState.Granted);
        }
        var rows = await q.OrderBy(a => a.State >= ProxyState.Granted).ThenBy(a => a.State >= ProxyState.Granted ? DateTime.MaxValue : a.DueAt)
            .ThenByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id).Take(PageSize)
            .Select(a => new { a.Id, a.TrackingCode, Service = a.Service!.Name, a.ApplicantName, a.State, a.ReceivedAt, a.DueAt }).ToListAsync(ct);
        return [.. rows.Select(a => new ProxyRow(a.Id, a.TrackingCode, a.Service, a.ApplicantName, a.State, a.ReceivedAt, a.DueAt,
            a.State < ProxyState.Granted && a.DueAt < now, a.State < ProxyState.Granted && a.DueAt >= now && a.DueAt < soon))];
    }

    /// <summary>Applications received in the period; completed (decided) in it, on time when decided by the due date; ratings; trips saved.</summary>
    public async Task<ProxyFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (start, end) = Period(from, to);
        var q = db.Set<ProxyApplication>().AsNoTracking().Where(a => a.CommunityCode.StartsWith(division));
        var applications = await q.CountAsync(a => a.ReceivedAt >= start && a.ReceivedAt < end, ct);
        var decided = await q.Where(a => a.DecidedAt >= start && a.DecidedAt < end)
            .Select(a => new { a.ReceivedAt, DecidedAt = a.DecidedAt!.Value, a.DueAt, a.RegistrationCode, a.CommunityCode }).ToListAsync(ct);
        var rated = await q.Where(a => a.RatedAt >= start && a.RatedAt < end).Select(a => (int)a.Rating!).ToListAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        double? average = decided.Count == 0 ? null : Math.Round(decided.Average(d => WorkingDays(calendar, d.ReceivedAt, d.DecidedAt)), 1);
        return new ProxyFigures(applications, decided.Count, decided.Count == 0 ? null : (double)decided.Count(d => d.DecidedAt <= d.DueAt) / decided.Count,
            average, rated.Count == 0 ? null : Math.Round(rated.Average(), 2), rated.Count,
            // A trip saved: the applicant is registered outside the town of the community that filed for them.
            decided.Count(d => d.RegistrationCode is { Length: >= 9 } r && r[..9] != d.CommunityCode[..9]));
    }

    /// <summary>The same by item, office or community.</summary>
    public async Task<List<ProxyFiguresRow>> RowsAsync(string division, DateOnly? from, DateOnly? to, string by, CancellationToken ct)
    {
        var (start, end) = Period(from, to);
        var cases = await db.Set<ProxyApplication>().AsNoTracking().Where(a => a.CommunityCode.StartsWith(division)
                && ((a.ReceivedAt >= start && a.ReceivedAt < end) || (a.DecidedAt >= start && a.DecidedAt < end)))
            .Select(a => new { a.ServiceId, Service = a.Service!.Name, a.OfficeUnitId, a.CommunityCode, a.ReceivedAt, a.DecidedAt, a.DueAt }).ToListAsync(ct);
        var offices = await db.PartnerUnits.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var places = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        return [.. cases.GroupBy(c => by switch { "office" => c.OfficeUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), "community" => c.CommunityCode,
                _ => c.ServiceId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Select(g =>
            {
                var first = g.First();
                var name = by switch { "office" => offices.GetValueOrDefault(first.OfficeUnitId) ?? "", "community" => places.GetValueOrDefault(first.CommunityCode) ?? "", _ => first.Service };
                var decided = g.Where(c => c.DecidedAt >= start && c.DecidedAt < end).ToList();
                return new ProxyFiguresRow(g.Key, name, g.Count(c => c.ReceivedAt >= start && c.ReceivedAt < end), decided.Count,
                    decided.Count == 0 ? null : (double)decided.Count(c => c.DecidedAt <= c.DueAt) / decided.Count);
            }).OrderByDescending(r => r.Applications).ThenBy(r => r.Key)];
    }

    private (DateTime Start, DateTime End) Period(DateOnly? from, DateOnly? to)
    {
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));
        var f = from ?? new DateOnly(today.Year, 1, 1);
        var t = to ?? today;
        return (Platform.Web.Display.ToUtc(f.ToDateTime(TimeOnly.MinValue)), Platform.Web.Display.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)));
    }

    /// <summary>Working days from receipt to decision on the county's calendar (a part day counts as the part it is).</summary>
    private static double WorkingDays(Platform.Calendar.WorkCalendar calendar, DateTime fromUtc, DateTime toUtc)
    {
        var days = 0.0;
        var t = Platform.Web.Display.Local(fromUtc);
        var end = Platform.Web.Display.Local(toUtc);
        while (t < end)
        {
            var next = t.Date.AddDays(1) < end ? t.Date.AddDays(1) : end;
            if (calendar.IsWorkday(DateOnly.FromDateTime(t)))
            {
                days += (next - t).TotalDays;
            }
            t = next;
        }
        return days;
    }
}
