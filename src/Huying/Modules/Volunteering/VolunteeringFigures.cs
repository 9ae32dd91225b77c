using Huying.Modules.Organisation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

/// <summary>One row of the figures side by side: a community, a team or a partner unit.</summary>
public sealed record FigureRow(string Key, string Name, int Activities, int ActivitiesWithUnits, int Volunteers, decimal VolunteerHours, int PeopleServed);

/// <summary>The figures of DESIGN §7 for a division and a period.</summary>
public sealed record VolunteeringFigures(int Activities, int ActivitiesWithUnits, int Volunteers, decimal VolunteerHours, int PeopleServed);

/// <summary>The figures the report quotes, for a place and a period: from the daily tallies, today counted live.</summary>
public sealed partial class VolunteeringService
{
    /// <summary>
    /// What the report says of volunteering, for a division in scope and a period (local dates, both included):
    /// occurrences held (cancelled ones not), those co-organised with partner units, volunteers with confirmed hours,
    /// the hours, and the people served.
    /// </summary>
    public async Task<VolunteeringFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var now = Now;
        var (fromUtc, toUtc) = Period(from, to, now);
        var heldUntil = toUtc < now ? toUtc : now;
        var codes = await CodesAsync(division, ct);
        // Whole days before today come from the daily tallies; today (and what a period runs into) is counted live.
        var today = DateOnly.FromDateTime(Display.Local(now));
        var first = from ?? new DateOnly(today.Year, 1, 1);
        var lastTallied = (to ?? today) < today ? to ?? today : today.AddDays(-1);
        var liveFrom = lastTallied < first ? fromUtc : Display.ToUtc(lastTallied.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var tallied = await db.Set<VolunteeringDay>().AsNoTracking().Where(d => codes.Contains(d.CommunityCode) && d.Day >= first && d.Day <= lastTallied)
            .GroupBy(d => 1).Select(g => new { A = g.Sum(d => d.Activities), U = g.Sum(d => d.WithUnits), P = g.Sum(d => d.PeopleServed), H = g.Sum(d => d.HourTenths) })
            .FirstOrDefaultAsync(ct);
        var (activities, withUnits, served, hours) = (tallied?.A ?? 0, tallied?.U ?? 0, tallied?.P ?? 0, (tallied?.H ?? 0) / 10m);

        var oneOff = db.Activities.AsNoTracking().Where(a => a.Recurrence == null && a.CancelledAt == null && codes.Contains(a.CommunityCode)
            && a.StartsAt >= liveFrom && a.StartsAt < heldUntil);
        var counted = await oneOff.GroupBy(a => 1).Select(g => new { N = g.Count(), U = g.Count(a => a.UnitCount > 0) }).FirstOrDefaultAsync(ct);
        activities += counted?.N ?? 0;
        withUnits += counted?.U ?? 0;
        var recurring = await db.Activities.AsNoTracking()
            .Where(a => a.Recurrence != null && a.CancelledAt == null && codes.Contains(a.CommunityCode) && a.StartsAt < heldUntil).ToListAsync(ct);
        foreach (var slot in await schedule.SlotsAsync(db, recurring, fromUtc, heldUntil, withCancelled: false, ct))
        {
            activities++;
            withUnits += slot.Activity.UnitCount > 0 ? 1 : 0;
        }
        served += await db.Occurrences.AsNoTracking()
            .Where(o => codes.Contains(o.CommunityCode) && o.StartsAt >= liveFrom && o.StartsAt < toUtc && !o.Cancelled)
            .SumAsync(o => (int?)o.PeopleServed, ct) ?? 0;
        var live = db.SignUps.AsNoTracking().Where(s => s.HoursConfirmedAt != null && codes.Contains(s.CommunityCode)
            && s.OccurrenceStart >= liveFrom && s.OccurrenceStart < toUtc);
        hours += await live.SumAsync(s => s.Hours, ct) ?? 0;
        var volunteers = await ActiveIn(codes, first, lastTallied).Union(live.Select(s => s.VolunteerId)).CountAsync(ct);
        return new VolunteeringFigures(activities, withUnits, volunteers, hours, served);
    }

    /// <summary>
    /// The volunteers with confirmed places in the communities over whole days first..last: the months wholly inside
    /// from the month rows, the ragged ends from the day rows (a county year reads a volunteer once a month, not once a day).
    /// </summary>
    private IQueryable<long> ActiveIn(List<string> codes, DateOnly first, DateOnly last)
    {
        var rows = db.Set<ActiveVolunteer>().AsNoTracking().Where(d => codes.Contains(d.CommunityCode) && d.Places > 0);
        var months = first.Day == 1 ? first : new DateOnly(first.Year, first.Month, 1).AddMonths(1);
        var afterMonths = new DateOnly(last.Year, last.Month, 1).AddMonths(last.AddDays(1).Day == 1 ? 1 : 0);
        if (months >= afterMonths)
        {
            return rows.Where(d => d.Span == TallySpan.Day && d.Start >= first && d.Start <= last).Select(d => d.VolunteerId);
        }
        return rows.Where(d => d.Span == TallySpan.Month && d.Start >= months && d.Start < afterMonths).Select(d => d.VolunteerId)
            .Union(rows.Where(d => d.Span == TallySpan.Day && d.Start >= first && d.Start < months).Select(d => d.VolunteerId))
            .Union(rows.Where(d => d.Span == TallySpan.Day && d.Start >= afterMonths && d.Start <= last).Select(d => d.VolunteerId));
    }

    /// <summary>The communities in scope under a division: a list the indexes on community code can seek by (a prefix match cannot).</summary>
    private Task<List<string>> CodesAsync(string division, CancellationToken ct) =>
        db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).Select(c => c.Code).ToListAsync(ct);

    /// <summary>
    /// The same figures side by side, one row per community, team or co-organising partner unit (an activity with two
    /// units counts for each; volunteers are counted within each row, so rows do not add up to the total).
    /// </summary>
    public async Task<List<FigureRow>> FigureRowsAsync(string division, DateOnly? from, DateOnly? to, string groupBy, CancellationToken ct)
    {
        var now = Now;
        var (fromUtc, toUtc) = Period(from, to, now);
        var heldUntil = toUtc < now ? toUtc : now;
        var codes = await CodesAsync(division, ct);
        var recurring = await db.Activities.AsNoTracking().Include(a => a.Units)
            .Where(a => a.Recurrence != null && a.CancelledAt == null && codes.Contains(a.CommunityCode) && a.StartsAt < heldUntil).ToListAsync(ct);
        var slots = await schedule.SlotsAsync(db, recurring, fromUtc, heldUntil, withCancelled: false, ct);
        var oneOff = db.Activities.AsNoTracking().Where(a => a.Recurrence == null && a.CancelledAt == null && codes.Contains(a.CommunityCode)
            && a.StartsAt >= fromUtc && a.StartsAt < heldUntil);
        var served = db.Occurrences.AsNoTracking().Where(o => codes.Contains(o.CommunityCode) && o.StartsAt >= fromUtc && o.StartsAt < toUtc && !o.Cancelled);
        var hours = db.SignUps.AsNoTracking().Where(s => s.HoursConfirmedAt != null && codes.Contains(s.CommunityCode)
            && s.OccurrenceStart >= fromUtc && s.OccurrenceStart < toUtc);
        var rows = new Dictionary<string, FigureRow>();
        FigureRow Row(string key) => rows.TryGetValue(key, out var r) ? r : rows[key] = new FigureRow(key, key, 0, 0, 0, 0, 0);
        void Add(string key, int activities = 0, int withUnits = 0, int volunteers = 0, decimal h = 0, int people = 0)
        {
            var r = Row(key);
            rows[key] = r with { Activities = r.Activities + activities, ActivitiesWithUnits = r.ActivitiesWithUnits + withUnits,
                Volunteers = r.Volunteers + volunteers, VolunteerHours = r.VolunteerHours + h, PeopleServed = r.PeopleServed + people };
        }
        switch (groupBy)
        {
            case "team":
                foreach (var g in await oneOff.GroupBy(a => a.TeamId).Select(g => new { g.Key, N = g.Count(), U = g.Count(a => a.UnitCount > 0) }).ToListAsync(ct))
                {
                    Add(Key(g.Key), g.N, g.U);
                }
                foreach (var slot in slots)
                {
                    Add(Key(slot.Activity.TeamId), 1, slot.Activity.Units.Count > 0 ? 1 : 0);
                }
                foreach (var g in await served.Join(db.Activities, o => o.ActivityId, a => a.Id, (o, a) => new { a.TeamId, o.PeopleServed })
                    .GroupBy(x => x.TeamId).Select(g => new { g.Key, N = g.Sum(x => x.PeopleServed ?? 0) }).ToListAsync(ct))
                {
                    Add(Key(g.Key), people: g.N);
                }
                foreach (var g in await hours.Join(db.Activities, s => s.ActivityId, a => a.Id, (s, a) => new { a.TeamId, s.Hours, s.VolunteerId })
                    .GroupBy(x => x.TeamId).Select(g => new { g.Key, H = g.Sum(x => x.Hours) ?? 0, V = g.Select(x => x.VolunteerId).Distinct().Count() }).ToListAsync(ct))
                {
                    Add(Key(g.Key), volunteers: g.V, h: g.H);
                }
                var teamIds = rows.Keys.Where(k => k != "").Select(long.Parse).ToList();
                var teamNames = await db.VolunteerTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t => t.Name, ct);
                return Named(rows, teamNames, Platform.Localization.Tr.T("No team"));
            case "unit":
                var units = db.Set<ActivityUnit>().AsNoTracking();
                foreach (var g in await oneOff.SelectMany(a => a.Units, (a, u) => u.PartnerUnitId).GroupBy(u => u).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
                {
                    Add(Key(g.Key), g.N, g.N);
                }
                foreach (var slot in slots)
                {
                    foreach (var u in slot.Activity.Units)
                    {
                        Add(Key(u.PartnerUnitId), 1, 1);
                    }
                }
                foreach (var g in await served.Join(units, o => o.ActivityId, u => u.ActivityId, (o, u) => new { u.PartnerUnitId, o.PeopleServed })
                    .GroupBy(x => x.PartnerUnitId).Select(g => new { g.Key, N = g.Sum(x => x.PeopleServed ?? 0) }).ToListAsync(ct))
                {
                    Add(Key(g.Key), people: g.N);
                }
                foreach (var g in await hours.Join(units, s => s.ActivityId, u => u.ActivityId, (s, u) => new { u.PartnerUnitId, s.Hours, s.VolunteerId })
                    .GroupBy(x => x.PartnerUnitId).Select(g => new { g.Key, H = g.Sum(x => x.Hours) ?? 0, V = g.Select(x => x.VolunteerId).Distinct().Count() }).ToListAsync(ct))
                {
                    Add(Key(g.Key), volunteers: g.V, h: g.H);
                }
                var unitNames = (await UnitNamesAsync(rows.Keys.Select(long.Parse), ct)).ToDictionary(u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u => u.Name);
                return Named(rows, unitNames, "");
            default:
                foreach (var g in await oneOff.GroupBy(a => a.CommunityCode).Select(g => new { g.Key, N = g.Count(), U = g.Count(a => a.UnitCount > 0) }).ToListAsync(ct))
                {
                    Add(g.Key, g.N, g.U);
                }
                foreach (var slot in slots)
                {
                    Add(slot.Activity.CommunityCode, 1, slot.Activity.Units.Count > 0 ? 1 : 0);
                }
                foreach (var g in await served.GroupBy(o => o.CommunityCode).Select(g => new { g.Key, N = g.Sum(o => o.PeopleServed ?? 0) }).ToListAsync(ct))
                {
                    Add(g.Key, people: g.N);
                }
                foreach (var g in await hours.GroupBy(s => s.CommunityCode).Select(g => new { g.Key, H = g.Sum(s => s.Hours) ?? 0, V = g.Select(s => s.VolunteerId).Distinct().Count() }).ToListAsync(ct))
                {
                    Add(g.Key, volunteers: g.V, h: g.H);
                }
                var shown = rows.Keys.ToList();
                var names = await db.Communities.AsNoTracking().Where(c => shown.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
                return Named(rows, names, "");
        }
    }

    private static string Key(long? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static List<FigureRow> Named(Dictionary<string, FigureRow> rows, Dictionary<string, string> names, string none) =>
        [.. rows.Values.Select(r => r with { Name = names.GetValueOrDefault(r.Key) ?? (r.Key == "" ? none : r.Key) })
            .OrderByDescending(r => r.PeopleServed).ThenByDescending(r => r.Activities).ThenBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>A period of local dates as UTC bounds; this year to today when not given.</summary>
    public static (DateTime From, DateTime To) Period(DateOnly? from, DateOnly? to, DateTime nowUtc)
    {
        var today = DateOnly.FromDateTime(Display.Local(nowUtc));
        var f = from ?? new DateOnly(today.Year, 1, 1);
        var t = to ?? today;
        return (Display.ToUtc(f.ToDateTime(TimeOnly.MinValue)), Display.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)));
    }

}
