using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Volunteering;

/// <summary>
/// A volunteer activity: one-off, or recurring by an RFC 5545 rule (the "985" room every Friday 15:30). Occurrences
/// are computed from the rule, never copied; an occurrence gets a row of its own only when something is recorded of
/// it (cancelled, people served).
/// </summary>
public sealed class Activity : IAudited, ICommunityScoped, IVersioned
{
    public int Version { get; set; }
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long? TeamId { get; set; }
    public VolunteerTeam? Team { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public required string Venue { get; set; }
    /// <summary>The first occurrence (UTC); later ones follow <see cref="Recurrence"/>.</summary>
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    /// <summary>An RRULE value (FREQ=WEEKLY;BYDAY=FR) or null for a one-off activity.</summary>
    public string? Recurrence { get; set; }
    /// <summary>No occurrence on the county's public holidays (the working calendar).</summary>
    public bool SkipHolidays { get; set; }
    public string? TargetGroup { get; set; }
    public int? PeopleExpected { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public List<ActivityPost> Posts { get; set; } = [];
    public List<ActivityUnit> Units { get; set; } = [];
    /// <summary>How many partner units co-organise it (kept with <see cref="Units"/>, which are set when it is made), so
    /// the figures count "with partner units" from an index alone.</summary>
    public int UnitCount { get; set; }

    public TimeSpan Duration => EndsAt - StartsAt;
}

/// <summary>A post of an activity with its capacity ("河津中学 · 交通引导 ×6"), per occurrence.</summary>
public sealed class ActivityPost : IAudited
{
    public long Id { get; set; }
    public long ActivityId { get; set; }
    public required string Name { get; set; }
    public int Capacity { get; set; }
    /// <summary>Skills the post asks for (comma-separated); shown to whoever signs up, matched in the talent search.</summary>
    public string Skills { get; set; } = "";
}

/// <summary>A partner unit that co-organises the activity (what makes it count as "联动共驻单位").</summary>
public sealed class ActivityUnit
{
    public long Id { get; set; }
    public long ActivityId { get; set; }
    public long PartnerUnitId { get; set; }
}

/// <summary>What is recorded of one occurrence: cancelled (only it), and how many people it served.</summary>
public sealed class Occurrence : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long ActivityId { get; set; }
    public required string CommunityCode { get; set; }
    public DateTime StartsAt { get; set; }
    public bool Cancelled { get; set; }
    public string? CancelReason { get; set; }
    public int? PeopleServed { get; set; }
    /// <summary>Served residents from the records (care visits), comma-separated person ids.</summary>
    public string? ServedPeople { get; set; }
}

[Localized]
public enum SignUpState
{
    Taken = 1,
    Waiting = 2,
    Cancelled = 3,
}

/// <summary>
/// A volunteer's place on a post for one occurrence. A taken place holds a seat number: a unique index on
/// (post, occurrence, seat) is what keeps a post within its capacity when sign-ups arrive at once.
/// </summary>
public sealed class SignUp : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long ActivityId { get; set; }
    public long PostId { get; set; }
    public long VolunteerId { get; set; }
    public Volunteer? Volunteer { get; set; }
    public DateTime OccurrenceStart { get; set; }
    public DateTime OccurrenceEnd { get; set; }
    public SignUpState State { get; set; }
    public int? Seat { get; set; }
    public DateTime SignedUpAt { get; set; }
    /// <summary>Who put the volunteer on the post when it was not themselves (the team leader, staff).</summary>
    public string? AssignedBy { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? PromotedAt { get; set; }
    public DateTime? RemindedAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
    public DateTime? CheckedOutAt { get; set; }
    /// <summary>"qr" when the volunteer scanned the code, "leader" when ticked on the roster.</summary>
    public string? CheckInBy { get; set; }
    public bool NoShow { get; set; }
    /// <summary>Service hours, set only when the organiser confirms (国家志愿服务信息系统: hours after confirmation).</summary>
    public decimal? Hours { get; set; }
    public DateTime? HoursConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
}

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ToTable("Activities");
        b.Property(a => a.CommunityCode).HasMaxLength(12);
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Description).HasMaxLength(4000);
        b.Property(a => a.Venue).HasMaxLength(200);
        b.Property(a => a.Recurrence).HasMaxLength(200);
        b.Property(a => a.TargetGroup).HasMaxLength(100);
        b.HasOne(a => a.Team).WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Posts).WithOne().HasForeignKey(p => p.ActivityId);
        b.HasMany(a => a.Units).WithOne().HasForeignKey(u => u.ActivityId);
        b.HasIndex(a => new { a.CommunityCode, a.StartsAt });
        // The figures' one-off activities, answered from the index alone.
        b.HasIndex(a => new { a.CommunityCode, a.StartsAt, a.UnitCount, a.TeamId }, "IX_Activities_Held")
            .HasFilter("\"Recurrence\" IS NULL AND \"CancelledAt\" IS NULL");
        // The recurring ones, a few among a county's thousands, found without reading the others.
        b.HasIndex(a => new { a.CommunityCode, a.StartsAt }, "IX_Activities_Recurring")
            .HasFilter("\"Recurrence\" IS NOT NULL AND \"CancelledAt\" IS NULL");
        b.HasIndex(a => a.TeamId);
        b.Ignore(a => a.Duration);
    }
}

public sealed class ActivityPostConfiguration : IEntityTypeConfiguration<ActivityPost>
{
    public void Configure(EntityTypeBuilder<ActivityPost> b)
    {
        b.ToTable("ActivityPosts");
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Skills).HasMaxLength(200);
    }
}

public sealed class ActivityUnitConfiguration : IEntityTypeConfiguration<ActivityUnit>
{
    public void Configure(EntityTypeBuilder<ActivityUnit> b)
    {
        b.ToTable("ActivityUnits");
        b.HasIndex(u => new { u.ActivityId, u.PartnerUnitId }).IsUnique();
    }
}

public sealed class OccurrenceConfiguration : IEntityTypeConfiguration<Occurrence>
{
    public void Configure(EntityTypeBuilder<Occurrence> b)
    {
        b.ToTable("ActivityOccurrences");
        b.Property(o => o.CommunityCode).HasMaxLength(12);
        b.Property(o => o.CancelReason).HasMaxLength(200);
        b.Property(o => o.ServedPeople).HasMaxLength(2000);
        b.HasIndex(o => new { o.ActivityId, o.StartsAt }).IsUnique();
        b.HasIndex(o => new { o.CommunityCode, o.StartsAt, o.Cancelled, o.PeopleServed, o.ActivityId });
    }
}

public sealed class SignUpConfiguration : IEntityTypeConfiguration<SignUp>
{
    public void Configure(EntityTypeBuilder<SignUp> b)
    {
        b.ToTable("SignUps");
        b.Property(s => s.CommunityCode).HasMaxLength(12);
        b.Property(s => s.AssignedBy).HasMaxLength(50);
        b.Property(s => s.CheckInBy).HasMaxLength(10);
        b.Property(s => s.ConfirmedBy).HasMaxLength(50);
        b.Property(s => s.Hours).HasPrecision(6, 1);
        b.HasOne(s => s.Volunteer).WithMany().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.PostId, s.OccurrenceStart, s.Seat }).IsUnique().HasFilter("\"Seat\" IS NOT NULL");
        b.HasIndex(s => new { s.PostId, s.OccurrenceStart, s.VolunteerId }).IsUnique().HasFilter("\"CancelledAt\" IS NULL");
        b.HasIndex(s => new { s.VolunteerId, s.OccurrenceStart });
        b.HasIndex(s => new { s.ActivityId, s.OccurrenceStart });
        b.HasIndex(s => new { s.CommunityCode, s.OccurrenceStart });
        // The figures' confirmed hours and volunteers, answered from the index alone.
        b.HasIndex(s => new { s.CommunityCode, s.OccurrenceStart, s.VolunteerId, s.Hours, s.ActivityId }, "IX_SignUps_Confirmed")
            .HasFilter("\"HoursConfirmedAt\" IS NOT NULL");
    }
}
