using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Projects;

/// <summary>共驻共建协议 between a community and a partner unit for a term; a renewal is a new agreement that follows it.</summary>
public sealed class PartnershipAgreement : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long PartnerUnitId { get; set; }
    public DateOnly SignedOn { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public required string Commitments { get; set; }
    public long? RenewsId { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool InForceOn(DateOnly day) => StartsOn <= day && day <= EndsOn;
}

public enum AttendeeRole
{
    FirstSecretary = 1,
    PartTimeMember = 2,
    UnitRepresentative = 3,
    CommunityStaff = 4,
    ResidentRepresentative = 5,
}

/// <summary>大党委联席会议: the big committee's joint meeting; its decisions turn needs into projects.</summary>
public sealed class JointMeeting : IAudited, ICommunityScoped, IVersioned
{
    /// <summary>Bumped by the context on every save; of two changes at once, the second is refused (409).</summary>
    public int Version { get; set; }
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Title { get; set; }
    public DateTime HeldAt { get; set; }
    public string? Venue { get; set; }
    /// <summary>The open needs put on the agenda.</summary>
    public List<long> AgendaNeedIds { get; set; } = [];
    public string? Minutes { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<JointMeetingAttendee> Attendees { get; set; } = [];
}

public sealed class JointMeetingAttendee : IAudited
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public required string Name { get; set; }
    public AttendeeRole Role { get; set; }
    public long? PartnerUnitId { get; set; }
    public bool Present { get; set; }
}

public sealed class PartnershipAgreementConfiguration : IEntityTypeConfiguration<PartnershipAgreement>
{
    public void Configure(EntityTypeBuilder<PartnershipAgreement> b)
    {
        b.ToTable("Agreements");
        b.Property(a => a.CommunityCode).HasMaxLength(12);
        b.Property(a => a.Commitments).HasMaxLength(2000);
        b.HasIndex(a => new { a.CommunityCode, a.PartnerUnitId });
        b.HasIndex(a => a.PartnerUnitId);
        b.HasOne<Huying.Modules.Organisation.PartnerUnit>().WithMany().HasForeignKey(a => a.PartnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class JointMeetingConfiguration : IEntityTypeConfiguration<JointMeeting>
{
    public void Configure(EntityTypeBuilder<JointMeeting> b)
    {
        b.ToTable("JointMeetings");
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.Property(m => m.Title).HasMaxLength(100);
        b.Property(m => m.Venue).HasMaxLength(100);
        b.Property(m => m.Minutes).HasMaxLength(4000);
        b.HasIndex(m => new { m.CommunityCode, m.HeldAt });
        b.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.MeetingId);
    }
}

public sealed class JointMeetingAttendeeConfiguration : IEntityTypeConfiguration<JointMeetingAttendee>
{
    public void Configure(EntityTypeBuilder<JointMeetingAttendee> b)
    {
        b.ToTable("JointMeetingAttendees");
        b.Property(a => a.Name).HasMaxLength(100);
        b.HasIndex(a => a.PartnerUnitId);
    }
}
