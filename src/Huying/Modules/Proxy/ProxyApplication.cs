using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Proxy;

/// <summary>帮办 (the resident is present, staff help) or 代办 (staff act for the resident, with their written authorisation).</summary>
[Localized]
public enum ProxyMode
{
    Assisted = 1,
    ByProxy = 2,
}

/// <summary>
/// Where a case is. 已收件 → 已预审 (or 补正: the resident brings what is missing) → 已转办 (to the office) → 已受理 (by
/// the office) → 已办结 (granted, with the result) or 不予办理 (with the reason) → 已送达 (the result handed to the
/// resident). The office may send an accepted case back for a missing material (补正 again).
/// </summary>
[Localized]
public enum ProxyState
{
    Received = 1,
    Correction = 2,
    Prechecked = 3,
    Forwarded = 4,
    OfficeAccepted = 5,
    Granted = 6,
    NotGranted = 7,
    Delivered = 8,
}

/// <summary>好差评: the resident's rating of a finished case.</summary>
[Localized]
public enum ProxyRating
{
    VeryDissatisfied = 1,
    Dissatisfied = 2,
    Neutral = 3,
    Satisfied = 4,
    VerySatisfied = 5,
}

/// <summary>What a document of a case is: a material of the checklist, the resident's authorisation (代办), or the office's result.</summary>
[Localized]
public enum ProxyDocumentKind
{
    Material = 1,
    Authorisation = 2,
    Result = 3,
}

/// <summary>
/// An item of the county's catalogue (同城通办事项): who decides, who may apply, the materials, the statutory limit in
/// working days, whether 代办 needs a written authorisation, how long materials are kept after the case ends.
/// </summary>
public sealed class ProxyService : IAudited
{
    public long Id { get; set; }
    /// <summary>The county whose catalogue it is (6 digits).</summary>
    public required string CountyCode { get; set; }
    public required string Name { get; set; }
    /// <summary>The office that decides: a partner unit (its liaisons work the office's inbox).</summary>
    public long OfficeUnitId { get; set; }
    public required string Eligibility { get; set; }
    /// <summary>What the staff tick before taking the application (each a short sentence).</summary>
    public List<string> Checks { get; set; } = [];
    public int LimitDays { get; set; }
    public string? Fee { get; set; }
    public bool ProxyNeedsAuthorisation { get; set; } = true;
    /// <summary>Days after the case ends that its materials are kept; then the purge removes the files (the case and the audit stay).</summary>
    public int RetentionDays { get; set; } = 730;
    /// <summary>A common item shown as an example of the catalogue (the county confirms it before use).</summary>
    public bool IsExample { get; set; }
    public bool Active { get; set; } = true;
    public List<ProxyMaterial> Materials { get; set; } = [];
    /// <summary>The item's own form fields (the questions its office needs answered), as JSON.</summary>
    public string? FieldsJson { get; set; }

    public IReadOnlyList<FormQuestion> Fields => FormQuestions.Parse(FieldsJson);
}

/// <summary>One line of an item's materials checklist.</summary>
public sealed class ProxyMaterial
{
    public long Id { get; set; }
    public long ServiceId { get; set; }
    public required string Name { get; set; }
    public bool Required { get; set; }
    /// <summary>The original is seen (and handed back); otherwise a copy is kept.</summary>
    public bool Original { get; set; }
    public int Order { get; set; }
}

/// <summary>An application the community files for a resident registered elsewhere (同城通办 / 帮办代办).</summary>
public sealed class ProxyApplication : IAudited, ICommunityScoped, IVersioned
{
    public int Version { get; set; }
    public long Id { get; set; }
    /// <summary>Given to the resident: with it they follow the case at /track/{code} and rate it.</summary>
    public required string TrackingCode { get; set; }
    public required string CommunityCode { get; set; }
    public long ServiceId { get; set; }
    public ProxyService? Service { get; set; }
    public long OfficeUnitId { get; set; }
    public long? PersonId { get; set; }
    public required string ApplicantName { get; set; }
    public string? PhoneCipher { get; set; }
    public string? PhoneMasked { get; set; }
    /// <summary>The applicant's registration place (a village's division code), from the records or as told.</summary>
    public string? RegistrationCode { get; set; }
    public ProxyMode Mode { get; set; }
    /// <summary>The answers to the item's form fields (code → answer), as JSON.</summary>
    public string? AnswersJson { get; set; }
    public ProxyState State { get; set; }
    /// <summary>The checklist's materials ticked as received (ids of <see cref="ProxyMaterial"/>).</summary>
    public List<long> MaterialsReceived { get; set; } = [];
    /// <summary>What is missing (补正), as the resident is told.</summary>
    public string? Missing { get; set; }
    public string? Result { get; set; }
    /// <summary>Why it is not granted: always given, and the resident sees it.</summary>
    public string? Reason { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>The item's limit in working days from receipt, on the county's calendar.</summary>
    public DateTime DueAt { get; set; }
    public DateTime? ForwardedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>Working days from receipt to the decision on the county's calendar, reckoned when decided (for the average).</summary>
    public double? WorkingDaysTaken { get; set; }
    /// <summary>Decided by the due time (set with the decision, for the on-time rate).</summary>
    public bool OnTime { get; set; }
    /// <summary>A trip saved: decided for an applicant registered outside the town of the community that filed (set with the decision).</summary>
    public bool TripSaved { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public ProxyRating? Rating { get; set; }
    public string? RatingReason { get; set; }
    public DateTime? RatedAt { get; set; }
    public DateTime? MaterialsPurgedAt { get; set; }
    /// <summary>When the deadline sweep said the time runs out tomorrow (黄牌), and when it said it ran out (红牌): each said once.</summary>
    public DateTime? WarnedAt { get; set; }
    public DateTime? OverdueNoticeAt { get; set; }
    /// <summary>The community secretary's last supervision (督办) of the case.</summary>
    public DateTime? SupervisedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool Finished => State is ProxyState.Granted or ProxyState.NotGranted or ProxyState.Delivered;

    /// <summary>Sets what the figures count of a decision: on time, and a trip saved (registered outside the filing community's town).</summary>
    public void Decided(DateTime at, double workingDays)
    {
        DecidedAt = at;
        WorkingDaysTaken = workingDays;
        OnTime = at <= DueAt;
        TripSaved = RegistrationCode is { Length: >= 9 } r && r[..9] != CommunityCode[..9];
    }
}

/// <summary>A scan of a case (a material, the authorisation, the result); its files are attachments of type ProxyDocument.</summary>
public sealed class ProxyDocument : ICommunityScoped
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public required string CommunityCode { get; set; }
    public long? MaterialId { get; set; }
    public ProxyDocumentKind Kind { get; set; }
    public DateTime AddedAt { get; set; }
    public required string AddedBy { get; set; }
}

/// <summary>One step of a case (who, when, what was said): the resident's tracking page shows the steps, never the materials.</summary>
public sealed class ProxyStep : ICommunityScoped
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public ProxyApplication? Application { get; set; }
    public required string CommunityCode { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
    public ProxyState State { get; set; }
    public string? Note { get; set; }
    /// <summary>A step among the handlers (a supervision, a deadline notice): not on the resident's tracking page.</summary>
    public bool Internal { get; set; }
}

public sealed class ProxyConfiguration : IEntityTypeConfiguration<ProxyService>, IEntityTypeConfiguration<ProxyMaterial>,
    IEntityTypeConfiguration<ProxyApplication>, IEntityTypeConfiguration<ProxyDocument>, IEntityTypeConfiguration<ProxyStep>
{
    public void Configure(EntityTypeBuilder<ProxyService> b)
    {
        b.ToTable("ProxyServices");
        b.Property(s => s.CountyCode).HasMaxLength(6);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Eligibility).HasMaxLength(500);
        b.Property(s => s.Fee).HasMaxLength(100);
        b.Property(s => s.FieldsJson).HasMaxLength(8000);
        b.Ignore(s => s.Fields);
        b.HasMany(s => s.Materials).WithOne().HasForeignKey(m => m.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.CountyCode, s.Active });
    }

    public void Configure(EntityTypeBuilder<ProxyMaterial> b)
    {
        b.ToTable("ProxyMaterials");
        b.Property(m => m.Name).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<ProxyApplication> b)
    {
        b.ToTable("ProxyApplications");
        b.Property(a => a.TrackingCode).HasMaxLength(16);
        b.Property(a => a.CommunityCode).HasMaxLength(12);
        b.Property(a => a.ApplicantName).HasMaxLength(50);
        b.Property(a => a.PhoneCipher).HasMaxLength(400);
        b.Property(a => a.PhoneMasked).HasMaxLength(20);
        b.Property(a => a.RegistrationCode).HasMaxLength(12);
        b.Property(a => a.Missing).HasMaxLength(500);
        b.Property(a => a.Result).HasMaxLength(1000);
        b.Property(a => a.Reason).HasMaxLength(500);
        b.Property(a => a.RatingReason).HasMaxLength(500);
        b.Property(a => a.AnswersJson).HasMaxLength(8000);
        b.HasOne(a => a.Service).WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.TrackingCode).IsUnique();
        // The community's list (newest first, by state) and the office's inbox.
        b.HasIndex(a => new { a.CommunityCode, a.State, a.DueAt });
        b.HasIndex(a => new { a.CommunityCode, a.ReceivedAt });
        b.HasIndex(a => new { a.OfficeUnitId, a.State, a.DueAt });
        b.HasIndex(a => new { a.OfficeUnitId, a.ReceivedAt });
    }

    public void Configure(EntityTypeBuilder<ProxyDocument> b)
    {
        b.ToTable("ProxyDocuments");
        b.Property(d => d.CommunityCode).HasMaxLength(12);
        b.Property(d => d.AddedBy).HasMaxLength(100);
        b.HasOne<ProxyApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.ApplicationId);
    }

    public void Configure(EntityTypeBuilder<ProxyStep> b)
    {
        b.ToTable("ProxySteps");
        b.Property(s => s.CommunityCode).HasMaxLength(12);
        b.Property(s => s.By).HasMaxLength(100);
        b.Property(s => s.Note).HasMaxLength(1000);
        b.HasOne(s => s.Application).WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.ApplicationId, s.At });
    }
}
