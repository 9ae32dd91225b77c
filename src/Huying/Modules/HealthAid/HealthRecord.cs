using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.HealthAid;

/// <summary>Why a care worker reads health records: asked once per session, written on every read's audit line.</summary>
[Localized]
public enum HealthPurpose
{
    FollowUp = 1,
    Treatment = 2,
    Referral = 3,
    RecordKeeping = 4,
    QualityReview = 5,
}

/// <summary>A chronic patient's control at a follow-up (national basic public-health service norms).</summary>
[Localized]
public enum ControlStatus
{
    Controlled = 1,
    NotControlled = 2,
    Complication = 3,
}

/// <summary>A referral through the green channel: referred, received by the hospital, referred back to the village.</summary>
[Localized]
public enum ReferralState
{
    Referred = 1,
    Admitted = 2,
    BackReferred = 3,
}

/// <summary>What the work team holds in the village, counted in 人次 (people seen or attending).</summary>
[Localized]
public enum CareActivityKind
{
    ClinicDay = 1,
    Mdt = 2,
    MobileTeam = 3,
    RemoteConsultation = 4,
    StaffTraining = 5,
    FirstAidTraining = 6,
}

/// <summary>A record's clinical part, stored sealed (encrypted): never in clear in the database or its backups.</summary>
public sealed record HealthDetails(string? Diagnosis, string? History, string? Allergies, string? Notes);

/// <summary>A follow-up's measurements and findings, stored sealed.</summary>
public sealed record FollowUpDetails(int? Systolic, int? Diastolic, decimal? Glucose, decimal? WeightKg, ControlStatus? Control, string? Advice);

/// <summary>A referral's reason, the hospital's outcome and the back-referral's advice, stored sealed.</summary>
public sealed record ReferralDetails(string? Reason, string? Outcome, string? BackAdvice);

/// <summary>
/// 居民健康档案: a villager's health record, linked to the person. The clinical part is sealed; the consent to keep it
/// (PIPL Art. 29: separate consent for sensitive personal information) is recorded with its date and who took it.
/// </summary>
public sealed class HealthRecord : IAudited, ICommunityScoped, IVersioned
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long PersonId { get; set; }
    /// <summary>档案编号, unique: the village's code and a running number.</summary>
    public required string Number { get; set; }
    public required string Sealed { get; set; }
    public DateOnly ConsentOn { get; set; }
    public required string ConsentBy { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A chronic condition of the registry and its follow-up plan (hypertension and type-2 diabetes at least four times a year).</summary>
public sealed class ChronicCondition : IAudited
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public int FollowUpsPerYear { get; set; } = 4;

    /// <summary>Days between follow-ups under the plan: a year's days over the follow-ups a year asks.</summary>
    public int IntervalDays => IntervalFor(FollowUpsPerYear);

    public static int IntervalFor(int perYear) => 365 / Math.Clamp(perYear, 1, 52);
}

/// <summary>A patient enrolled in the chronic-disease registry for one condition, with the next follow-up due.</summary>
public sealed class Enrolment : IAudited, ICommunityScoped, IVersioned
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long RecordId { get; set; }
    public long ConditionId { get; set; }
    public DateOnly EnrolledOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    /// <summary>The plan: days between follow-ups (the condition's, unless the team set this patient's own).</summary>
    public int IntervalDays { get; set; }
    public DateOnly NextDueOn { get; set; }
    public DateOnly? LastFollowUpOn { get; set; }
    public int Version { get; set; }
}

/// <summary>One follow-up of an enrolled patient: which of the three (expert, village doctor, team member) took part, and the sealed findings.</summary>
public sealed class FollowUp : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long EnrolmentId { get; set; }
    public long RecordId { get; set; }
    public DateOnly On { get; set; }
    public bool WithExpert { get; set; }
    public bool WithDoctor { get; set; }
    public bool WithTeam { get; set; }
    public required string Sealed { get; set; }
    public DateOnly NextOn { get; set; }
    public required string By { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A referral through the green channel to a hospital, and back to the village.</summary>
public sealed class Referral : IAudited, ICommunityScoped, IVersioned
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long RecordId { get; set; }
    public DateOnly ReferredOn { get; set; }
    public required string Hospital { get; set; }
    public required string Sealed { get; set; }
    public ReferralState State { get; set; } = ReferralState.Referred;
    public DateOnly? ReceivedOn { get; set; }
    public DateOnly? BackOn { get; set; }
    public required string By { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A clinic day, a multidisciplinary consultation (会诊), a mobile team's round, a remote consultation or a training, with its 人次.</summary>
public sealed class CareActivity : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public CareActivityKind Kind { get; set; }
    public DateOnly On { get; set; }
    public required string Title { get; set; }
    /// <summary>The mobile team (第一医疗队) or the experts present.</summary>
    public string? Team { get; set; }
    public int People { get; set; }
    public required string By { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A home visit (入户) to a household, with the sealed findings.</summary>
public sealed class HomeVisit : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long HouseholdId { get; set; }
    public DateOnly On { get; set; }
    public string? Team { get; set; }
    public required string Sealed { get; set; }
    public required string By { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The work team of a village: the hospital that sends it and its lead (who alone exports health data).</summary>
public sealed class CareTeam : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    public required string Hospital { get; set; }
    /// <summary>The hospital as a partner unit: its projects in the village are the aid projects (Projects module).</summary>
    public long? PartnerUnitId { get; set; }
    public long? LeadUserId { get; set; }
}

/// <summary>One of the team's monthly assessment indicators (考核指标) with its value.</summary>
public sealed class AssessmentValue : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public DateOnly Month { get; set; }
    public int Indicator { get; set; }
    public decimal Value { get; set; }
    public required string By { get; set; }
}

/// <summary>The purpose a care worker chose for a session's reads (a session ends with its security stamp).</summary>
public sealed class CarePurpose
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string SessionKey { get; set; }
    public HealthPurpose Purpose { get; set; }
    public DateTime ChosenAt { get; set; }
}

public sealed class HealthConfiguration : IEntityTypeConfiguration<HealthRecord>, IEntityTypeConfiguration<ChronicCondition>,
    IEntityTypeConfiguration<Enrolment>, IEntityTypeConfiguration<FollowUp>, IEntityTypeConfiguration<Referral>,
    IEntityTypeConfiguration<CareActivity>, IEntityTypeConfiguration<HomeVisit>, IEntityTypeConfiguration<CareTeam>,
    IEntityTypeConfiguration<AssessmentValue>, IEntityTypeConfiguration<CarePurpose>
{
    private const int SealedLength = 16_000;

    public void Configure(EntityTypeBuilder<HealthRecord> b)
    {
        b.ToTable("HealthRecords");
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.Number).HasMaxLength(30);
        b.Property(r => r.Sealed).HasMaxLength(SealedLength);
        b.Property(r => r.ConsentBy).HasMaxLength(100);
        b.Property(r => r.CreatedBy).HasMaxLength(100);
        b.HasIndex(r => r.Number).IsUnique();
        b.HasIndex(r => r.PersonId).IsUnique();
        b.HasIndex(r => r.CommunityCode);
    }

    public void Configure(EntityTypeBuilder<ChronicCondition> b)
    {
        b.ToTable("ChronicConditions");
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.NameEn).HasMaxLength(80);
        b.HasIndex(c => c.Code).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.ToTable("Enrolments");
        b.Property(e => e.CommunityCode).HasMaxLength(12);
        b.HasIndex(e => new { e.RecordId, e.ConditionId }).IsUnique();
        b.HasIndex(e => new { e.CommunityCode, e.NextDueOn });
        // The managed rate counts a division's enrolments by plan and dates from the index alone.
        b.HasIndex(e => new { e.CommunityCode, e.IntervalDays, e.EnrolledOn, e.EndedOn });
    }

    public void Configure(EntityTypeBuilder<FollowUp> b)
    {
        b.ToTable("FollowUps");
        b.Property(f => f.CommunityCode).HasMaxLength(12);
        b.Property(f => f.Sealed).HasMaxLength(SealedLength);
        b.Property(f => f.By).HasMaxLength(100);
        b.HasIndex(f => new { f.CommunityCode, f.On, f.EnrolmentId });
        b.HasIndex(f => new { f.EnrolmentId, f.On });
        // A county's or the city's follow-ups of some days (a prefix of the village code does not narrow the index above).
        b.HasIndex(f => new { f.On, f.CommunityCode, f.EnrolmentId });
    }

    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("Referrals");
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.Hospital).HasMaxLength(100);
        b.Property(r => r.Sealed).HasMaxLength(SealedLength);
        b.Property(r => r.By).HasMaxLength(100);
        b.HasIndex(r => new { r.CommunityCode, r.ReferredOn });
        b.HasIndex(r => r.RecordId);
    }

    public void Configure(EntityTypeBuilder<CareActivity> b)
    {
        b.ToTable("CareActivities");
        b.Property(a => a.CommunityCode).HasMaxLength(12);
        b.Property(a => a.Title).HasMaxLength(100);
        b.Property(a => a.Team).HasMaxLength(200);
        b.Property(a => a.By).HasMaxLength(100);
        b.HasIndex(a => new { a.CommunityCode, a.On });
    }

    public void Configure(EntityTypeBuilder<HomeVisit> b)
    {
        b.ToTable("HomeVisits");
        b.Property(v => v.CommunityCode).HasMaxLength(12);
        b.Property(v => v.Team).HasMaxLength(100);
        b.Property(v => v.Sealed).HasMaxLength(SealedLength);
        b.Property(v => v.By).HasMaxLength(100);
        b.HasIndex(v => new { v.CommunityCode, v.On });
    }

    public void Configure(EntityTypeBuilder<CareTeam> b)
    {
        b.ToTable("CareTeams");
        b.Property(t => t.CommunityCode).HasMaxLength(12);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Hospital).HasMaxLength(100);
        b.HasIndex(t => t.CommunityCode);
        b.HasOne<Huying.Modules.Organisation.PartnerUnit>().WithMany().HasForeignKey(t => t.PartnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AssessmentValue> b)
    {
        b.ToTable("AssessmentValues");
        b.Property(v => v.CommunityCode).HasMaxLength(12);
        b.Property(v => v.Value).HasPrecision(12, 2);
        b.Property(v => v.By).HasMaxLength(100);
        b.HasIndex(v => new { v.CommunityCode, v.Month, v.Indicator }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CarePurpose> b)
    {
        b.ToTable("CarePurposes");
        b.Property(p => p.SessionKey).HasMaxLength(64);
        b.HasIndex(p => new { p.UserId, p.SessionKey }).IsUnique();
    }
}
