using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Huying.Platform.Calendar;
using Huying.Platform.Ratings;

namespace Huying.Modules.Projects;

public enum ProjectStatus
{
    Planned = 1,
    InProgress = 2,
    AwaitingAcceptance = 3,
    Accepted = 4,
}

/// <summary>
/// 项目清单: a project one or more partner units run to answer needs. It closes only by acceptance (验收) by the
/// secretary with resident representatives. Its progress is derived from its milestones, never typed; the
/// milestone figures are kept on the project so the summary table reads one row per project.
/// </summary>
public sealed class Project : IAudited, ICommunityScoped, IVersioned
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? Place { get; set; }
    public long? BuildingId { get; set; }
    /// <summary>The joint meeting whose decision made it (null when a unit adopted a need directly).</summary>
    public long? MeetingId { get; set; }
    public ProjectStatus Status { get; set; } = ProjectStatus.Planned;
    public DateOnly StartOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public int MilestoneCount { get; set; }
    public int MilestonesDone { get; set; }
    /// <summary>The last milestone's due date: when the project is planned to be done.</summary>
    public DateOnly? PlannedEndOn { get; set; }
    /// <summary>The earliest due date of a milestone not yet done: drives the late and due-soon marks.</summary>
    public DateOnly? NextDueOn { get; set; }
    public DateTime? AcceptanceRequestedAt { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public string? AcceptanceNote { get; set; }
    /// <summary>The resident representatives who took part in the acceptance.</summary>
    public string? AcceptedWith { get; set; }
    public string? SentBackReason { get; set; }
    /// <summary>The acceptance notice (验收公示) published on the community's notice board.</summary>
    public long? NoticeId { get; set; }
    public int RatingCount { get; set; }
    public int SatisfiedCount { get; set; }
    /// <summary>The money put into the project (投入资金, yuan) as its units committed it; milestone budgets are how it is spent.</summary>
    public decimal? Funds { get; set; }
    /// <summary>Who keeps what the project built once it is handed over (管护队伍, e.g. the village's 项目运维专班).</summary>
    public string? UpkeepTeam { get; set; }
    public List<ProjectUnit> Units { get; set; } = [];
    public List<ProjectNeed> Needs { get; set; } = [];
    /// <summary>When anything of the project last changed (its milestones, updates, acceptance): every change is checked for a race.</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>Bumped by the context on every save: of two people changing it at once, the second save fails (409).</summary>
    public int Version { get; set; }

    /// <summary>Marks a change of the project's own records (a milestone, an update), so concurrent changes conflict.</summary>
    public void Touch(DateTime now) => UpdatedAt = now;

    public int Progress => ProgressOf(MilestonesDone, MilestoneCount);

    /// <summary>Progress in percent from milestones done of all (0 without milestones); never typed.</summary>
    public static int ProgressOf(int done, int count) => count == 0 ? 0 : (int)Math.Round(100.0 * done / count);

    /// <summary>Late while not accepted and a milestone not done is past its date (queries state the same in SQL).</summary>
    public static bool IsLateAt(ProjectStatus status, DateOnly? nextDueOn, DateOnly today) =>
        status != ProjectStatus.Accepted && nextDueOn is { } due && due < today;

    public bool IsLate(DateOnly today) => IsLateAt(Status, NextDueOn, today);

    /// <summary>Accepted no later than its last milestone was due.</summary>
    public bool? OnTime => Status == ProjectStatus.Accepted && PlannedEndOn is { } end && CompletedOn is { } done ? done <= end : null;

    public void Recount(IReadOnlyCollection<Milestone> milestones, DateTime now)
    {
        Touch(now);
        MilestoneCount = milestones.Count;
        MilestonesDone = milestones.Count(m => m.DoneOn is not null);
        PlannedEndOn = milestones.Count == 0 ? null : milestones.Max(m => m.DueOn);
        NextDueOn = milestones.Where(m => m.DoneOn is null).Select(m => (DateOnly?)m.DueOn).Min();
    }

    public void EnsureOpen()
    {
        if (Status is ProjectStatus.Accepted or ProjectStatus.AwaitingAcceptance)
        {
            throw new RuleViolationException("The project is awaiting acceptance or accepted and cannot change now");
        }
    }

    /// <summary>Work has started (a progress update or a milestone done).</summary>
    public void Begin()
    {
        EnsureOpen();
        Status = ProjectStatus.InProgress;
    }

    public void RequestAcceptance(DateTime now)
    {
        if (Status is not (ProjectStatus.Planned or ProjectStatus.InProgress))
        {
            throw new RuleViolationException("Only a project under way can ask for acceptance");
        }
        if (MilestoneCount == 0 || MilestonesDone < MilestoneCount)
        {
            throw new RuleViolationException("Every milestone must be done before asking for acceptance");
        }
        Status = ProjectStatus.AwaitingAcceptance;
        AcceptanceRequestedAt = now;
        Touch(now);
        SentBackReason = null;
    }

    public void Accept(DateOnly on, string? note, string residents, DateTime now)
    {
        Touch(now);
        if (Status != ProjectStatus.AwaitingAcceptance)
        {
            throw new RuleViolationException("Only a project awaiting acceptance can be accepted");
        }
        Status = ProjectStatus.Accepted;
        CompletedOn = on;
        AcceptanceNote = note;
        AcceptedWith = residents;
    }

    public void SendBack(string reason, DateTime now)
    {
        Touch(now);
        if (Status != ProjectStatus.AwaitingAcceptance)
        {
            throw new RuleViolationException("Only a project awaiting acceptance can be sent back");
        }
        Status = ProjectStatus.InProgress;
        SentBackReason = reason;
    }

    public void Rate(Rating rating, DateTime now)
    {
        Touch(now);
        if (Status != ProjectStatus.Accepted)
        {
            throw new RuleViolationException("Residents rate a project once it is accepted");
        }
        RatingCount++;
        if (rating != Rating.Unsatisfied)
        {
            SatisfiedCount++;
        }
    }
}

/// <summary>A unit running (part of) a project.</summary>
public sealed class ProjectUnit : IAudited
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public long PartnerUnitId { get; set; }
}

public sealed class ProjectNeed : IAudited
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public long NeedId { get; set; }
}

/// <summary>A dated step of a project, owned by one of its units, with the resources it takes.</summary>
public sealed class Milestone : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public Project? Project { get; set; }
    public required string CommunityCode { get; set; }
    public long PartnerUnitId { get; set; }
    public required string Title { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    /// <summary>Resources: money (yuan), people and materials.</summary>
    public decimal? Budget { get; set; }
    public int? Workers { get; set; }
    public string? Materials { get; set; }
    /// <summary>When the sweeper told the unit and the community that the milestone is late (once per milestone).</summary>
    public DateTime? LateNoticeAt { get; set; }

    /// <summary>A new name, date or resources for a milestone not yet done; a new date owes a new late notice.</summary>
    public void Replan(string title, DateOnly dueOn, decimal? budget, int? workers, string? materials)
    {
        if (DoneOn is not null)
        {
            throw new RuleViolationException("The milestone is already done");
        }
        Title = title;
        if (DueOn != dueOn)
        {
            DueOn = dueOn;
            LateNoticeAt = null;
        }
        (Budget, Workers, Materials) = (budget, workers, materials);
    }

    public void Complete(DateOnly on)
    {
        if (DoneOn is not null)
        {
            throw new RuleViolationException("The milestone is already done");
        }
        DoneOn = on;
    }

    public MilestoneMark Mark(DateOnly today, WorkCalendar calendar, int warnWorkdays = 3) =>
        DoneOn is { } done ? (done > DueOn ? MilestoneMark.DoneLate : MilestoneMark.Done)
        : today > DueOn ? MilestoneMark.Late
        : WorkdaysUntil(today, DueOn, calendar) <= warnWorkdays ? MilestoneMark.DueSoon
        : MilestoneMark.OnTrack;

    /// <summary>Working days from tomorrow up to and including the due date, on the county's calendar.</summary>
    public static int WorkdaysUntil(DateOnly today, DateOnly due, WorkCalendar calendar)
    {
        var n = 0;
        for (var d = today.AddDays(1); d <= due && n <= 30; d = d.AddDays(1))
        {
            n += calendar.IsWorkday(d) ? 1 : 0;
        }
        return n;
    }
}

public enum MilestoneMark
{
    OnTrack = 1,
    DueSoon = 2,
    Late = 3,
    Done = 4,
    DoneLate = 5,
}

/// <summary>A progress update posted by a unit (or staff) with photos (attachments owned by it).</summary>
public sealed class ProgressUpdate : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public required string CommunityCode { get; set; }
    public long? PartnerUnitId { get; set; }
    public long? MilestoneId { get; set; }
    public required string Text { get; set; }
    public required string ByName { get; set; }
    public DateTime At { get; set; }
}

public enum CommendationKind
{
    Banner = 1,
    Letter = 2,
    Other = 3,
}

/// <summary>锦旗 or thank-you letter from residents, recorded against a project and (optionally) one of its units.</summary>
public sealed class Commendation : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public required string CommunityCode { get; set; }
    public long? PartnerUnitId { get; set; }
    public CommendationKind Kind { get; set; }
    public required string From { get; set; }
    public required string Words { get; set; }
    public DateOnly ReceivedOn { get; set; }
}

/// <summary>A resident's rating of an accepted project (from the public project page; no personal data kept).</summary>
public sealed class ProjectRating : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public required string CommunityCode { get; set; }
    public Rating Rating { get; set; }
    public string? Comment { get; set; }
    /// <summary>
    /// The keyed hash of the tracking code the resident rated with (one rating per code and project); the code itself
    /// is not kept, so a rating is not traced back to the matter or topic.
    /// </summary>
    public string? CodeHash { get; set; }
    public DateTime At { get; set; }
}

public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("Projects");
        b.Property(p => p.CommunityCode).HasMaxLength(12);
        b.Property(p => p.Title).HasMaxLength(100);
        b.Property(p => p.Description).HasMaxLength(2000);
        b.Property(p => p.Place).HasMaxLength(200);
        b.Property(p => p.AcceptanceNote).HasMaxLength(1000);
        b.Property(p => p.AcceptedWith).HasMaxLength(200);
        b.Property(p => p.SentBackReason).HasMaxLength(1000);
        b.Property(p => p.Funds).HasPrecision(14, 2);
        b.Property(p => p.UpkeepTeam).HasMaxLength(200);
        // Covering for the summary's figures (states, late, accepted in the period, under way in it): a county's
        // counts read the index, not 8,000 rows of the table (SQLite has no INCLUDE, so the columns are keys).
        b.HasIndex(p => new { p.CommunityCode, p.Status, p.NextDueOn, p.StartOn, p.CompletedOn, p.PlannedEndOn });
        b.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.ProjectId);
        b.HasMany(p => p.Needs).WithOne().HasForeignKey(n => n.ProjectId);
    }
}

public sealed class ProjectUnitConfiguration : IEntityTypeConfiguration<ProjectUnit>
{
    public void Configure(EntityTypeBuilder<ProjectUnit> b)
    {
        b.ToTable("ProjectUnits");
        b.HasIndex(u => new { u.ProjectId, u.PartnerUnitId }).IsUnique();
        b.HasIndex(u => u.PartnerUnitId);
        b.HasOne<Huying.Modules.Organisation.PartnerUnit>().WithMany().HasForeignKey(u => u.PartnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ProjectNeedConfiguration : IEntityTypeConfiguration<ProjectNeed>
{
    public void Configure(EntityTypeBuilder<ProjectNeed> b)
    {
        b.ToTable("ProjectNeeds");
        b.HasIndex(n => new { n.ProjectId, n.NeedId }).IsUnique();
        b.HasIndex(n => n.NeedId);
        b.HasOne<Need>().WithMany().HasForeignKey(n => n.NeedId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.ToTable("Milestones");
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.Property(m => m.Title).HasMaxLength(100);
        b.Property(m => m.Materials).HasMaxLength(200);
        b.Property(m => m.Budget).HasPrecision(12, 2);
        b.HasIndex(m => m.ProjectId);
        // The sweeper reads the milestones not yet done by due date.
        b.HasIndex(m => new { m.DoneOn, m.DueOn });
        b.HasOne(m => m.Project).WithMany().HasForeignKey(m => m.ProjectId);
    }
}

public sealed class ProgressUpdateConfiguration : IEntityTypeConfiguration<ProgressUpdate>
{
    public void Configure(EntityTypeBuilder<ProgressUpdate> b)
    {
        b.ToTable("ProgressUpdates");
        b.Property(u => u.CommunityCode).HasMaxLength(12);
        b.Property(u => u.Text).HasMaxLength(2000);
        b.Property(u => u.ByName).HasMaxLength(100);
        b.HasIndex(u => u.ProjectId);
        b.HasOne<Project>().WithMany().HasForeignKey(u => u.ProjectId);
    }
}

public sealed class CommendationConfiguration : IEntityTypeConfiguration<Commendation>
{
    public void Configure(EntityTypeBuilder<Commendation> b)
    {
        b.ToTable("Commendations");
        b.Property(c => c.CommunityCode).HasMaxLength(12);
        b.Property(c => c.From).HasMaxLength(100);
        b.Property(c => c.Words).HasMaxLength(500);
        b.HasIndex(c => c.ProjectId);
        b.HasIndex(c => new { c.CommunityCode, c.ReceivedOn });
        b.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId);
    }
}

public sealed class ProjectRatingConfiguration : IEntityTypeConfiguration<ProjectRating>
{
    public void Configure(EntityTypeBuilder<ProjectRating> b)
    {
        b.ToTable("ProjectRatings");
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.Comment).HasMaxLength(500);
        b.Property(r => r.CodeHash).HasMaxLength(64);
        b.HasIndex(r => r.ProjectId);
        b.HasIndex(r => new { r.ProjectId, r.CodeHash }).IsUnique().HasFilter("\"CodeHash\" IS NOT NULL");
        b.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId);
    }
}
