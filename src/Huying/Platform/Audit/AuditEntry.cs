using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Platform.Audit;

/// <summary>
/// One line of the append-only audit trail. A line is written with its change, sealed (a keyed hash of its content),
/// without waiting for any other writer; <see cref="AuditChain"/> then links it into the chain in the order lines
/// commit: its sequence number and the keyed hash of its seal and the line before, so a changed, removed or inserted
/// line breaks the chain from that point on; the checkpoints kept outside the database catch a removed tail.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    /// <summary>1, 2, 3 … without gaps, given when the line is linked (null until then); unique, so the chain cannot fork.</summary>
    public long? Sequence { get; set; }
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
    /// <summary>The keyed hash of the line's content, written with it.</summary>
    public required string Seal { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The keyed hash (<see cref="ChainKey"/>) of the line's content.</summary>
    public string ComputeSeal(ChainKey key) =>
        key.Mac(ChainKey.Join("line", At, UserId, UserName, Action, EntityType, EntityId, Details, Address));

    /// <summary>The link's keyed hash: the line's place, its seal and the hash of the line before.</summary>
    public static string ComputeHash(ChainKey key, long sequence, string seal, string previousHash) =>
        key.Mac(ChainKey.Join("link", sequence, seal, previousHash));

    /// <summary>Times are kept to the millisecond so every provider stores exactly what was hashed.</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => e.Sequence).IsUnique();
        // The lines not linked yet, for the chainer to find without reading the chain.
        b.HasIndex(e => e.Id, "IX_AuditEntries_Unlinked").HasFilter("\"Sequence\" IS NULL");
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
        b.Property(e => e.Seal).HasMaxLength(64);
    }
}
