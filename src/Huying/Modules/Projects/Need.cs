using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Projects;

public enum NeedSource
{
    Visit = 1,
    Survey = 2,
    Meeting = 3,
    Matters = 4,
    Other = 5,
    /// <summary>A deliberation topic's decision.</summary>
    Deliberation = 6,
}

public enum NeedStatus
{
    Open = 1,
    Adopted = 2,
    InProgress = 3,
    Met = 4,
    Dropped = 5,
}

/// <summary>
/// 需求清单: a need of the community's residents. Its status follows the projects answering it: adopted once one
/// exists, in progress once one is under way, met only when every one of them is accepted.
/// </summary>
public sealed class Need : IAudited, ICommunityScoped, IVersioned
{
    /// <summary>Bumped by the context on every save; of two changes at once, the second is refused (409).</summary>
    public int Version { get; set; }
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long? GridId { get; set; }
    public long? BuildingId { get; set; }
    /// <summary>Where, in words (the building's name when one is picked).</summary>
    public string? Place { get; set; }
    /// <summary>A matter category code (the same catalogue as matters), so needs and matters can be compared.</summary>
    public required string CategoryCode { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int PeopleAffected { get; set; }
    public NeedSource Source { get; set; }
    public NeedStatus Status { get; set; } = NeedStatus.Open;
    public string? DropReason { get; set; }
    /// <summary>The recurring matters a suggested need grew from.</summary>
    public List<long> MatterIds { get; set; } = [];
    /// <summary>The deliberation topic whose decision the need carries out (its chain goes on from there).</summary>
    public long? TopicId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? AdoptedAt { get; set; }
    public DateTime? MetAt { get; set; }
    /// <summary>The units the need is offered to (and those whose projects answer it): what a liaison sees.</summary>
    public List<NeedOffer> Offers { get; set; } = [];

    public void Drop(string reason)
    {
        if (Status is not (NeedStatus.Open or NeedStatus.Adopted))
        {
            throw new RuleViolationException("Only an open or adopted need can be dropped");
        }
        Status = NeedStatus.Dropped;
        DropReason = reason;
    }

    /// <summary>Sets the status from the statuses of the projects answering the need.</summary>
    public void Follow(IReadOnlyCollection<ProjectStatus> projects, DateTime now)
    {
        if (Status == NeedStatus.Dropped)
        {
            return;
        }
        var status = projects.Count == 0 ? NeedStatus.Open
            : projects.All(p => p == ProjectStatus.Accepted) ? NeedStatus.Met
            : projects.Any(p => p != ProjectStatus.Planned) ? NeedStatus.InProgress
            : NeedStatus.Adopted;
        if (status != NeedStatus.Open && AdoptedAt is null)
        {
            AdoptedAt = now;
        }
        MetAt = status == NeedStatus.Met ? MetAt ?? now : null;
        Status = status;
    }
}

/// <summary>A need offered to a partner unit (by staff, or because the unit's project answers it).</summary>
public sealed class NeedOffer : IAudited
{
    public long Id { get; set; }
    public long NeedId { get; set; }
    public long PartnerUnitId { get; set; }
    public required string CommunityCode { get; set; }
    public DateTime OfferedAt { get; set; }
}

public sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> b)
    {
        b.ToTable("Needs");
        b.Property(n => n.CommunityCode).HasMaxLength(12);
        b.Property(n => n.CategoryCode).HasMaxLength(40);
        b.Property(n => n.Place).HasMaxLength(200);
        b.Property(n => n.Title).HasMaxLength(100);
        b.Property(n => n.Description).HasMaxLength(2000);
        b.Property(n => n.DropReason).HasMaxLength(500);
        // Covering for the figures' counts of needs raised, adopted, met in a period and open now.
        b.HasIndex(n => new { n.CommunityCode, n.Status, n.CreatedAt, n.AdoptedAt, n.MetAt });
        b.HasIndex(n => new { n.CommunityCode, n.BuildingId, n.CategoryCode });
        b.HasIndex(n => n.TopicId);
        b.HasMany(n => n.Offers).WithOne().HasForeignKey(o => o.NeedId);
    }
}

public sealed class NeedOfferConfiguration : IEntityTypeConfiguration<NeedOffer>
{
    public void Configure(EntityTypeBuilder<NeedOffer> b)
    {
        b.ToTable("NeedOffers");
        b.Property(o => o.CommunityCode).HasMaxLength(12);
        b.HasIndex(o => new { o.NeedId, o.PartnerUnitId }).IsUnique();
        b.HasIndex(o => o.PartnerUnitId);
        b.HasOne<Huying.Modules.Organisation.PartnerUnit>().WithMany().HasForeignKey(o => o.PartnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
