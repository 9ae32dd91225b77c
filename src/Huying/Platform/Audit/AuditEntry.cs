using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Platform.Audit;

/// <summary>
/// One line of the append-only audit trail. Each line carries the keyed hash of the one before it, so a changed,
/// removed or inserted line breaks the chain from that point on; the checkpoints kept outside the database catch a
/// removed tail.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    /// <summary>1, 2, 3 … without gaps; unique, so two writers cannot fork the chain.</summary>
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public long? UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary>create, update, delete, reveal, read-sensitive, sign-in, import …</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    /// <summary>What changed (field names, never personal values) or the reason given.</summary>
    public string? Details { get; set; }
    public string? Address { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The line's keyed hash (<see cref="ChainKey"/>): its content and the hash of the line before.</summary>
    public string ComputeHash(ChainKey key) =>
        key.Mac(ChainKey.Join(Sequence, At, UserId, UserName, Action, EntityType, EntityId, Details, Address, PreviousHash));

    /// <summary>Times are kept to the millisecond so every provider stores exactly what was hashed.</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => e.Sequence).IsUnique();
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => e.At);
        b.Property(e => e.UserName).HasMaxLength(100);
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.EntityType).HasMaxLength(60);
        b.Property(e => e.EntityId).HasMaxLength(40);
        b.Property(e => e.Details).HasMaxLength(2000);
        b.Property(e => e.Address).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}
