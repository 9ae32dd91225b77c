using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Organisation;

/// <summary>
/// Node kinds of the party-organisation tree. Yuanqu uses four levels: big committee → member organisations
/// (partner-unit organisations and grid branches) → building party groups → central households.
/// </summary>
[Localized]
public enum PartyOrganisationKind
{
    BigCommittee = 1,
    UnitOrganisation = 2,
    GridBranch = 3,
    BuildingPartyGroup = 4,
    CentralHousehold = 5,
}

public sealed class PartyOrganisation : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public PartyOrganisationKind Kind { get; set; }
    public long? ParentId { get; set; }
    public required string CommunityCode { get; set; }
    public long? PartnerUnitId { get; set; }
    public long? GridId { get; set; }
    public long? BuildingId { get; set; }
    public long? HouseholdId { get; set; }

    /// <summary>The tree level of each kind: committee 1, member organisations 2, groups 3, households 4.</summary>
    public static int LevelOf(PartyOrganisationKind kind) => kind switch
    {
        PartyOrganisationKind.BigCommittee => 1,
        PartyOrganisationKind.UnitOrganisation or PartyOrganisationKind.GridBranch => 2,
        PartyOrganisationKind.BuildingPartyGroup => 3,
        _ => 4,
    };
}

[Localized]
public enum CommitteeRole
{
    Secretary = 1,
    FirstSecretary = 2,
    PartTimeMember = 3,
}

/// <summary>A member of a community's big committee; first secretaries and part-time members come from county units.</summary>
public sealed class CommitteeMember : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    public CommitteeRole Role { get; set; }
    public long? PartnerUnitId { get; set; }
    public string? Title { get; set; }
}

/// <summary>协调治理小组: 两委 members, in-service members, grid workers and property committee working an area.</summary>
public sealed class CoordinationGroup : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    public string? Area { get; set; }
    public int MemberCount { get; set; }
}

public sealed class PartyOrganisationConfiguration : IEntityTypeConfiguration<PartyOrganisation>
{
    public void Configure(EntityTypeBuilder<PartyOrganisation> b)
    {
        b.ToTable("PartyOrganisations");
        b.Property(o => o.Name).HasMaxLength(100);
        b.Property(o => o.CommunityCode).HasMaxLength(12);
        b.HasIndex(o => new { o.CommunityCode, o.Kind });
        b.HasIndex(o => o.ParentId);
        b.HasOne<PartyOrganisation>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PartnerUnit>().WithMany().HasForeignKey(o => o.PartnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> b)
    {
        b.ToTable("CommitteeMembers");
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.Title).HasMaxLength(100);
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.HasIndex(m => m.CommunityCode);
        b.HasOne<PartnerUnit>().WithMany().HasForeignKey(m => m.PartnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CoordinationGroupConfiguration : IEntityTypeConfiguration<CoordinationGroup>
{
    public void Configure(EntityTypeBuilder<CoordinationGroup> b)
    {
        b.ToTable("CoordinationGroups");
        b.Property(g => g.Name).HasMaxLength(100);
        b.Property(g => g.Area).HasMaxLength(200);
        b.Property(g => g.CommunityCode).HasMaxLength(12);
        b.HasIndex(g => g.CommunityCode);
    }
}
