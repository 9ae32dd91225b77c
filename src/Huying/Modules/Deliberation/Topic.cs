using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Deliberation;

[Localized]
public enum TopicStage
{
    Raised = 1,
    OnAgenda = 2,
    Discussed = 3,
    Decided = 4,
    Publicised = 5,
    Implementing = 6,
    Done = 7,
    Declined = 8,
    Merged = 9,
}

[Localized]
public enum TopicSource
{
    Resident = 1,
    Representative = 2,
    Branch = 3,
    Matter = 4,
    Need = 5,
}

/// <summary>
/// 议题: a shared affair for residents to settle. Its stage only moves through these methods; each refuses a
/// move that is not allowed now (a 409 with the reason).
/// </summary>
public sealed class Topic : IAudited, ICommunityScoped, IVersioned
{
    /// <summary>Bumped by the context on every save; of two changes at once, the second is refused (409).</summary>
    public int Version { get; set; }
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    /// <summary>Public code the raiser follows the topic with (no login).</summary>
    public required string TrackingCode { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public string? Place { get; set; }
    public int? PeopleAffected { get; set; }
    public TopicSource Source { get; set; }
    /// <summary>The resident's matter the topic was raised from (its chain goes back there).</summary>
    public long? MatterId { get; set; }
    /// <summary>The need the topic was raised from.</summary>
    public long? NeedId { get; set; }
    public string? RaiserName { get; set; }
    public string? RaiserPhoneCipher { get; set; }
    public string? RaiserPhoneMasked { get; set; }
    public TopicStage Stage { get; set; } = TopicStage.Raised;
    public DateTime RaisedAt { get; set; }
    public long? MeetingId { get; set; }
    public string? DeclineReason { get; set; }
    public long? MergedIntoId { get; set; }
    public long? ChosenOptionId { get; set; }
    public string? Decision { get; set; }
    public DateTime? DecidedAt { get; set; }
    public long? NoticeId { get; set; }
    public DateTime? ObjectionUntil { get; set; }
    /// <summary>Why implementation started before the objection window closed (secretary only, audited).</summary>
    public string? UrgentReason { get; set; }
    public DateTime? DoneAt { get; set; }
    public List<FollowUpTask> Tasks { get; set; } = [];

    public bool IsClosed => Stage is TopicStage.Done or TopicStage.Declined or TopicStage.Merged;

    private void Require(params TopicStage[] allowed)
    {
        if (!allowed.Contains(Stage))
        {
            throw new RuleViolationException("This action is not allowed at the topic's current stage");
        }
    }

    public void PutOnAgenda(Meeting meeting)
    {
        Require(TopicStage.Raised, TopicStage.OnAgenda);
        if (meeting.CommunityCode != CommunityCode)
        {
            throw new RuleViolationException("The meeting belongs to another community");
        }
        if (meeting.HeldAt is not null)
        {
            throw new RuleViolationException("The meeting has already been held");
        }
        MeetingId = meeting.Id;
        Stage = TopicStage.OnAgenda;
    }

    public void Decline(string reason)
    {
        Require(TopicStage.Raised, TopicStage.OnAgenda);
        DeclineReason = reason;
        Stage = TopicStage.Declined;
    }

    public void MergeInto(Topic other)
    {
        Require(TopicStage.Raised, TopicStage.OnAgenda);
        if (other.Id == Id || other.IsClosed || other.CommunityCode != CommunityCode)
        {
            throw new RuleViolationException("A topic merges into another open topic of the same community");
        }
        MergedIntoId = other.Id;
        Stage = TopicStage.Merged;
    }

    /// <summary>Options were laid out and voted on at the meeting.</summary>
    public void MarkDiscussed()
    {
        Require(TopicStage.OnAgenda, TopicStage.Discussed);
        Stage = TopicStage.Discussed;
    }

    /// <summary>现场拍板: decided on the spot; the caller has checked the quorum.</summary>
    public void Decide(DeliberationOption option, string decision, DateTime now)
    {
        Require(TopicStage.Discussed);
        if (option.TopicId != Id)
        {
            throw new RuleViolationException("The option belongs to another topic");
        }
        ChosenOptionId = option.Id;
        Decision = decision;
        DecidedAt = now;
        Stage = TopicStage.Decided;
    }

    public void Publicise(long noticeId, DateTime objectionUntil)
    {
        Require(TopicStage.Decided);
        NoticeId = noticeId;
        ObjectionUntil = objectionUntil;
        Stage = TopicStage.Publicised;
    }

    /// <summary>Only after the objection window, unless the secretary records an urgent reason.</summary>
    public void StartImplementing(DateTime now, string? urgentReason)
    {
        Require(TopicStage.Publicised);
        if (ObjectionUntil is { } until && now < until)
        {
            if (string.IsNullOrWhiteSpace(urgentReason))
            {
                throw new RuleViolationException("The objection window is still open");
            }
            UrgentReason = urgentReason.Trim();
        }
        Stage = TopicStage.Implementing;
    }

    public void Complete(DateTime now)
    {
        Require(TopicStage.Implementing);
        if (Tasks.Any(t => t.DoneAt is null))
        {
            throw new RuleViolationException("Some follow-up tasks are not done yet");
        }
        DoneAt = now;
        Stage = TopicStage.Done;
    }
}

/// <summary>A follow-up of a decision, with an owner and a date.</summary>
public sealed class FollowUpTask : IAudited
{
    public long Id { get; set; }
    public long TopicId { get; set; }
    public required string Title { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueDate { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? Note { get; set; }
}

public sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> b)
    {
        b.ToTable("Topics");
        b.Property(t => t.CommunityCode).HasMaxLength(12);
        b.Property(t => t.TrackingCode).HasMaxLength(16);
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(4000);
        b.Property(t => t.Place).HasMaxLength(200);
        b.Property(t => t.RaiserName).HasMaxLength(50);
        b.Property(t => t.RaiserPhoneCipher).HasMaxLength(400);
        b.Property(t => t.RaiserPhoneMasked).HasMaxLength(11);
        b.Property(t => t.DeclineReason).HasMaxLength(1000);
        b.Property(t => t.Decision).HasMaxLength(4000);
        b.Property(t => t.UrgentReason).HasMaxLength(1000);
        b.HasIndex(t => t.TrackingCode).IsUnique();
        b.HasIndex(t => new { t.CommunityCode, t.Stage });
        b.HasIndex(t => t.MatterId);
        b.HasIndex(t => t.NeedId);
        b.HasMany(t => t.Tasks).WithOne().HasForeignKey(x => x.TopicId);
    }
}

public sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> b)
    {
        b.ToTable("FollowUpTasks");
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Owner).HasMaxLength(100);
        b.Property(t => t.Note).HasMaxLength(1000);
    }
}
