using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Organisation;

/// <summary>网格: the unit a grid worker owns inside a community.</summary>
public sealed class Grid : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    public string? WorkerName { get; set; }
}

[Localized]
public enum BuildingKind
{
    Building = 1,
    Courtyard = 2,
    Alley = 3,
}

/// <summary>楼栋 / 院落 / 巷道.</summary>
public sealed class Building : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long GridId { get; set; }
    public required string Name { get; set; }
    public BuildingKind Kind { get; set; }
    /// <summary>The estate (小区) the building belongs to, when it has one.</summary>
    public string? Estate { get; set; }
    public int? BuiltYear { get; set; }
}

/// <summary>住户: a dwelling in a building, courtyard or alley.</summary>
public sealed class Household : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long GridId { get; set; }
    public long BuildingId { get; set; }
    public Building? Building { get; set; }
    /// <summary>Door number inside the building: 2单元301, 12号.</summary>
    public required string DoorNumber { get; set; }
}

public sealed class GridConfiguration : IEntityTypeConfiguration<Grid>
{
    public void Configure(EntityTypeBuilder<Grid> b)
    {
        b.ToTable("Grids");
        b.Property(g => g.Name).HasMaxLength(50);
        b.Property(g => g.WorkerName).HasMaxLength(50);
        b.Property(g => g.CommunityCode).HasMaxLength(12);
        b.HasIndex(g => g.CommunityCode);
    }
}

public sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> b)
    {
        b.ToTable("Buildings");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Estate).HasMaxLength(100);
        b.Property(x => x.CommunityCode).HasMaxLength(12);
        b.HasIndex(x => new { x.CommunityCode, x.GridId });
        b.HasOne<Grid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("Households");
        b.Property(x => x.DoorNumber).HasMaxLength(50);
        b.Property(x => x.CommunityCode).HasMaxLength(12);
        b.HasIndex(x => x.BuildingId);
        b.HasIndex(x => new { x.CommunityCode, x.GridId });
        b.HasOne(x => x.Building).WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}
