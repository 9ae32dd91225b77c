using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Volunteering;

/// <summary>Who a volunteer is besides being one: what the talent pool and the new-employment groups are made of.</summary>
[Localized]
public enum Affiliation
{
    Resident = 0,
    PartyMember = 1,
    InServiceMember = 2,
    RetiredCadre = 3,
    Student = 4,
    NewEmploymentWorker = 5,
}

/// <summary>
/// A registered volunteer (注册志愿者): registered by themselves from an account or by staff. The home community
/// decides who keeps the record; the phone is kept encrypted and shown masked, the name is masked on public pages.
/// </summary>
public sealed class Volunteer : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    public string? PhoneCipher { get; set; }
    public string? PhoneMasked { get; set; }
    /// <summary>The person record, when the volunteer lives where Huying keeps records.</summary>
    public long? PersonId { get; set; }
    /// <summary>The account that signs up and checks in; null for a volunteer registered by staff without one.</summary>
    public long? UserId { get; set; }
    public Affiliation Affiliation { get; set; }
    /// <summary>Comma-separated skills (交通引导, 急救, 书法 …), matched against a post's required skills.</summary>
    public string Skills { get; set; } = "";
    public string? Availability { get; set; }
    /// <summary>The talent pool (银发人才库): retired cadres and experts bookable for an activity by their expertise.</summary>
    public bool InTalentPool { get; set; }
    public string? Expertise { get; set; }
    /// <summary>New-employment workers: the platform (美团, 饿了么) or employer (运达物流) they ride or drive for.</summary>
    public string? Platform { get; set; }
    public string? Employer { get; set; }
    public DateTime RegisteredAt { get; set; }

    public IEnumerable<string> SkillList => Skills.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

[Localized]
public enum TeamKind
{
    ServiceTeam = 0,
    TalentPool = 1,
    NewEmploymentGroup = 2,
}

/// <summary>志愿服务队: a team with a leader, members, a home community, partner units and a focus.</summary>
public sealed class VolunteerTeam : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    public TeamKind Kind { get; set; }
    /// <summary>What it does: 助残, 关爱老人, 关爱儿童 …</summary>
    public string Focus { get; set; } = "";
    /// <summary>Who organises it when not the community itself (市委社会工作部, 县委老干部局).</summary>
    public string? Organiser { get; set; }
    public string? Brand { get; set; }
    public long? LeaderId { get; set; }
    public Volunteer? Leader { get; set; }
    public List<TeamMember> Members { get; set; } = [];
    public List<TeamUnit> Units { get; set; } = [];
}

public sealed class TeamMember
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public long VolunteerId { get; set; }
    public Volunteer? Volunteer { get; set; }
    public DateOnly JoinedOn { get; set; }
}

public sealed class TeamUnit
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public long PartnerUnitId { get; set; }
}

public sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> b)
    {
        b.ToTable("Volunteers");
        b.Property(v => v.CommunityCode).HasMaxLength(12);
        b.Property(v => v.Name).HasMaxLength(50);
        b.Property(v => v.PhoneCipher).HasMaxLength(400);
        b.Property(v => v.PhoneMasked).HasMaxLength(20);
        b.Property(v => v.Skills).HasMaxLength(200);
        b.Property(v => v.Availability).HasMaxLength(200);
        b.Property(v => v.Expertise).HasMaxLength(200);
        b.Property(v => v.Platform).HasMaxLength(50);
        b.Property(v => v.Employer).HasMaxLength(100);
        b.HasIndex(v => v.CommunityCode);
        b.HasIndex(v => v.UserId).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
        b.Ignore(v => v.SkillList);
    }
}

public sealed class VolunteerTeamConfiguration : IEntityTypeConfiguration<VolunteerTeam>
{
    public void Configure(EntityTypeBuilder<VolunteerTeam> b)
    {
        b.ToTable("VolunteerTeams");
        b.Property(t => t.CommunityCode).HasMaxLength(12);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Focus).HasMaxLength(100);
        b.Property(t => t.Organiser).HasMaxLength(100);
        b.Property(t => t.Brand).HasMaxLength(100);
        b.HasOne(t => t.Leader).WithMany().HasForeignKey(t => t.LeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId);
        b.HasMany(t => t.Units).WithOne().HasForeignKey(u => u.TeamId);
        b.HasIndex(t => t.CommunityCode);
    }
}

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.ToTable("TeamMembers");
        b.HasOne(m => m.Volunteer).WithMany().HasForeignKey(m => m.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.TeamId, m.VolunteerId }).IsUnique();
        b.HasIndex(m => m.VolunteerId);
    }
}

public sealed class TeamUnitConfiguration : IEntityTypeConfiguration<TeamUnit>
{
    public void Configure(EntityTypeBuilder<TeamUnit> b)
    {
        b.ToTable("TeamUnits");
        b.HasIndex(u => new { u.TeamId, u.PartnerUnitId }).IsUnique();
    }
}
