using System.Globalization;
using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid;

public sealed record RecordInput(long? PersonId, string? Diagnosis, string? History, string? Allergies, string? Notes, DateOnly? ConsentOn,
    bool? ConsentGiven);

public sealed record DetailsInput(string? Diagnosis, string? History, string? Allergies, string? Notes);

public sealed record ConditionInput(string? Name, string? NameEn, int? FollowUpsPerYear);

public sealed record EnrolInput(long? ConditionId, DateOnly? EnrolledOn, int? FollowUpsPerYear);

public sealed record FollowUpInput(DateOnly? On, bool? WithExpert, bool? WithDoctor, bool? WithTeam, int? Systolic, int? Diastolic, decimal? Glucose,
    decimal? WeightKg, string? Control, string? Advice, DateOnly? NextOn);

/// <summary>A patient as the lists show one: the record, the person's name, age and sex.</summary>
public sealed record PatientRow(long RecordId, string Number, long PersonId, string Name, Gender Gender, int? Age, string CommunityCode);

/// <summary>A follow-up due: the patient, the condition, when it is due and when it was last made.</summary>
public sealed record DueRow(long EnrolmentId, long RecordId, string Name, string Condition, DateOnly NextDueOn, DateOnly? LastFollowUpOn, bool Overdue);

/// <summary>One patient's plan as the three roles share it.</summary>
public sealed record PatientPlan(HealthRecord Record, PatientRow Patient, HealthDetails Details, IReadOnlyList<EnrolmentView> Enrolments,
    IReadOnlyList<FollowUpView> FollowUps, IReadOnlyList<ReferralView> Referrals);

public sealed record EnrolmentView(Enrolment Enrolment, string Condition, bool Overdue);

public sealed record FollowUpView(FollowUp FollowUp, string Condition, FollowUpDetails Details);

/// <summary>
/// Health records and the chronic-disease registry: a record (with the villager's consent) for a person of the
/// village, enrolment per condition with its follow-up plan, follow-ups by the three roles with their measurements,
/// and the work list of follow-ups due. Every read goes through <see cref="CareAccess"/>.
/// </summary>
public sealed class HealthRecords(HuyingDbContext db, CareAccess care)
{
    public const int MaxText = 1000;

    public Task<List<ChronicCondition>> ConditionsAsync(CancellationToken ct) =>
        db.Set<ChronicCondition>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);

    /// <summary>Adds a condition to the registry (the team's lead): its name in both languages and its follow-ups a year.</summary>
    public async Task<ChronicCondition> AddConditionAsync(ConditionInput input, bool lead, CancellationToken ct)
    {
        care.Require();
        if (!lead)
        {
            throw new NotAllowedException("Only the team lead changes the registry's conditions");
        }
        var name = input.Name?.Trim() ?? "";
        var english = input.NameEn?.Trim() is { Length: > 0 } en ? en : name;
        new FieldErrors()
            .Add("name", name.Length < 2 ? "Name the condition" : name.Length > 50 ? new Message("Keep it under {0} characters", 50) : (Message?)null)
            .Add("nameEn", english.Length > 80 ? new Message("Keep it under {0} characters", 80) : (Message?)null)
            .Add("followUpsPerYear", input.FollowUpsPerYear is not (>= 1 and <= 52) ? "Between 1 and 52 follow-ups a year" : null)
            .ThrowIfAny();
        if (await db.Set<ChronicCondition>().AnyAsync(c => c.Name == name, ct))
        {
            throw new RuleViolationException("This condition is already in the registry");
        }
        var condition = new ChronicCondition
        {
            Code = "c" + care.Now.Ticks.ToString(CultureInfo.InvariantCulture)[^10..], Name = name, NameEn = english,
            FollowUpsPerYear = input.FollowUpsPerYear!.Value,
        };
        db.Add(condition);
        await db.SaveChangesAsync(ct);
        return condition;
    }

    /// <summary>The village's patients by name, number or nothing (the newest first); the read is audited.</summary>
    public async Task<List<PatientRow>> ListAsync(string? find, int take, CancellationToken ct)
    {
        care.Require();
        var purpose = await care.RequirePurposeAsync(ct);
        var text = find?.Trim() ?? "";
        var rows = await Patients(r => r.Id > 0, text).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        await care.AuditReadAsync(purpose, "HealthRecord", [.. rows.Select(r => r.RecordId)], ct);
        return rows;
    }

    /// <summary>One patient's plan: the record, enrolments, follow-ups and referrals; null (404) outside the caller's villages.</summary>
    public async Task<PatientPlan?> PlanAsync(long id, CancellationToken ct)
    {
        care.Require();
        var purpose = await care.RequirePurposeAsync(ct);
        if (await db.Set<HealthRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } record
            || await Patients(r => r.Id == id, "").FirstOrDefaultAsync(ct) is not { } patient)
        {
            return null;
        }
        await care.AuditReadAsync(purpose, "HealthRecord", [id], ct);
        var conditions = (await ConditionsAsync(ct)).ToDictionary(c => c.Id, c => c);
        var today = care.Today;
        var enrolments = await db.Set<Enrolment>().AsNoTracking().Where(e => e.RecordId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var follow = await db.Set<FollowUp>().AsNoTracking().Where(f => f.RecordId == id).OrderByDescending(f => f.On).ThenByDescending(f => f.Id).ToListAsync(ct);
        var condition = enrolments.ToDictionary(e => e.Id, e => conditions.GetValueOrDefault(e.ConditionId)?.Name ?? "");
        var referrals = await db.Set<Referral>().AsNoTracking().Where(r => r.RecordId == id).OrderByDescending(r => r.ReferredOn).ToListAsync(ct);
        return new PatientPlan(record, patient, care.Open<HealthDetails>(record.Sealed),
            [.. enrolments.Select(e => new EnrolmentView(e, condition[e.Id], e.EndedOn is null && e.NextDueOn < today))],
            [.. follow.Select(f => new FollowUpView(f, condition.GetValueOrDefault(f.EnrolmentId, ""), care.Open<FollowUpDetails>(f.Sealed)))],
            [.. referrals.Select(r => new ReferralView(r, patient.Name, care.Open<ReferralDetails>(r.Sealed)))]);
    }

    /// <summary>Opens a record for a person of one of the caller's villages, with the villager's separate consent.</summary>
    public async Task<HealthRecord> CreateAsync(RecordInput input, CancellationToken ct)
    {
        care.Require();
        var person = input.PersonId is { } pid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        var errors = Check(new FieldErrors(), input.Diagnosis, input.History, input.Allergies, input.Notes)
            .Add("personId", person is null || !care.Serves(person.CommunityCode) ? "Choose a villager of your village" : null)
            .Add("consentGiven", input.ConsentGiven != true ? "The villager's separate consent is needed before a health record is kept" : null)
            .Add("consentOn", input.ConsentOn is not { } on ? "Give the day consent was given" : on > care.Today ? "The day cannot be in the future" : null);
        errors.ThrowIfAny();
        if (await db.Set<HealthRecord>().AnyAsync(r => r.PersonId == person!.Id, ct))
        {
            throw new RuleViolationException("This villager already has a health record");
        }
        var now = care.Now;
        var count = await db.Set<HealthRecord>().CountAsync(r => r.CommunityCode == person!.CommunityCode, ct);
        var record = new HealthRecord
        {
            CommunityCode = person!.CommunityCode, PersonId = person.Id,
            Number = $"{person.CommunityCode}-{(count + 1).ToString("0000", CultureInfo.InvariantCulture)}",
            Sealed = care.Seal(new HealthDetails(Trim(input.Diagnosis), Trim(input.History), Trim(input.Allergies), Trim(input.Notes))),
            ConsentOn = input.ConsentOn!.Value, ConsentBy = care.By, CreatedBy = care.By, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task UpdateAsync(long id, DetailsInput input, CancellationToken ct)
    {
        care.Require();
        var record = await db.Set<HealthRecord>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException();
        Check(new FieldErrors(), input.Diagnosis, input.History, input.Allergies, input.Notes).ThrowIfAny();
        record.Sealed = care.Seal(new HealthDetails(Trim(input.Diagnosis), Trim(input.History), Trim(input.Allergies), Trim(input.Notes)));
        record.UpdatedAt = care.Now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Enrols the patient for a condition: follow-ups at the condition's rate (or the patient's own), the first due one interval on.</summary>
    public async Task<Enrolment> EnrolAsync(long recordId, EnrolInput input, CancellationToken ct)
    {
        care.Require();
        var record = await db.Set<HealthRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId, ct) ?? throw new NotFoundException();
        var condition = input.ConditionId is { } cid ? await db.Set<ChronicCondition>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        new FieldErrors()
            .Add("conditionId", condition is null ? "Choose the condition" : null)
            .Add("enrolledOn", input.EnrolledOn is { } on && on > care.Today ? "The day cannot be in the future" : null)
            .Add("followUpsPerYear", input.FollowUpsPerYear is { } n && n is < 1 or > 52 ? "Between 1 and 52 follow-ups a year" : null)
            .ThrowIfAny();
        if (await db.Set<Enrolment>().AnyAsync(e => e.RecordId == recordId && e.ConditionId == condition!.Id, ct))
        {
            throw new RuleViolationException("The patient is already enrolled for this condition");
        }
        var interval = ChronicCondition.IntervalFor(input.FollowUpsPerYear ?? condition!.FollowUpsPerYear);
        var enrolledOn = input.EnrolledOn ?? care.Today;
        var enrolment = new Enrolment
        {
            CommunityCode = record.CommunityCode, RecordId = recordId, ConditionId = condition!.Id, EnrolledOn = enrolledOn, IntervalDays = interval,
            NextDueOn = enrolledOn.AddDays(interval),
        };
        db.Add(enrolment);
        await db.SaveChangesAsync(ct);
        return enrolment;
    }

    /// <summary>Records a follow-up: who of the three took part, the measurements and control, and the next date (one interval on unless told).</summary>
    public async Task<FollowUp> FollowUpAsync(long enrolmentId, FollowUpInput input, CancellationToken ct)
    {
        care.Require();
        var enrolment = await db.Set<Enrolment>().FirstOrDefaultAsync(e => e.Id == enrolmentId, ct) ?? throw new NotFoundException();
        var today = care.Today;
        var on = input.On ?? today;
        ControlStatus? control = null;
        if (input.Control is { Length: > 0 } c)
        {
            control = EnumNames.TryName<ControlStatus>(c, out var parsed) ? parsed : (ControlStatus)(-1);
        }
        var next = input.NextOn ?? on.AddDays(enrolment.IntervalDays);
        var errors = new FieldErrors()
            .Add("on", on > today ? "The day cannot be in the future" : on < enrolment.EnrolledOn ? "Not before the patient was enrolled" : null)
            .Add("withDoctor", input.WithExpert != true && input.WithDoctor != true && input.WithTeam != true
                ? "Say who took part: the expert, the village doctor or the team member" : null)
            .Add("systolic", input.Systolic is { } s && s is < 60 or > 300 ? "Systolic pressure between 60 and 300 mmHg" : null)
            .Add("diastolic", input.Diastolic is { } d && d is < 30 or > 200 ? "Diastolic pressure between 30 and 200 mmHg"
                : input.Diastolic is { } d2 && input.Systolic is { } s2 && d2 >= s2 ? "Diastolic pressure is lower than systolic" : null)
            .Add("glucose", input.Glucose is { } g && g is < 1 or > 40 ? "Blood glucose between 1 and 40 mmol/L" : null)
            .Add("weightKg", input.WeightKg is { } w && w is < 10 or > 300 ? "Weight between 10 and 300 kg" : null)
            .Add("control", control == (ControlStatus)(-1) ? "Choose the control status" : null)
            .Add("advice", input.Advice?.Trim().Length > MaxText ? new Message("Keep it under {0} characters", MaxText) : (Message?)null)
            .Add("nextOn", next <= on ? "The next follow-up comes after this one" : next > on.AddDays(366) ? "The next follow-up is within a year" : null);
        errors.ThrowIfAny();
        var followUp = new FollowUp
        {
            CommunityCode = enrolment.CommunityCode, EnrolmentId = enrolment.Id, RecordId = enrolment.RecordId, On = on,
            WithExpert = input.WithExpert == true, WithDoctor = input.WithDoctor == true, WithTeam = input.WithTeam == true,
            Sealed = care.Seal(new FollowUpDetails(input.Systolic, input.Diastolic, input.Glucose, input.WeightKg, control, Trim(input.Advice))),
            NextOn = next, By = care.By, CreatedAt = care.Now,
        };
        db.Add(followUp);
        if (enrolment.LastFollowUpOn is null || on >= enrolment.LastFollowUpOn)
        {
            enrolment.LastFollowUpOn = on;
            enrolment.NextDueOn = next;
        }
        await db.SaveChangesAsync(ct);
        return followUp;
    }

    /// <summary>
    /// The work list: follow-ups due within <paramref name="days"/> days or overdue, the most overdue first, in the
    /// caller's villages; the patients on it are on the read's audit line.
    /// </summary>
    public async Task<List<DueRow>> DueAsync(int days, int take, CancellationToken ct)
    {
        care.Require();
        var purpose = await care.RequirePurposeAsync(ct);
        var today = care.Today;
        var until = today.AddDays(Math.Clamp(days, 0, 90));
        // The first rows by due date first, then their names: the database sorts the enrolments alone, not thousands of joined rows.
        var first = db.Set<Enrolment>().AsNoTracking().Where(e => e.EndedOn == null && e.NextDueOn <= until)
            .OrderBy(e => e.NextDueOn).ThenBy(e => e.Id).Take(Math.Clamp(take, 1, 500));
        var rows = await (
            from e in first
            join r in db.Set<HealthRecord>().AsNoTracking() on e.RecordId equals r.Id
            join p in db.People.AsNoTracking() on r.PersonId equals p.Id
            join c in db.Set<ChronicCondition>().AsNoTracking() on e.ConditionId equals c.Id
            orderby e.NextDueOn, e.Id
            select new DueRow(e.Id, e.RecordId, p.Name, c.Name, e.NextDueOn, e.LastFollowUpOn, e.NextDueOn < today)).ToListAsync(ct);
        await care.AuditReadAsync(purpose, "HealthRecord", [.. rows.Select(r => r.RecordId).Distinct()], ct);
        return rows;
    }

    /// <summary>The care villages' patients (the data layer keeps them to the caller's villages), newest first: all, or
    /// those whose name holds the text or whose record number it is.</summary>
    private IQueryable<PatientRow> Patients(System.Linq.Expressions.Expression<Func<HealthRecord, bool>> records, string find)
    {
        var year = care.Today.Year;
        return from r in db.Set<HealthRecord>().AsNoTracking().Where(records)
               join p in db.People.AsNoTracking() on r.PersonId equals p.Id
               where find.Length == 0 || p.Name.Contains(find) || r.Number == find
               orderby r.Id descending
               select new PatientRow(r.Id, r.Number, p.Id, p.Name, p.Gender, p.BirthDate == null ? null : year - p.BirthDate.Value.Year, r.CommunityCode);
    }

    internal static FieldErrors Check(FieldErrors errors, params string?[] texts)
    {
        string[] names = ["diagnosis", "history", "allergies", "notes"];
        for (var i = 0; i < texts.Length; i++)
        {
            errors.Add(names[i], texts[i]?.Trim().Length > MaxText ? new Message("Keep it under {0} characters", MaxText) : (Message?)null);
        }
        return errors;
    }

    internal static string? Trim(string? text) => text?.Trim() is { Length: > 0 } t ? t : null;
}
