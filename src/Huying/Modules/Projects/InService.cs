using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Projects;

/// <summary>在职党员进社区 (双报到): a party member of a county unit who reported to the home community.</summary>
public sealed class InServiceMember : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long PartnerUnitId { get; set; }
    /// <summary>The member as a resident, when they live in the community's records.</summary>
    public long? PersonId { get; set; }
    public required string Name { get; set; }
    public string? PhoneCipher { get; set; }
    public string? PhoneHash { get; set; }
    public string? PhoneMasked { get; set; }
    public DateOnly ReportedOn { get; set; }
}

public enum ServiceTaskKind
{
    Need = 1,
    ProjectTask = 2,
    Activity = 3,
}

/// <summary>A service task the community offers in-service members: help with a need, a project task, an activity.</summary>
public sealed class ServiceTask : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Title { get; set; }
    public ServiceTaskKind Kind { get; set; }
    public long? NeedId { get; set; }
    public long? ProjectId { get; set; }
    public DateOnly On { get; set; }
    public string? Place { get; set; }
    public int Places { get; set; }
}

/// <summary>A member's service on a task: signed up, then recorded with hours by the community.</summary>
public sealed class ServiceRecord : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long TaskId { get; set; }
    public long MemberId { get; set; }
    public long PartnerUnitId { get; set; }
    public decimal? Hours { get; set; }
    public DateOnly? ServedOn { get; set; }
    public string? Note { get; set; }
    public DateTime SignedUpAt { get; set; }
}

public sealed class InServiceMemberConfiguration : IEntityTypeConfiguration<InServiceMember>
{
    public void Configure(EntityTypeBuilder<InServiceMember> b)
    {
        b.ToTable("InServiceMembers");
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.PhoneCipher).HasMaxLength(400);
        b.Property(m => m.PhoneHash).HasMaxLength(64);
        b.Property(m => m.PhoneMasked).HasMaxLength(11);
        b.HasIndex(m => new { m.CommunityCode, m.PartnerUnitId });
        b.HasIndex(m => m.PersonId);
        b.HasOne<Huying.Modules.Organisation.PartnerUnit>().WithMany().HasForeignKey(m => m.PartnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ServiceTaskConfiguration : IEntityTypeConfiguration<ServiceTask>
{
    public void Configure(EntityTypeBuilder<ServiceTask> b)
    {
        b.ToTable("ServiceTasks");
        b.Property(t => t.CommunityCode).HasMaxLength(12);
        b.Property(t => t.Title).HasMaxLength(100);
        b.Property(t => t.Place).HasMaxLength(100);
        b.HasIndex(t => new { t.CommunityCode, t.On });
    }
}

public sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> b)
    {
        b.ToTable("ServiceRecords");
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.Note).HasMaxLength(500);
        b.Property(r => r.Hours).HasPrecision(6, 1);
        b.HasIndex(r => new { r.TaskId, r.MemberId }).IsUnique();
        b.HasIndex(r => r.MemberId);
        b.HasIndex(r => r.PartnerUnitId);
        b.HasOne<ServiceTask>().WithMany().HasForeignKey(r => r.TaskId);
        b.HasOne<InServiceMember>().WithMany().HasForeignKey(r => r.MemberId);
    }
}
