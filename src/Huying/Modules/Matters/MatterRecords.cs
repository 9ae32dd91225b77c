using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Matters;

[Localized]
public enum ExtensionStatus
{
    Pending = 1,
    Approved = 2,
    Refused = 3,
}

/// <summary>延期申请: the handler asks for a later resolve deadline; the secretary approves or refuses.</summary>
public sealed class ExtensionRequest : IAudited
{
    public long Id { get; set; }
    public long MatterId { get; set; }
    public DateTime RequestedDueAt { get; set; }
    public required string Reason { get; set; }
    public required string RequestedByRole { get; set; }
    public long? RequestedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public ExtensionStatus Status { get; set; } = ExtensionStatus.Pending;
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }

    public void Decide(ExtensionStatus status, string? note, DateTime now)
    {
        Status = status;
        DecidedAt = now;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

[Localized]
public enum SupervisionKind
{
    /// <summary>黄牌: the deadline is near.</summary>
    Warning = 1,
    /// <summary>红牌 + 督办: the deadline passed; a formal supervision notice to the handler.</summary>
    Overdue = 2,
    /// <summary>Still overdue after the configured delay: escalated to the next level.</summary>
    Escalation = 3,
}

/// <summary>
/// 督办 and its cards. At most one of each kind per matter and deadline (a unique index), so two sweepers
/// running at once cannot send the same notice twice.
/// </summary>
public sealed class Supervision : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long MatterId { get; set; }
    public required string CommunityCode { get; set; }
    public long? GridId { get; set; }
    public long? UnitId { get; set; }
    public SupervisionKind Kind { get; set; }
    public DateTime DueAt { get; set; }
    public MatterState State { get; set; }
    public HandlerLevel Handler { get; set; }
    /// <summary>Who it is addressed to: the handler's level, or the next level up for an escalation.</summary>
    public required string AddressedTo { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// KPI counts of the matters submitted in one period at one place, category and unit, kept current on every save
/// (see <see cref="MatterRollups"/>), so a county's year reads a few thousand rows instead of a million matters.
/// Every matter counts in two periods: its month (yyyymm) and its day (yyyymmdd); the ranges never overlap.
/// </summary>
public sealed class MatterRollup : ICommunityScoped
{
    /// <summary>yyyymm for a month row, yyyymmdd for a day row (county-local).</summary>
    public int Period { get; set; }
    public required string CommunityCode { get; set; }
    public long GridId { get; set; }
    public long UnitId { get; set; }
    public required string CategoryCode { get; set; }
    public int Submitted { get; set; }
    public int Accepted { get; set; }
    public int AcceptedOnTime { get; set; }
    public int Resolved { get; set; }
    public int ResolvedOnTime { get; set; }
    public long HandlingMinutes { get; set; }
    public int Rated { get; set; }
    public int Satisfied { get; set; }
    public int Reworked { get; set; }
    public int Extended { get; set; }
}

/// <summary>A registered Open311 client: its api_key is stored as a hash only.</summary>
public sealed class Open311Client : IAudited
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string ApiKeyHash { get; set; }
    public required string JurisdictionId { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public sealed class MatterRecordsConfiguration :
    IEntityTypeConfiguration<ExtensionRequest>, IEntityTypeConfiguration<Supervision>,
    IEntityTypeConfiguration<MatterRollup>, IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> b)
    {
        b.ToTable("ExtensionRequests");
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.RequestedByRole).HasMaxLength(30);
        b.Property(x => x.DecisionNote).HasMaxLength(1000);
        b.HasIndex(x => new { x.MatterId, x.Status });
    }

    public void Configure(EntityTypeBuilder<Supervision> b)
    {
        b.ToTable("Supervisions");
        b.Property(x => x.CommunityCode).HasMaxLength(12);
        b.Property(x => x.AddressedTo).HasMaxLength(30);
        b.HasIndex(x => new { x.MatterId, x.Kind, x.DueAt }).IsUnique();
        b.HasIndex(x => new { x.CommunityCode, x.CreatedAt });
    }

    public void Configure(EntityTypeBuilder<MatterRollup> b)
    {
        b.ToTable("MatterRollups");
        b.HasKey(x => new { x.Period, x.CommunityCode, x.GridId, x.UnitId, x.CategoryCode });
        b.Property(x => x.CommunityCode).HasMaxLength(12);
        b.Property(x => x.CategoryCode).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<Open311Client> b)
    {
        b.ToTable("Open311Clients");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.ApiKeyHash).HasMaxLength(64);
        b.Property(x => x.JurisdictionId).HasMaxLength(12);
        b.HasIndex(x => x.ApiKeyHash).IsUnique();
    }
}
