using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Heritage;

/// <summary>Protection level (保护级别) of an immovable heritage site.</summary>
[Localized]
public enum ProtectionLevel
{
    National = 1,
    Provincial = 2,
    Municipal = 3,
    CountyLevel = 4,
    NewlyFound = 5,
}

/// <summary>The census's six types of immovable heritage.</summary>
[Localized]
public enum SiteType
{
    AncientSite = 1,
    AncientTomb = 2,
    AncientBuilding = 3,
    GrottoAndCarving = 4,
    ModernHistoric = 5,
    Other = 6,
}

/// <summary>How the field survey was done (the census team used drones and RTK surveying).</summary>
[Localized]
public enum SurveyMethod
{
    OnFoot = 1,
    Drone = 2,
    Rtk = 3,
    DroneAndRtk = 4,
}

/// <summary>不可移动文物: a site in the village (or community) it lies in, with its census fields and its responsibility zone.</summary>
public sealed class HeritageSite : IAudited, ICommunityScoped, IVersioned
{
    public int Version { get; set; }
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>A demo name that could not be confirmed (shown as 示例).</summary>
    public bool IsExample { get; set; }

    public ProtectionLevel Level { get; set; }
    public SiteType Type { get; set; }
    public string? Era { get; set; }
    public required string CommunityCode { get; set; }
    public string? Address { get; set; }

    /// <summary>WGS-84, checked to lie inside the city's bounding box.</summary>
    public double Latitude { get; set; }

    public double Longitude { get; set; }
    public string? Owner { get; set; }
    public string? Condition { get; set; }
    public DateOnly? SurveyedOn { get; set; }
    public string? Surveyors { get; set; }
    public SurveyMethod? SurveyMethod { get; set; }

    /// <summary>The census record number (普查登记编号).</summary>
    public string? RecordNumber { get; set; }

    /// <summary>Registered as a new find in the census (新发现), and when.</summary>
    public bool NewlyRegistered { get; set; }

    public DateOnly? RegisteredOn { get; set; }
    public long? ZoneId { get; set; }
    public ResponsibilityZone? Zone { get; set; }

    /// <summary>The protected area's outline (保护范围), a GeoJSON Polygon or MultiPolygon inside the city, when surveyed.</summary>
    public string? BoundaryGeoJson { get; set; }

    /// <summary>An education base (红色教育基地 and the like): groups book visits to it on the public page.</summary>
    public bool EducationBase { get; set; }

    /// <summary>How many visitors the base receives in a day; bookings beyond it are refused.</summary>
    public int? DailyCapacity { get; set; }

    /// <summary>The heritage centre (a partner unit) that keeps the site: its liaison edits it.</summary>
    public long? KeeperUnitId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A level change with its basis (the document that published it): the site's history, never edited.</summary>
public sealed class SiteLevelChange : ICommunityScoped
{
    public long Id { get; set; }
    public long SiteId { get; set; }
    public required string CommunityCode { get; set; }
    public ProtectionLevel From { get; set; }
    public ProtectionLevel To { get; set; }
    public required string Basis { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
}

/// <summary>党员责任区: a set of sites a branch answers for, with the party members who patrol them.</summary>
public sealed class ResponsibilityZone : IAudited, ICommunityScoped, IVersioned
{
    public int Version { get; set; }
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The responsible branch's village or community (the zone's place in the scope).</summary>
    public required string CommunityCode { get; set; }

    public required string Branch { get; set; }

    /// <summary>How often its sites are patrolled, in days (weekly for national sites).</summary>
    public int PatrolEveryDays { get; set; } = 7;

    public long? KeeperUnitId { get; set; }
    public List<ZoneMember> Members { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

/// <summary>A party member on the zone (责任人; one leads it); their account, when they check in on the phone.</summary>
public sealed class ZoneMember : ICommunityScoped
{
    public long Id { get; set; }
    public long ZoneId { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    public long? UserId { get; set; }
    public bool Leads { get; set; }
}

/// <summary>A record of the census of immovable heritage (文物普查), unique by its record number.</summary>
public sealed class CensusRecord : ICommunityScoped
{
    public long Id { get; set; }
    public required string RecordNumber { get; set; }
    public required string Name { get; set; }
    public SiteType Type { get; set; }
    public string? Era { get; set; }
    public required string CommunityCode { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public DateOnly SurveyedOn { get; set; }
    public string? Surveyors { get; set; }
    public SurveyMethod Method { get; set; }
    public DateTime ImportedAt { get; set; }
}

[Localized]
public enum VisitState
{
    Booked = 1,
    Visited = 2,
    Cancelled = 3,
}

/// <summary>A group's visit to an education base (红色教育基地), booked (on the public page or by the base) and then received.</summary>
public sealed class HeritageVisit : ICommunityScoped, IAudited, IVersioned
{
    public int Version { get; set; }
    public long Id { get; set; }

    /// <summary>The booking's code: the group follows (and calls off) its booking with it.</summary>
    public string? Code { get; set; }

    public long SiteId { get; set; }
    public required string CommunityCode { get; set; }
    public required string GroupName { get; set; }

    /// <summary>The group's size as booked; <see cref="Attended"/> is who came.</summary>
    public int Size { get; set; }

    public int? Attended { get; set; }
    public DateOnly VisitOn { get; set; }
    public string? Guide { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhoneCipher { get; set; }
    public string? ContactPhoneMasked { get; set; }
    public VisitState State { get; set; }
    public DateTime BookedAt { get; set; }
}

/// <summary>Kinds of education events (法治和消防安全进校园进村, 5·18 国际博物馆日, 文化和自然遗产日).</summary>
[Localized]
public enum EventKind
{
    SchoolTalk = 1,
    VillageTalk = 2,
    MuseumDay = 3,
    HeritageDay = 4,
    Other = 5,
}

/// <summary>An education event of the centre or a branch, planned and then held with its attendance.</summary>
public sealed class HeritageEvent : ICommunityScoped, IAudited
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Title { get; set; }
    public EventKind Kind { get; set; }
    public DateOnly On { get; set; }
    public required string Place { get; set; }

    /// <summary>Who came (recorded once it was held).</summary>
    public int? Attendance { get; set; }

    public required string By { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class HeritageConfiguration : IEntityTypeConfiguration<HeritageSite>, IEntityTypeConfiguration<SiteLevelChange>,
    IEntityTypeConfiguration<ResponsibilityZone>, IEntityTypeConfiguration<ZoneMember>, IEntityTypeConfiguration<CensusRecord>,
    IEntityTypeConfiguration<HeritageVisit>, IEntityTypeConfiguration<HeritageEvent>
{
    public void Configure(EntityTypeBuilder<HeritageSite> b)
    {
        b.ToTable("HeritageSites");
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.CommunityCode).HasMaxLength(12);
        b.Property(s => s.Era).HasMaxLength(50);
        b.Property(s => s.Address).HasMaxLength(200);
        b.Property(s => s.Owner).HasMaxLength(100);
        b.Property(s => s.Condition).HasMaxLength(500);
        b.Property(s => s.Surveyors).HasMaxLength(200);
        b.Property(s => s.RecordNumber).HasMaxLength(40);
        b.Property(s => s.BoundaryGeoJson).HasMaxLength(HeritageBoundary.MaxLength);
        b.HasIndex(s => new { s.CommunityCode, s.Level });
        b.HasIndex(s => s.ZoneId);
        b.HasOne(s => s.Zone).WithMany().HasForeignKey(s => s.ZoneId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<SiteLevelChange> b)
    {
        b.ToTable("SiteLevelChanges");
        b.Property(c => c.CommunityCode).HasMaxLength(12);
        b.Property(c => c.Basis).HasMaxLength(100);
        b.Property(c => c.By).HasMaxLength(100);
        b.HasIndex(c => c.SiteId);
    }

    public void Configure(EntityTypeBuilder<ResponsibilityZone> b)
    {
        b.ToTable("ResponsibilityZones");
        b.Property(z => z.Name).HasMaxLength(100);
        b.Property(z => z.Branch).HasMaxLength(100);
        b.Property(z => z.CommunityCode).HasMaxLength(12);
        b.HasMany(z => z.Members).WithOne().HasForeignKey(m => m.ZoneId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(z => z.CommunityCode);
    }

    public void Configure(EntityTypeBuilder<ZoneMember> b)
    {
        b.ToTable("ZoneMembers");
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.HasIndex(m => m.UserId);
    }

    public void Configure(EntityTypeBuilder<CensusRecord> b)
    {
        b.ToTable("CensusRecords");
        b.Property(r => r.RecordNumber).HasMaxLength(40);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Era).HasMaxLength(50);
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.Surveyors).HasMaxLength(200);
        b.HasIndex(r => r.RecordNumber).IsUnique();
        b.HasIndex(r => r.CommunityCode);
    }

    public void Configure(EntityTypeBuilder<HeritageVisit> b)
    {
        b.ToTable("HeritageVisits");
        b.Property(v => v.GroupName).HasMaxLength(100);
        b.Property(v => v.Guide).HasMaxLength(50);
        b.Property(v => v.CommunityCode).HasMaxLength(12);
        b.Property(v => v.Code).HasMaxLength(12);
        b.Property(v => v.ContactName).HasMaxLength(50);
        b.Property(v => v.ContactPhoneCipher).HasMaxLength(500);
        b.Property(v => v.ContactPhoneMasked).HasMaxLength(20);
        b.HasIndex(v => new { v.CommunityCode, v.VisitOn });
        b.HasIndex(v => new { v.SiteId, v.VisitOn });
        b.HasIndex(v => v.Code).IsUnique();
    }

    public void Configure(EntityTypeBuilder<HeritageEvent> b)
    {
        b.ToTable("HeritageEvents");
        b.Property(e => e.CommunityCode).HasMaxLength(12);
        b.Property(e => e.Title).HasMaxLength(100);
        b.Property(e => e.Place).HasMaxLength(100);
        b.Property(e => e.By).HasMaxLength(100);
        b.HasIndex(e => new { e.CommunityCode, e.On });
    }
}
