using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Projects;

/// <summary>What a project measurably brought (成效), each kind with its own unit of measure.</summary>
[Localized]
public enum OutcomeKind
{
    HouseholdsHelped = 1,
    AreaIrrigatedNew = 2,
    AreaIrrigatedImproved = 3,
    CollectiveIncomeAdded = 4,
    FloorAreaBuilt = 5,
    StorageIncrease = 6,
    FacilityKinds = 7,
    FacilitiesBuilt = 8,
    UsesByResidents = 9,
}

/// <summary>
/// One measured outcome of a project (户 helped, 亩 irrigated, 元 of collective income…), recorded by its units or
/// community staff while it runs or after it is accepted; one value per kind, replaced when measured again.
/// </summary>
public sealed class ProjectOutcome : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public required string CommunityCode { get; set; }
    public OutcomeKind Kind { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }
    public DateOnly MeasuredOn { get; set; }
    public required string By { get; set; }

    /// <summary>The unit of measure's key in the dictionary (户, 亩, 元, 平方米, %, 类, 座/处, 人次).</summary>
    public static string UnitOf(OutcomeKind kind) => kind switch
    {
        OutcomeKind.HouseholdsHelped => "households",
        OutcomeKind.AreaIrrigatedNew or OutcomeKind.AreaIrrigatedImproved => "mu",
        OutcomeKind.CollectiveIncomeAdded => "yuan",
        OutcomeKind.FloorAreaBuilt => "m²",
        OutcomeKind.StorageIncrease => "%",
        OutcomeKind.FacilityKinds => "kinds",
        OutcomeKind.FacilitiesBuilt => "facilities",
        _ => "person-times",
    };

    /// <summary>Whether values of several projects add up (households, mu, yuan); a percentage does not.</summary>
    public static bool Adds(OutcomeKind kind) => kind != OutcomeKind.StorageIncrease;

    /// <summary>The largest value a kind may take: a percentage stays within 1000, the rest within what a county records.</summary>
    public static decimal MaxOf(OutcomeKind kind) => kind == OutcomeKind.StorageIncrease ? 1000m : 1_000_000_000m;
}

/// <summary>A rule of the project's upkeep (管护细则), adopted when the project is handed over to those who keep it.</summary>
public sealed class UpkeepRule : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public required string CommunityCode { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}

public sealed class ProjectOutcomeConfiguration : IEntityTypeConfiguration<ProjectOutcome>
{
    public void Configure(EntityTypeBuilder<ProjectOutcome> b)
    {
        b.ToTable("ProjectOutcomes");
        b.Property(o => o.CommunityCode).HasMaxLength(12);
        b.Property(o => o.Value).HasPrecision(14, 2);
        b.Property(o => o.Note).HasMaxLength(200);
        b.Property(o => o.By).HasMaxLength(100);
        b.HasIndex(o => new { o.ProjectId, o.Kind }).IsUnique();
        b.HasIndex(o => new { o.CommunityCode, o.Kind });
        b.HasOne<Project>().WithMany().HasForeignKey(o => o.ProjectId);
    }
}

public sealed class UpkeepRuleConfiguration : IEntityTypeConfiguration<UpkeepRule>
{
    public void Configure(EntityTypeBuilder<UpkeepRule> b)
    {
        b.ToTable("UpkeepRules");
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.Text).HasMaxLength(200);
        b.HasIndex(r => new { r.ProjectId, r.Position });
        b.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId);
    }
}
