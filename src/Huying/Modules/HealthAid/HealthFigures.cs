using System.Text.Json;
using System.Text.Json.Serialization;
using Huying.Modules.Projects;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid;

/// <summary>
/// A count of people as a reader outside the health team may see it: under five it is "&lt;5" (the JSON holds the
/// string), so that a small village's figure cannot point at a patient.
/// </summary>
[JsonConverter(typeof(PeopleCountConverter))]
public readonly record struct PeopleCount(int Value, bool Masked)
{
    public const int Threshold = 5;

    public static PeopleCount Of(int value, bool mask) => new(mask && value is > 0 and < Threshold ? 0 : value, mask && value is > 0 and < Threshold);

    public override string ToString() => Masked ? "<5" : Value.ToString(System.Globalization.CultureInfo.CurrentCulture);
}

public sealed class PeopleCountConverter : JsonConverter<PeopleCount>
{
    public override PeopleCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? new PeopleCount(reader.GetInt32(), false) : new PeopleCount(0, true);

    public override void Write(Utf8JsonWriter writer, PeopleCount value, JsonSerializerOptions options)
    {
        if (value.Masked)
        {
            writer.WriteStringValue("<5");
        }
        else
        {
            writer.WriteNumberValue(value.Value);
        }
    }
}

/// <summary>The figures of DESIGN §7 for a division and a period; counts of people are masked under five for readers outside the team.</summary>
public sealed record HealthFigures(PeopleCount Consultations, int MdtSessions, PeopleCount HealthRecords, double? ChronicManagedRate,
    PeopleCount ChronicEnrolled, PeopleCount ChronicManaged, int MobileTeams, PeopleCount HomeVisits, PeopleCount Referrals, int Trainings,
    PeopleCount TrainingAttendances, int StaffTrainings, PeopleCount StaffTrainingAttendances, int RemoteConsultations, bool Masked,
    int AidProjects, int AidProjectsAccepted, decimal AidFunds, int AidUpkeepRules, IReadOnlyList<OutcomeTotal> AidOutcomes);

/// <summary>One month of the trend: consultations (人次) and follow-ups made.</summary>
public sealed record HealthMonth(DateOnly Month, PeopleCount Consultations, PeopleCount FollowUps);

/// <summary>
/// What the report says of health aid, computed from the records in a query of their own, never typed. Figures read
/// the aggregates only (the care filter is lifted in a query that returns counts, nothing of a person), so an officer
/// sees them without seeing a record.
/// </summary>
public sealed class HealthFigureCounts(HuyingDbContext db, ProjectOutcomesService projects, TimeProvider clock)
{
    private static readonly CareActivityKind[] Seeing = [CareActivityKind.ClinicDay, CareActivityKind.Mdt, CareActivityKind.MobileTeam, CareActivityKind.RemoteConsultation];

    public DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// In the period (this year to today unless told, both days included): consultations (people seen at clinic days,
    /// consultations, mobile rounds and remote sessions), MDT sessions, mobile teams that went out, households visited,
    /// referrals, first-aid trainings and their attendance, staff trainings. As they stand at the period's end: the
    /// records kept. The managed rate: see <see cref="ManagedAsync"/>.
    /// </summary>
    public async Task<HealthFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, bool mask, CancellationToken ct)
    {
        var today = Today;
        var (start, end) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        var activities = await Aggregate<CareActivity>().Where(a => a.CommunityCode.StartsWith(division) && a.On >= start && a.On <= end)
            .GroupBy(a => a.Kind).Select(g => new { Kind = g.Key, N = g.Count(), People = g.Sum(a => a.People) }).ToListAsync(ct);
        var teams = await Aggregate<CareActivity>()
            .Where(a => a.CommunityCode.StartsWith(division) && a.On >= start && a.On <= end && a.Kind == CareActivityKind.MobileTeam && a.Team != null)
            .Select(a => a.Team).Distinct().CountAsync(ct);
        var lastMoment = Display.ToUtc(end.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var records = await Aggregate<HealthRecord>().CountAsync(r => r.CommunityCode.StartsWith(division) && r.CreatedAt < lastMoment, ct);
        var households = await Aggregate<HomeVisit>().Where(v => v.CommunityCode.StartsWith(division) && v.On >= start && v.On <= end)
            .Select(v => v.HouseholdId).Distinct().CountAsync(ct);
        var referrals = await Aggregate<Referral>().CountAsync(r => r.CommunityCode.StartsWith(division) && r.ReferredOn >= start && r.ReferredOn <= end, ct);
        var (enrolled, managed) = await ManagedAsync(division, start, end, ct);
        var aid = await AidProjectsAsync(division, end, ct);
        int Count(params CareActivityKind[] kinds) => activities.Where(a => kinds.Contains(a.Kind)).Sum(a => a.N);
        PeopleCount People(params CareActivityKind[] kinds) => PeopleCount.Of(activities.Where(a => kinds.Contains(a.Kind)).Sum(a => a.People), mask);
        var rateMasked = mask && enrolled is > 0 and < PeopleCount.Threshold;
        return new HealthFigures(People(Seeing), Count(CareActivityKind.Mdt), PeopleCount.Of(records, mask),
            enrolled == 0 || rateMasked ? null : Math.Round((double)managed / enrolled, 4), PeopleCount.Of(enrolled, mask), PeopleCount.Of(managed, mask),
            teams, PeopleCount.Of(households, mask), PeopleCount.Of(referrals, mask), Count(CareActivityKind.FirstAidTraining),
            People(CareActivityKind.FirstAidTraining), Count(CareActivityKind.StaffTraining), People(CareActivityKind.StaffTraining),
            Count(CareActivityKind.RemoteConsultation), mask, aid.Projects, aid.Accepted, aid.Funds, aid.UpkeepRules, aid.Outcomes);
    }

    /// <summary>
    /// The aid projects (帮扶项目): the projects of the teams' hospitals (partner units) in the division, started by the
    /// day, read through the Projects module in the reader's scope — money, outcomes and upkeep as measured by then.
    /// </summary>
    public async Task<FundedProjects> AidProjectsAsync(string division, DateOnly asOf, CancellationToken ct)
    {
        var units = await Aggregate<CareTeam>().Where(t => t.CommunityCode.StartsWith(division) && t.PartnerUnitId != null)
            .Select(t => t.PartnerUnitId!.Value).Distinct().ToListAsync(ct);
        return units.Count == 0 ? new FundedProjects(0, 0, 0, 0, [], []) : await projects.OfUnitsAsync(division, units, asOf, ct);
    }

    /// <summary>
    /// 慢性病规范管理率: of the patients enrolled long enough in the period for the plan to ask a follow-up (the days
    /// of the period they were enrolled, over the plan's interval, rounded down, at least one), those followed at
    /// least that many times in the period. A patient enrolled for less than one interval of the period is not judged
    /// yet; with nobody judged there is no rate (暂无数据), never 0.
    /// </summary>
    public async Task<(int Judged, int Managed)> ManagedAsync(string division, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var inPeriod = Aggregate<Enrolment>().Where(e => e.CommunityCode.StartsWith(division) && e.EnrolledOn <= end && (e.EndedOn == null || e.EndedOn >= start));
        var followUps = Aggregate<FollowUp>().Where(f => f.CommunityCode.StartsWith(division) && f.On >= start && f.On <= end);
        var (judged, managed) = (0, 0);
        // Enrolled for the whole period (nearly everyone in a year): the plan asks the same number of everyone on one
        // interval, so the database counts them, one interval at a time (there are a few).
        var whole = inPeriod.Where(e => e.EnrolledOn <= start && (e.EndedOn == null || e.EndedOn >= end));
        var days = end.DayNumber - start.DayNumber + 1;
        var core = CoreYear(start, end);
        var plans = await whole.GroupBy(e => e.IntervalDays).Select(g => new { Interval = g.Key, N = g.Count() }).ToListAsync(ct);
        foreach (var (interval, n) in plans.Select(p => (p.Interval, p.N)))
        {
            var asked = days / Math.Max(1, interval);
            if (asked < 1)
            {
                continue;
            }
            judged += n;
            if (core is { } year)
            {
                managed += await CoreAndRaggedAsync(division, whole.Where(e => e.IntervalDays == interval), interval, asked, start, end, year, ct);
            }
            else
            {
                // One pass over the period's follow-ups of these patients, counted per patient (asked is at least one,
                // so a patient without any is not managed), not a count of follow-ups for each patient in turn.
                var ofInterval = whole.Where(e => e.IntervalDays == interval).Select(e => e.Id);
                managed += await followUps.Where(f => ofInterval.Contains(f.EnrolmentId)).GroupBy(f => f.EnrolmentId)
                    .Where(g => g.Count() >= asked).CountAsync(ct);
            }
        }
        // Enrolled or ended within the period: each asked for its own days, judged here.
        var partial = inPeriod.Where(e => e.EnrolledOn > start || (e.EndedOn != null && e.EndedOn < end));
        var enrolments = await partial.Select(e => new { e.Id, e.EnrolledOn, e.EndedOn, e.IntervalDays }).ToListAsync(ct);
        if (enrolments.Count == 0)
        {
            return (judged, managed);
        }
        var counts = await followUps.Where(f => partial.Select(e => e.Id).Contains(f.EnrolmentId))
            .GroupBy(f => f.EnrolmentId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        foreach (var e in enrolments)
        {
            var first = e.EnrolledOn > start ? e.EnrolledOn : start;
            var last = e.EndedOn is { } ended && ended < end ? ended : end;
            var asked = (last.DayNumber - first.DayNumber + 1) / Math.Max(1, e.IntervalDays);
            if (asked < 1)
            {
                continue;
            }
            judged++;
            if (counts.GetValueOrDefault(e.Id) >= asked)
            {
                managed++;
            }
        }
        return (judged, managed);
    }

    /// <summary>
    /// The calendar year whose tallies, corrected by the follow-ups on the days where the year and the period differ,
    /// count the period with the fewest follow-ups read: the year the period covers most of, as far as follow-ups go (a
    /// year to today holds all of its follow-ups: none is dated after the day it is written). None when those days are
    /// more than the period's own (a quarter reads its own follow-ups).
    /// </summary>
    private int? CoreYear(DateOnly start, DateOnly end)
    {
        var today = Today;
        int Differing(int year)
        {
            var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31) < today ? new DateOnly(year, 12, 31) : today);
            var (s, e) = (start, end < today ? end : today);
            var overlap = Math.Max(0, (e < last ? e : last).DayNumber - (s > first ? s : first).DayNumber + 1);
            return e.DayNumber - s.DayNumber + 1 - overlap + (last.DayNumber - first.DayNumber + 1 - overlap);
        }
        var best = Enumerable.Range(start.Year, Math.Max(0, Math.Min(end.Year, today.Year) - start.Year + 1)).OrderBy(Differing).Cast<int?>().FirstOrDefault();
        return best is { } y && Differing(y) < end.DayNumber - start.DayNumber + 1 ? y : null;
    }

    /// <summary>
    /// Those of a plan's patients enrolled all period followed <paramref name="asked"/> times in it, counted from one
    /// calendar year's tallies (one row per patient): those the year makes managed, corrected for the few patients seen on
    /// the days where the year and the period differ — days of the period outside the year add their follow-ups, days of
    /// the year outside the period take theirs away — read by date. A rolling year reads its weeks of last year, not a
    /// year of follow-ups grouped by patient (100 → 20 ms at 50,000 patients).
    /// </summary>
    private async Task<int> CoreAndRaggedAsync(string division, IQueryable<Enrolment> patients, int interval, int asked, DateOnly start, DateOnly end,
        int year, CancellationToken ct)
    {
        var tallies = Aggregate<FollowUpTally>().Where(t => t.Year == year);
        var outright = await tallies.CountAsync(t => t.CommunityCode.StartsWith(division) && t.IntervalDays == interval && t.Count >= asked
            && t.EnrolledOn <= start && (t.EndedOn == null || t.EndedOn >= end), ct);
        // The days that differ: before (the period's days before the year, or the year's before the period) and after.
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var (before0, before1) = start < first ? (start, first) : (first, start);
        var (after0, after1) = end > last ? (last, end) : (end, last);
        if (before0 == before1 && (after0 == after1 || after0 >= Today))
        {
            return outright;
        }
        var moved = await Aggregate<FollowUp>()
            .Where(f => f.CommunityCode.StartsWith(division) && ((f.On >= before0 && f.On < before1) || (f.On > after0 && f.On <= after1)))
            .GroupBy(f => new { f.EnrolmentId, f.CommunityCode })
            .Select(g => new { g.Key.EnrolmentId, g.Key.CommunityCode, N = g.Sum(f => f.On >= start && f.On <= end ? 1 : -1) })
            .Where(r => r.N != 0 && patients.Any(e => e.Id == r.EnrolmentId))
            .Select(r => new { r.N, Year = tallies.Where(t => t.CommunityCode == r.CommunityCode && t.EnrolmentId == r.EnrolmentId).Select(t => t.Count).FirstOrDefault() })
            .ToListAsync(ct);
        return outright + moved.Count(r => r.Year < asked && r.Year + r.N >= asked) - moved.Count(r => r.Year >= asked && r.Year + r.N < asked);
    }

    /// <summary>The twelve months up to the period's end: consultations and follow-ups.</summary>
    public async Task<List<HealthMonth>> TrendAsync(string division, DateOnly end, bool mask, CancellationToken ct)
    {
        var first = new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
        var seen = await Aggregate<CareActivity>().Where(a => a.CommunityCode.StartsWith(division) && a.On >= first && a.On <= end && Seeing.Contains(a.Kind))
            .Select(a => new { a.On, a.People }).ToListAsync(ct);
        var follow = await Aggregate<FollowUp>().Where(f => f.CommunityCode.StartsWith(division) && f.On >= first && f.On <= end)
            .GroupBy(f => new { f.On.Year, f.On.Month }).Select(g => new { g.Key.Year, g.Key.Month, N = g.Count() }).ToListAsync(ct);
        return [.. Enumerable.Range(0, 12).Select(i => first.AddMonths(i)).Select(m => new HealthMonth(m,
            PeopleCount.Of(seen.Where(s => s.On.Year == m.Year && s.On.Month == m.Month).Sum(s => s.People), mask),
            PeopleCount.Of(follow.Where(f => f.Year == m.Year && f.Month == m.Month).Sum(f => f.N), mask)))];
    }

    /// <summary>
    /// Counts over care records, lifted from the care filter in a query of their own: whoever may read the figures
    /// (the endpoint's policy and the division in the caller's scope decide) gets numbers, never a row.
    /// </summary>
    private IQueryable<T> Aggregate<T>() where T : class => db.Set<T>().IgnoreQueryFilters().AsNoTracking();
}
