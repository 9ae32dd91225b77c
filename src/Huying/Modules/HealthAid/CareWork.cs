using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid;

public sealed record ReferralInput(string? Hospital, string? Reason, DateOnly? ReferredOn);

public sealed record ReferralStep(string? Note, DateOnly? On);

public sealed record ReferralView(Referral Referral, string Patient, ReferralDetails Details);

public sealed record ActivityInput(string? Village, string? Kind, DateOnly? On, string? Title, string? Team, int? People);

public sealed record HomeVisitInput(long? HouseholdId, DateOnly? On, string? Team, string? Findings);

public sealed record HomeVisitView(HomeVisit Visit, string Household, string Findings);

public sealed record IndicatorInput(string? Village, DateOnly? Month, int? Indicator, decimal? Value);

/// <summary>
/// The team's work beside the registry: referrals through the green channel and back, clinic days, consultations,
/// mobile teams' rounds, remote consultations and trainings with their 人次, home visits with sealed findings, and the
/// nine monthly assessment indicators.
/// </summary>
public sealed class CareWork(HuyingDbContext db, CareAccess care)
{
    /// <summary>The team's nine assessment indicators (考核指标), in the order the team reports them.</summary>
    public static readonly string[] Indicators =
    [
        "Records kept", "Chronic patients followed", "Blood pressure controlled (%)", "Blood glucose controlled (%)", "Consultations (人次)",
        "Referrals", "Home visits (households)", "Training sessions", "Satisfaction (%)",
    ];

    public async Task<Referral> ReferAsync(long recordId, ReferralInput input, CancellationToken ct)
    {
        care.Require();
        var record = await db.Set<HealthRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId, ct) ?? throw new NotFoundException();
        var hospital = input.Hospital?.Trim() ?? "";
        var on = input.ReferredOn ?? care.Today;
        new FieldErrors()
            .Add("hospital", hospital.Length == 0 ? "Name the hospital" : hospital.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null)
            .Add("reason", (input.Reason?.Trim().Length ?? 0) < 2 ? "Give the reason for the referral" : input.Reason!.Trim().Length > HealthRecords.MaxText
                ? new Message("Keep it under {0} characters", HealthRecords.MaxText) : (Message?)null)
            .Add("referredOn", on > care.Today ? "The day cannot be in the future" : null)
            .ThrowIfAny();
        var referral = new Referral
        {
            CommunityCode = record.CommunityCode, RecordId = recordId, ReferredOn = on, Hospital = hospital,
            Sealed = care.Seal(new ReferralDetails(input.Reason!.Trim(), null, null)), By = care.By, CreatedAt = care.Now,
        };
        db.Add(referral);
        await db.SaveChangesAsync(ct);
        return referral;
    }

    /// <summary>The hospital received the patient (what it found and did); then it refers them back with advice for the village doctor.</summary>
    public async Task StepAsync(long id, bool back, ReferralStep input, CancellationToken ct)
    {
        care.Require();
        var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException();
        var on = input.On ?? care.Today;
        var note = input.Note?.Trim() ?? "";
        new FieldErrors()
            .Add("note", note.Length < 2 ? (back ? "Give the advice for the village" : "Give the hospital's outcome")
                : note.Length > HealthRecords.MaxText ? new Message("Keep it under {0} characters", HealthRecords.MaxText) : (Message?)null)
            .Add("on", on > care.Today ? "The day cannot be in the future" : on < referral.ReferredOn ? "Not before the referral" : null)
            .ThrowIfAny();
        var expected = back ? ReferralState.Admitted : ReferralState.Referred;
        if (referral.State != expected)
        {
            throw new RuleViolationException(back ? "Only a received referral is referred back" : "This referral was already received",
                new Dictionary<string, object?> { ["state"] = referral.State.ToString() });
        }
        var details = care.Open<ReferralDetails>(referral.Sealed);
        referral.Sealed = care.Seal(back ? details with { BackAdvice = note } : details with { Outcome = note });
        if (back)
        {
            (referral.State, referral.BackOn) = (ReferralState.BackReferred, on);
        }
        else
        {
            (referral.State, referral.ReceivedOn) = (ReferralState.Admitted, on);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<ReferralView?> FindReferralAsync(long id, CancellationToken ct)
    {
        care.Require();
        var purpose = await care.RequirePurposeAsync(ct);
        var row = await (from r in db.Set<Referral>().AsNoTracking().Where(r => r.Id == id)
                         join h in db.Set<HealthRecord>().AsNoTracking() on r.RecordId equals h.Id
                         join p in db.People.AsNoTracking() on h.PersonId equals p.Id
                         select new { r, p.Name }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        await care.AuditReadAsync(purpose, "HealthRecord", [row.r.RecordId], ct);
        return new ReferralView(row.r, row.Name, care.Open<ReferralDetails>(row.r.Sealed));
    }

    /// <summary>The referrals still open (not yet back in the village) first, then the latest; audited as a read of those patients.</summary>
    public async Task<List<ReferralView>> ReferralsAsync(bool open, int take, CancellationToken ct)
    {
        care.Require();
        var purpose = await care.RequirePurposeAsync(ct);
        var q = db.Set<Referral>().AsNoTracking().Where(r => !open || r.State != ReferralState.BackReferred);
        var rows = await (from r in q
                          join h in db.Set<HealthRecord>().AsNoTracking() on r.RecordId equals h.Id
                          join p in db.People.AsNoTracking() on h.PersonId equals p.Id
                          orderby r.ReferredOn descending, r.Id descending
                          select new { r, p.Name }).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        await care.AuditReadAsync(purpose, "HealthRecord", [.. rows.Select(x => x.r.RecordId).Distinct()], ct);
        return [.. rows.Select(x => new ReferralView(x.r, x.Name, care.Open<ReferralDetails>(x.r.Sealed)))];
    }

    /// <summary>Records a clinic day, consultation, mobile round, remote consultation or training held in one of the caller's villages.</summary>
    public async Task<CareActivity> AddActivityAsync(ActivityInput input, CancellationToken ct)
    {
        care.Require();
        var village = input.Village?.Trim() ?? "";
        var kind = EnumNames.TryName<CareActivityKind>(input.Kind, out var k) ? k : (CareActivityKind?)null;
        var title = input.Title?.Trim() ?? "";
        var on = input.On ?? care.Today;
        new FieldErrors()
            .Add("village", care.Serves(village) ? null : "Choose a village you serve")
            .Add("kind", kind is null ? "Choose what was held" : null)
            .Add("on", on > care.Today ? "The day cannot be in the future" : null)
            .Add("title", title.Length < 2 ? "Say what it was" : title.Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null)
            .Add("team", input.Team?.Trim().Length > 200 ? new Message("Keep it under {0} characters", 200) : (Message?)null)
            .Add("people", input.People is not (>= 0 and <= 100_000) ? "Give the number of people (人次)" : null)
            .ThrowIfAny();
        var activity = new CareActivity
        {
            CommunityCode = village, Kind = kind!.Value, On = on, Title = title, Team = HealthRecords.Trim(input.Team), People = input.People!.Value,
            By = care.By, CreatedAt = care.Now,
        };
        db.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity;
    }

    public async Task<List<CareActivity>> ActivitiesAsync(int take, CancellationToken ct)
    {
        care.Require();
        return await db.Set<CareActivity>().AsNoTracking().OrderByDescending(a => a.On).ThenByDescending(a => a.Id).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
    }

    /// <summary>Records a home visit to a household of the village, with what was found (sealed).</summary>
    public async Task<HomeVisit> VisitAsync(HomeVisitInput input, CancellationToken ct)
    {
        care.Require();
        var household = input.HouseholdId is { } hid ? await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hid, ct) : null;
        var on = input.On ?? care.Today;
        var findings = input.Findings?.Trim() ?? "";
        new FieldErrors()
            .Add("householdId", household is null || !care.Serves(household.CommunityCode) ? "Choose a household of your village" : null)
            .Add("on", on > care.Today ? "The day cannot be in the future" : null)
            .Add("findings", findings.Length < 2 ? "Write what the visit found" : findings.Length > HealthRecords.MaxText
                ? new Message("Keep it under {0} characters", HealthRecords.MaxText) : (Message?)null)
            .Add("team", input.Team?.Trim().Length > 100 ? new Message("Keep it under {0} characters", 100) : (Message?)null)
            .ThrowIfAny();
        var visit = new HomeVisit
        {
            CommunityCode = household!.CommunityCode, HouseholdId = household.Id, On = on, Team = HealthRecords.Trim(input.Team), Sealed = care.Seal(findings),
            By = care.By, CreatedAt = care.Now,
        };
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        return visit;
    }

    public async Task<List<HomeVisitView>> VisitsAsync(int take, CancellationToken ct)
    {
        care.Require();
        var purpose = await care.RequirePurposeAsync(ct);
        var rows = await (from v in db.Set<HomeVisit>().AsNoTracking()
                          join h in db.Households.AsNoTracking() on v.HouseholdId equals h.Id
                          join b in db.Buildings.AsNoTracking() on h.BuildingId equals b.Id
                          orderby v.On descending, v.Id descending
                          select new { v, Where = b.Name + h.DoorNumber }).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        await care.AuditReadAsync(purpose, "HomeVisit", [.. rows.Select(r => r.v.Id)], ct);
        return [.. rows.Select(r => new HomeVisitView(r.v, r.Where, care.Open<string>(r.v.Sealed)))];
    }

    /// <summary>Sets a month's value of one of the nine indicators (the first of the month names it).</summary>
    public async Task SetIndicatorAsync(IndicatorInput input, CancellationToken ct)
    {
        care.Require();
        var village = input.Village?.Trim() ?? "";
        new FieldErrors()
            .Add("village", care.Serves(village) ? null : "Choose a village you serve")
            .Add("month", input.Month is not { } m ? "Choose the month" : m > care.Today ? "The month cannot be in the future" : null)
            .Add("indicator", input.Indicator is not (>= 1 and <= 9) ? "Choose one of the nine indicators" : null)
            .Add("value", input.Value is not (>= 0 and <= 1_000_000) ? "Give the value" : null)
            .ThrowIfAny();
        var month = new DateOnly(input.Month!.Value.Year, input.Month.Value.Month, 1);
        var row = await db.Set<AssessmentValue>().FirstOrDefaultAsync(v => v.CommunityCode == village && v.Month == month && v.Indicator == input.Indicator, ct);
        if (row is null)
        {
            db.Add(new AssessmentValue { CommunityCode = village, Month = month, Indicator = input.Indicator!.Value, Value = input.Value!.Value, By = care.By });
        }
        else
        {
            (row.Value, row.By) = (input.Value!.Value, care.By);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<AssessmentValue>> IndicatorValuesAsync(int year, CancellationToken ct)
    {
        care.Require();
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 1));
        return await db.Set<AssessmentValue>().AsNoTracking().Where(v => v.Month >= from && v.Month <= to).OrderBy(v => v.Month).ToListAsync(ct);
    }

    /// <summary>The households of the caller's villages, for the visit form (by name of the building and door).</summary>
    public async Task<List<(long Id, string Name)>> HouseholdsAsync(CancellationToken ct)
    {
        care.Require();
        var villages = db.Scope.CareCommunities.ToArray();
        var rows = await (from h in db.Households.AsNoTracking().Where(h => villages.Contains(h.CommunityCode))
                          join b in db.Buildings.AsNoTracking() on h.BuildingId equals b.Id
                          orderby b.Name, h.DoorNumber
                          select new { h.Id, Name = b.Name + h.DoorNumber }).Take(2000).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.Name))];
    }
}
