using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Organisation;

[Localized]
public enum PartnerUnitKind
{
    CountyUnit = 1,
    School = 2,
    Hospital = 3,
    Enterprise = 4,
    SocialOrganisation = 5,
    NewEmploymentPlatform = 6,
}

/// <summary>共驻共建单位: an organisation linked to one or more communities.</summary>
public sealed class PartnerUnit : IAudited
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Unified social credit code (GB 32100), validated at the edge.</summary>
    public required string CreditCode { get; set; }
    public PartnerUnitKind Kind { get; set; }
    public string? Address { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public List<PartnerUnitCommunity> Communities { get; set; } = [];
}

/// <summary>The link between a unit and a community it serves.</summary>
public sealed class PartnerUnitCommunity
{
    public long Id { get; set; }
    public long PartnerUnitId { get; set; }
    public PartnerUnit? PartnerUnit { get; set; }
    public required string CommunityCode { get; set; }
    public DateOnly? Since { get; set; }
}

public sealed class PartnerUnitConfiguration : IEntityTypeConfiguration<PartnerUnit>
{
    public void Configure(EntityTypeBuilder<PartnerUnit> b)
    {
        b.ToTable("PartnerUnits");
        b.Property(u => u.Name).HasMaxLength(100);
        b.Property(u => u.CreditCode).HasMaxLength(18);
        b.Property(u => u.Address).HasMaxLength(200);
        b.Property(u => u.ContactName).HasMaxLength(50);
        b.Property(u => u.ContactPhone).HasMaxLength(20);
        b.HasIndex(u => u.CreditCode).IsUnique();
        b.HasMany(u => u.Communities).WithOne(l => l.PartnerUnit!).HasForeignKey(l => l.PartnerUnitId);
    }
}

public sealed class PartnerUnitCommunityConfiguration : IEntityTypeConfiguration<PartnerUnitCommunity>
{
    public void Configure(EntityTypeBuilder<PartnerUnitCommunity> b)
    {
        b.ToTable("PartnerUnitCommunities");
        b.Property(l => l.CommunityCode).HasMaxLength(12);
        b.HasIndex(l => new { l.CommunityCode, l.PartnerUnitId }).IsUnique();
    }
}
