using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Organisation;

public enum DivisionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Town = 4,
    Village = 5,
}

/// <summary>A national statistical division (GB/T 2260 + town + village digits). Reference data, not scoped.</summary>
public sealed class Division
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DivisionLevel Level { get; set; }
    public string? ParentCode { get; set; }

    public static DivisionLevel? LevelOf(string code) => code.Length switch
    {
        2 => DivisionLevel.Province,
        4 => DivisionLevel.City,
        6 => DivisionLevel.County,
        9 => DivisionLevel.Town,
        12 => DivisionLevel.Village,
        _ => null,
    };
}

public sealed class DivisionConfiguration : IEntityTypeConfiguration<Division>
{
    public void Configure(EntityTypeBuilder<Division> b)
    {
        b.ToTable("Divisions");
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(12);
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.ParentCode).HasMaxLength(12);
        b.HasIndex(d => d.ParentCode);
    }
}
