using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Pledges;

/// <summary>The five kinds of a monthly pledge (每月一件事).</summary>
[Localized]
public enum PledgeKind
{
    LivelihoodService = 1,
    EconomicDevelopment = 2,
    SocialManagement = 3,
    ReformInnovation = 4,
    PartyBuilding = 5,
}

/// <summary>
/// Where a pledge is in its month. The order is the practice's and no step is skipped: the member drafts and
/// submits, the branch committee studies it (村支委会研究), the town party committee files it (镇党委备案), the branch
/// shows the month's list on the party-affairs board (晒诺), the member reports progress mid-month (督诺) and at the
/// end (评诺), and the branch closes it: completed, not completed, or carried on by an explicit decision.
/// </summary>
[Localized]
public enum PledgeState
{
    Draft = 0,
    Submitted = 1,
    Approved = 2,
    Filed = 3,
    Published = 4,
    Reported = 5,
    Done = 6,
    NotDone = 7,
}

/// <summary>The branch's month-end rating (评诺).</summary>
[Localized]
public enum PledgeRating
{
    Excellent = 4,
    Good = 3,
    Fair = 2,
    Poor = 1,
}

/// <summary>Where an opinion-list item came from.</summary>
[Localized]
public enum OpinionSource
{
    /// <summary>民情恳谈会.</summary>
    TalkMeeting = 1,
    /// <summary>民意大走访.</summary>
    DoorToDoorVisit = 2,
    /// <summary>A resident's matter of the place.</summary>
    Matter = 3,
    /// <summary>The place's own suggestion.</summary>
    Other = 4,
    /// <summary>A need of the place's needs list (需求清单).</summary>
    Need = 5,
}

/// <summary>A party member of a village's or community's branch: who is expected to pledge every month.</summary>
public sealed class BranchMember : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Name { get; set; }
    /// <summary>The member's account, when they pledge for themselves on the phone.</summary>
    public long? UserId { get; set; }
    public DateOnly JoinedOn { get; set; }
    /// <summary>Left the branch (moved, transferred): no longer expected to pledge from that month.</summary>
    public DateOnly? LeftOn { get; set; }
}

/// <summary>民意事项清单: what residents asked for, gathered at a talk meeting or a door-to-door visit; members claim from it.</summary>
public sealed class OpinionItem : IAudited, ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public required string Title { get; set; }
    public OpinionSource Source { get; set; }
    public DateOnly GatheredOn { get; set; }
    /// <summary>Who raised it (a resident's name as the list records it, or a household).</summary>
    public string? RaisedBy { get; set; }
    public string? Place { get; set; }
    public PledgeKind? Kind { get; set; }
    /// <summary>How many pledges took it up: counted from the pledges when the list is read, never stored.</summary>
    public int Claims { get; set; }

    /// <summary>Given to whoever raised it: with it they rate the pledges of their village (one rating per code and pledge).</summary>
    public string? TrackingCode { get; set; }
    /// <summary>The open ask it was taken from (matter-12, need-3), so the suggestion is not offered again.</summary>
    public string? Origin { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A party member's pledge for one month (承诺事项), and its way through the month.</summary>
public sealed class Pledge : IAudited, ICommunityScoped, IVersioned
{
    public int Version { get; set; }
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public long MemberId { get; set; }
    public BranchMember? Member { get; set; }

    /// <summary>The first day of the pledge's month.</summary>
    public DateOnly Month { get; set; }

    public PledgeKind Kind { get; set; }
    /// <summary>What the member will do.</summary>
    public required string Title { get; set; }
    /// <summary>What "done" looks like.</summary>
    public required string DoneWhen { get; set; }
    public DateOnly DueOn { get; set; }
    public string? HelpNeeded { get; set; }
    public long? OpinionItemId { get; set; }
    /// <summary>The pledge of an earlier month this one carries on (an explicit decision at that month's end).</summary>
    public long? CarriedFromId { get; set; }
    public PledgeState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public DateTime? FiledAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    /// <summary>The last mid-month progress (督诺), and when.</summary>
    public string? Progress { get; set; }
    public DateTime? ProgressAt { get; set; }
    /// <summary>The member's month-end self-report (评诺).</summary>
    public string? SelfReport { get; set; }
    public DateTime? ReportedAt { get; set; }
    public PledgeRating? Rating { get; set; }
    /// <summary>Praise the branch gave at the month's end (通报表扬, a reward): it feeds 评优评先 and shows on the board.</summary>
    public string? Commendation { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Amendments after filing (each a recorded step and a new version of the board).</summary>
    public int Amendments { get; set; }

    /// <summary>Residents' ratings from the public board (kept with the ratings): how many, how many satisfied.</summary>
    public int ResidentRatings { get; set; }
    public int ResidentSatisfied { get; set; }
}

/// <summary>A resident's rating of a pledge on the public board; who rated is not kept, only the keyed hash of the code they rated with.</summary>
public sealed class PledgeResidentRating : ICommunityScoped
{
    public long Id { get; set; }
    public long PledgeId { get; set; }
    public required string CommunityCode { get; set; }
    public Platform.Ratings.Rating Rating { get; set; }
    public required string CodeHash { get; set; }
    public DateTime At { get; set; }
}

public sealed class PledgeResidentRatingConfiguration : IEntityTypeConfiguration<PledgeResidentRating>
{
    public void Configure(EntityTypeBuilder<PledgeResidentRating> b)
    {
        b.ToTable("PledgeResidentRatings");
        b.Property(r => r.CommunityCode).HasMaxLength(12);
        b.Property(r => r.CodeHash).HasMaxLength(64);
        b.HasOne<Pledge>().WithMany().HasForeignKey(r => r.PledgeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PledgeId, r.CodeHash }).IsUnique();
    }
}

/// <summary>What happened to a pledge, by whom, with what note: the branch meeting, a send-back reason, help given, an amendment.</summary>
public sealed class PledgeStep : ICommunityScoped
{
    public long Id { get; set; }
    public long PledgeId { get; set; }
    public Pledge? Pledge { get; set; }
    public required string CommunityCode { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
    public required string Action { get; set; }
    public string? Note { get; set; }
}

/// <summary>The party-affairs board notice of one branch's month (承诺公示), kept current as its pledges move.</summary>
public sealed class PledgeBoard : ICommunityScoped
{
    public long Id { get; set; }
    public required string CommunityCode { get; set; }
    public DateOnly Month { get; set; }
    public long NoticeId { get; set; }
}

/// <summary>
/// A town's way of running the month (configurable per town): 晒诺 by the 5th, 督诺 by the 15th (评诺 is due by the
/// month's end); and whether the board shows members' full names (the practice, for party members) or masks them.
/// </summary>
public sealed class PledgeTown
{
    public const int DefaultPublishBy = 5;
    public const int DefaultProgressBy = 15;

    public required string TownCode { get; set; }
    public int PublishBy { get; set; } = DefaultPublishBy;
    public int ProgressBy { get; set; } = DefaultProgressBy;
    public bool MaskNames { get; set; }
}

public sealed class PledgeTownConfiguration : IEntityTypeConfiguration<PledgeTown>
{
    public void Configure(EntityTypeBuilder<PledgeTown> b)
    {
        b.ToTable("PledgeTowns");
        b.HasKey(t => t.TownCode);
        b.Property(t => t.TownCode).HasMaxLength(9);
    }
}

public sealed class BranchMemberConfiguration : IEntityTypeConfiguration<BranchMember>
{
    public void Configure(EntityTypeBuilder<BranchMember> b)
    {
        b.ToTable("BranchMembers");
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.Property(m => m.Name).HasMaxLength(50);
        b.HasIndex(m => new { m.CommunityCode, m.JoinedOn, m.LeftOn });
        b.HasIndex(m => m.UserId).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
    }
}

public sealed class OpinionItemConfiguration : IEntityTypeConfiguration<OpinionItem>
{
    public void Configure(EntityTypeBuilder<OpinionItem> b)
    {
        b.ToTable("OpinionItems");
        b.Property(o => o.CommunityCode).HasMaxLength(12);
        b.Property(o => o.Title).HasMaxLength(200);
        b.Property(o => o.RaisedBy).HasMaxLength(50);
        b.Property(o => o.Place).HasMaxLength(100);
        b.Property(o => o.TrackingCode).HasMaxLength(16);
        b.Property(o => o.Origin).HasMaxLength(40);
        b.Ignore(o => o.Claims);
        b.HasIndex(o => new { o.CommunityCode, o.GatheredOn });
        b.HasIndex(o => o.TrackingCode).IsUnique().HasFilter("\"TrackingCode\" IS NOT NULL");
    }
}

public sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> b)
    {
        b.ToTable("Pledges");
        b.Property(p => p.CommunityCode).HasMaxLength(12);
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.DoneWhen).HasMaxLength(300);
        b.Property(p => p.HelpNeeded).HasMaxLength(300);
        b.Property(p => p.Progress).HasMaxLength(1000);
        b.Property(p => p.SelfReport).HasMaxLength(1000);
        b.Property(p => p.Commendation).HasMaxLength(200);
        b.HasOne(p => p.Member).WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OpinionItem>().WithMany().HasForeignKey(p => p.OpinionItemId).OnDelete(DeleteBehavior.Restrict);
        // The month's board and compliance of a place: by community and month, with what the figures count.
        b.HasIndex(p => new { p.CommunityCode, p.Month, p.State, p.MemberId, p.CarriedFromId, p.ProgressAt });
        // "Has this member a pledge this month?" answered from the index alone.
        b.HasIndex(p => new { p.MemberId, p.Month, p.State });
    }
}

public sealed class PledgeStepConfiguration : IEntityTypeConfiguration<PledgeStep>
{
    public void Configure(EntityTypeBuilder<PledgeStep> b)
    {
        b.ToTable("PledgeSteps");
        b.Property(s => s.CommunityCode).HasMaxLength(12);
        b.Property(s => s.By).HasMaxLength(100);
        b.Property(s => s.Action).HasMaxLength(40);
        b.Property(s => s.Note).HasMaxLength(1000);
        b.HasOne(s => s.Pledge).WithMany().HasForeignKey(s => s.PledgeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.PledgeId, s.At });
    }
}

public sealed class PledgeBoardConfiguration : IEntityTypeConfiguration<PledgeBoard>
{
    public void Configure(EntityTypeBuilder<PledgeBoard> b)
    {
        b.ToTable("PledgeBoards");
        b.Property(x => x.CommunityCode).HasMaxLength(12);
        b.HasIndex(x => new { x.CommunityCode, x.Month }).IsUnique();
    }
}
