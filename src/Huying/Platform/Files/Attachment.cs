using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Platform.Files;

/// <summary>A stored upload (image or PDF) belonging to one record of a module, e.g. a topic.</summary>
public sealed class Attachment : IAudited
{
    public long Id { get; set; }
    /// <summary>The kind of record it belongs to (Topic, …) and that record's id; access follows the record's.</summary>
    public required string OwnerType { get; set; }
    public long OwnerId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>Path below the file store's root; never derived from the uploaded name.</summary>
    public required string StoragePath { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(a => a.OwnerType).HasMaxLength(40);
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.StoragePath).HasMaxLength(200);
        b.HasIndex(a => new { a.OwnerType, a.OwnerId });
    }
}
