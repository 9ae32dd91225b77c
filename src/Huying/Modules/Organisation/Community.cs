using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Organisation;

/// <summary>A community or village (12-digit division) that runs on Huying.</summary>
public sealed class Community : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string TownCode { get; set; }
    public required string CountyCode { get; set; }
    public string? Address { get; set; }

    /// <summary>Where the community's office stands (WGS-84), set by its secretary or the town or county: the county's map shows the community there.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    string ICommunityScoped.CommunityCode => Code;

    /// <summary>The short name people use: 府前社区居委会 → 府前社区.</summary>
    public static string ShortName(string divisionName) =>
        divisionName.EndsWith("居委会", StringComparison.Ordinal) ? divisionName[..^3]
        : divisionName.EndsWith("村委会", StringComparison.Ordinal) ? divisionName[..^2]
        : divisionName;
}

public sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> b)
    {
        b.ToTable("Communities");
        b.Property(c => c.Code).HasMaxLength(12);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.TownCode).HasMaxLength(9);
        b.Property(c => c.CountyCode).HasMaxLength(6);
        b.Property(c => c.Address).HasMaxLength(200);
        b.HasIndex(c => c.Code).IsUnique();
    }
}
