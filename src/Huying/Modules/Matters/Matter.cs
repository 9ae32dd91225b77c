using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Matters;

public enum MatterState
{
    Submitted = 1,
    Accepted = 2,
    InProgress = 3,
    Escalated = 4,
    Dispatched = 5,
    UnitAccepted = 6,
    Resolved = 7,
    Verified = 8,
    Closed = 9,
    Rejected = 10,
    Merged = 11,
}

public enum MatterChannel
{
    Web = 1,
    Visit = 2,
    Phone = 3,
    Hotline = 4,
    Open311 = 5,
    Staff = 6,
}

/// <summary>Who holds the matter now; a rework returns it to the last of these.</summary>
public enum HandlerLevel
{
    Grid = 1,
    Community = 2,
    Unit = 3,
}

public enum Rating
{
    Satisfied = 1,
    BasicallySatisfied = 2,
    Unsatisfied = 3,
}

/// <summary>
/// 事项: what a resident raises, from intake to the resident's rating. The state moves only through these methods;
/// each refuses what is not allowed now (409 with the reason). The KPI facts (accepted on time, resolved on time,
/// rated, reworked …) are kept on the row so that rollups and raw counts read the same columns.
/// </summary>
public sealed class Matter : IAudited, ICommunityScoped, IActed
{
    public long Id { get; set; }
    public required string TrackingCode { get; set; }
    public required string CommunityCode { get; set; }
    public long? GridId { get; set; }
    public long? BuildingId { get; set; }
    public string? Address { get; set; }
    public required string CategoryCode { get; set; }
    public required string Description { get; set; }
    public MatterChannel Channel { get; set; }
    public string? ReporterName { get; set; }
    public string? ReporterPhoneCipher { get; set; }
    public string? ReporterPhoneHash { get; set; }
    public string? ReporterPhoneMasked { get; set; }
    /// <summary>Set when a signed-in resident raised it: they see it among their own matters.</summary>
    public long? ReporterPersonId { get; set; }
    public string? HotlineOrderNo { get; set; }
    public long? Open311ClientId { get; set; }
    /// <summary>The token an Open311 client was given at intake (GET /open311/v2/tokens/{token}).</summary>
    public string? Open311Token { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Category attributes answered at intake (Open311 attribute[...]), as JSON.</summary>
    public string? AttributesJson { get; set; }

    public MatterState State { get; set; } = MatterState.Submitted;
    public HandlerLevel Handler { get; set; } = HandlerLevel.Grid;
    public long? UnitId { get; set; }
    public DateTime SubmittedAt { get; set; }
    /// <summary>Local (county time) month of submission as yyyymm: the period KPIs count it in.</summary>
    public int SubmittedMonth { get; set; }
    /// <summary>Local (county time) day of submission as yyyymmdd.</summary>
    public int SubmittedDay { get; set; }
    public DateTime RespondDueAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? ResolveDueAt { get; set; }
    public DateTime? UnitDueAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? VerifyDueAt { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public DateTime? RateUntil { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>The deadline of the current stage and when its warning (黄牌) begins; null when nobody owes anything.</summary>
    public DateTime? DueAt { get; set; }
    public DateTime? WarnAt { get; set; }
    /// <summary>When the deadline sweep next owes this matter a notice (the warning, the 督办, the escalation); null when none.</summary>
    public DateTime? NextNoticeAt { get; set; }
    public string? RejectReason { get; set; }
    public long? MergedIntoId { get; set; }
    public Rating? Rating { get; set; }
    public string? RatingComment { get; set; }
    public DateTime? RatedAt { get; set; }
    public int ReopenCount { get; set; }
    public int ExtensionCount { get; set; }

    // KPI facts (DESIGN §3.2), kept by the methods below.
    public bool Counted { get; set; } = true;
    public bool WasAccepted { get; set; }
    public bool AcceptedOnTime { get; set; }
    public bool WasResolved { get; set; }
    public bool ResolvedOnTime { get; set; }
    public long HandlingMinutes { get; set; }
    public bool Rated { get; set; }
    public bool Satisfied { get; set; }

    /// <summary>Bumped by every transition: of two people acting at once, the second save fails (409).</summary>
    public int Version { get; set; }

    public List<MatterEvent> Events { get; set; } = [];

    /// <summary>Notifications written with this matter (the outbox); not loaded for reading.</summary>
    public List<Notification> Outbox { get; set; } = [];

    /// <summary>Who submitted it, for the audit line of a batched intake (not stored).</summary>
    public Actor? ActedBy { get; set; }

    public static readonly MatterState[] OpenStates =
        [MatterState.Submitted, MatterState.Accepted, MatterState.InProgress, MatterState.Escalated, MatterState.Dispatched,
         MatterState.UnitAccepted, MatterState.Resolved, MatterState.Verified];

    public bool IsOpen => OpenStates.Contains(State);

    /// <summary>States in which the handler still owes the resolution.</summary>
    public bool IsBeingHandled => State is MatterState.Accepted or MatterState.InProgress or MatterState.Escalated
        or MatterState.Dispatched or MatterState.UnitAccepted;

    private void Require(params MatterState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new RuleViolationException("This action is not allowed in the matter's current state");
        }
    }

    private static void RequireText(string? text, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RuleViolationException(message);
        }
    }

    private void Due(DateTime? due, DateTime from)
    {
        DueAt = due;
        WarnAt = due is { } d ? d - TimeSpan.FromTicks((d - from).Ticks / 5) : null;
        NextNoticeAt = WarnAt;
    }

    public void Submit(DateTime now, MatterCategory category, WorkCalendar calendar)
    {
        SubmittedAt = now;
        SubmittedMonth = MonthOf(now);
        SubmittedDay = DayOf(now);
        RespondDueAt = calendar.Add(now, category.RespondMinutes, category.WorkingTime);
        Handler = GridId is null ? HandlerLevel.Community : HandlerLevel.Grid;
        Due(RespondDueAt, now);
    }

    public static int MonthOf(DateTime utc)
    {
        var local = Display.Local(utc);
        return local.Year * 100 + local.Month;
    }

    public static int DayOf(DateTime utc)
    {
        var local = Display.Local(utc);
        return (local.Year * 100 + local.Month) * 100 + local.Day;
    }

    public void Accept(DateTime now, MatterCategory category, WorkCalendar calendar)
    {
        Require(MatterState.Submitted);
        AcceptedAt = now;
        WasAccepted = true;
        AcceptedOnTime = now <= RespondDueAt;
        ResolveDueAt = calendar.Add(now, category.ResolveMinutes, category.WorkingTime);
        State = MatterState.Accepted;
        Due(ResolveDueAt, now);
    }

    /// <summary>Moves a matter not yet being worked to another grid's queue, or to the community queue (history stays in the timeline).</summary>
    public void Reassign(long? gridId)
    {
        Require(MatterState.Submitted, MatterState.Accepted);
        if (gridId == GridId)
        {
            throw new RuleViolationException("The matter is already in that queue");
        }
        GridId = gridId;
        Handler = gridId is null ? HandlerLevel.Community : HandlerLevel.Grid;
    }

    /// <summary>The grid handles it itself (网格理事).</summary>
    public void Start()
    {
        Require(MatterState.Accepted);
        if (Handler != HandlerLevel.Grid)
        {
            throw new RuleViolationException("This matter is handled by the community, not a grid");
        }
        State = MatterState.InProgress;
    }

    /// <summary>吹哨: the grid cannot solve it; the community takes it.</summary>
    public void Escalate(string? reason)
    {
        Require(MatterState.Accepted, MatterState.InProgress);
        RequireText(reason, "Give the reason for escalating");
        Handler = HandlerLevel.Community;
        State = MatterState.Escalated;
    }

    /// <summary>派单 to a partner unit with a deadline no later than the resolve deadline (later needs an extension).</summary>
    public void Dispatch(long unitId, DateTime? unitDue, DateTime now)
    {
        Require(MatterState.Accepted, MatterState.Escalated, MatterState.Dispatched, MatterState.UnitAccepted);
        if (State == MatterState.Accepted && Handler == HandlerLevel.Grid)
        {
            throw new RuleViolationException("The grid escalates a matter before the community dispatches it");
        }
        var due = unitDue ?? ResolveDueAt ?? now;
        if (due <= now)
        {
            throw new RuleViolationException("The unit's deadline must be in the future");
        }
        if (ResolveDueAt is { } resolveDue && due > resolveDue)
        {
            throw new RuleViolationException("The unit's deadline is after the matter's resolve deadline; request an extension first");
        }
        UnitId = unitId;
        UnitDueAt = due;
        Handler = HandlerLevel.Unit;
        State = MatterState.Dispatched;
        Due(due, now);
    }

    /// <summary>报到: the unit acknowledges the dispatch.</summary>
    public void Report(long? unitId)
    {
        Require(MatterState.Dispatched);
        if (unitId is { } unit && unit != UnitId)
        {
            throw new RuleViolationException("The matter was dispatched to another unit");
        }
        State = MatterState.UnitAccepted;
    }

    public void Resolve(string? note, DateTime now, MatterCategory category, WorkCalendar calendar)
    {
        var allowed = Handler switch
        {
            HandlerLevel.Grid => new[] { MatterState.Accepted, MatterState.InProgress },
            HandlerLevel.Community => [MatterState.Accepted, MatterState.Escalated],
            _ => [MatterState.UnitAccepted],
        };
        Require(allowed);
        RequireText(note, "Say what was done");
        ResolvedAt = now;
        WasResolved = true;
        ResolvedOnTime = ResolveDueAt is { } due && now <= due;
        HandlingMinutes = (long)(now - SubmittedAt).TotalMinutes;
        VerifyDueAt = calendar.Add(now, category.VerifyMinutes, category.WorkingTime);
        State = MatterState.Resolved;
        Due(VerifyDueAt, now);
    }

    /// <summary>The grid worker confirms on site; the resident then has the rating window to rate.</summary>
    public void Verify(DateTime now, TimeSpan ratingWindow)
    {
        Require(MatterState.Resolved);
        VerifiedAt = now;
        RateUntil = now + ratingWindow;
        State = MatterState.Verified;
        Due(null, now);
    }

    /// <summary>满意 and 基本满意 close it; 不满意 reopens it to its last handler (返工).</summary>
    public void Rate(Rating rating, string? comment, DateTime now)
    {
        Require(MatterState.Resolved, MatterState.Verified);
        Rating = rating;
        RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RatedAt = now;
        Rated = true;
        Satisfied = rating != Matters.Rating.Unsatisfied;
        if (rating == Matters.Rating.Unsatisfied)
        {
            Rework(now);
        }
        else
        {
            Close(now);
        }
    }

    /// <summary>Staff reopen a resolved matter (e.g. the on-site check failed).</summary>
    public void Reopen(string? reason, DateTime now)
    {
        Require(MatterState.Resolved, MatterState.Verified);
        RequireText(reason, "Give the reason for reopening");
        Rework(now);
    }

    private void Rework(DateTime now)
    {
        ReopenCount++;
        VerifiedAt = null;
        RateUntil = null;
        State = Handler switch
        {
            HandlerLevel.Grid => MatterState.InProgress,
            HandlerLevel.Community => MatterState.Escalated,
            _ => MatterState.UnitAccepted,
        };
        // The handler owes the resolution again, by the same (possibly extended) deadline.
        Due(Handler == HandlerLevel.Unit ? UnitDueAt : ResolveDueAt, now);
    }

    /// <summary>The rating window passed without a rating.</summary>
    public void CloseUnrated(DateTime now)
    {
        Require(MatterState.Verified);
        if (RateUntil is { } until && now < until)
        {
            throw new RuleViolationException("The rating window is still open");
        }
        Close(now);
    }

    private void Close(DateTime now)
    {
        ClosedAt = now;
        State = MatterState.Closed;
        Due(null, now);
    }

    public void Reject(string? reason, DateTime now)
    {
        Require(MatterState.Submitted, MatterState.Accepted);
        RequireText(reason, "Give the reason the resident will see");
        RejectReason = reason!.Trim();
        Counted = false;
        ClosedAt = now;
        State = MatterState.Rejected;
        Due(null, now);
    }

    public void MergeInto(Matter other, DateTime now)
    {
        Require(MatterState.Submitted, MatterState.Accepted, MatterState.InProgress);
        if (other.Id == Id || !other.IsOpen || other.CommunityCode != CommunityCode)
        {
            throw new RuleViolationException("A matter merges into another open matter of the same community");
        }
        MergedIntoId = other.Id;
        Counted = false;
        ClosedAt = now;
        State = MatterState.Merged;
        Due(null, now);
    }

    /// <summary>延期 approved by the secretary: the resolve deadline (and the unit's) moves.</summary>
    public void Extend(DateTime newDue, DateTime now)
    {
        RequireExtendable();
        if (ResolveDueAt is { } current && newDue <= current)
        {
            throw new RuleViolationException("The new deadline must be later than the current one");
        }
        ResolveDueAt = newDue;
        if (Handler == HandlerLevel.Unit)
        {
            UnitDueAt = newDue;
        }
        ExtensionCount++;
        Due(newDue, now);
    }

    public void RequireExtendable()
    {
        if (!IsBeingHandled)
        {
            throw new RuleViolationException("Only a matter being handled can be extended");
        }
    }
}

/// <summary>One step of a matter's timeline: who (by role and unit), when, from which state to which, note, files.</summary>
public sealed class MatterEvent
{
    public long Id { get; set; }
    public long MatterId { get; set; }
    public DateTime At { get; set; }
    public required string Action { get; set; }
    public MatterState? FromState { get; set; }
    public MatterState ToState { get; set; }
    public long? ActorUserId { get; set; }
    /// <summary>The role acted in (GridWorker, UnitLiaison, Resident, System …): what the public timeline shows.</summary>
    public required string ActorRole { get; set; }
    public string? ActorUnit { get; set; }
    public string? Note { get; set; }
    /// <summary>Internal notes (e.g. a refused extension's reasoning) are shown to staff only.</summary>
    public bool Internal { get; set; }
}

public sealed class MatterConfiguration : IEntityTypeConfiguration<Matter>
{
    public void Configure(EntityTypeBuilder<Matter> b)
    {
        b.ToTable("Matters");
        b.Property(m => m.TrackingCode).HasMaxLength(16);
        b.Property(m => m.CommunityCode).HasMaxLength(12);
        b.Property(m => m.Address).HasMaxLength(200);
        b.Property(m => m.CategoryCode).HasMaxLength(40);
        b.Property(m => m.Description).HasMaxLength(2000);
        b.Property(m => m.ReporterName).HasMaxLength(50);
        b.Property(m => m.ReporterPhoneCipher).HasMaxLength(400);
        b.Property(m => m.ReporterPhoneHash).HasMaxLength(64);
        b.Property(m => m.ReporterPhoneMasked).HasMaxLength(20);
        b.Property(m => m.HotlineOrderNo).HasMaxLength(40);
        b.Property(m => m.AttributesJson).HasMaxLength(4000);
        b.Property(m => m.RejectReason).HasMaxLength(1000);
        b.Property(m => m.RatingComment).HasMaxLength(1000);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Ignore(m => m.ActedBy);
        b.HasIndex(m => m.TrackingCode).IsUnique();
        b.Property(m => m.Open311Token).HasMaxLength(40);
        b.HasIndex(m => m.HotlineOrderNo).IsUnique().HasFilter("\"HotlineOrderNo\" IS NOT NULL");
        b.HasIndex(m => m.Open311Token).IsUnique().HasFilter("\"Open311Token\" IS NOT NULL");
        // A grid worker's queue, a community's queue, a unit's inbox, the deadline sweep and KPI edges.
        b.HasIndex(m => new { m.GridId, m.State, m.DueAt });
        b.HasIndex(m => new { m.CommunityCode, m.State, m.DueAt });
        b.HasIndex(m => new { m.UnitId, m.State }).HasFilter("\"UnitId\" IS NOT NULL");
        // The deadline sweep reads only the matters it owes a notice now.
        b.HasIndex(m => new { m.NextNoticeAt, m.Id }).HasFilter("\"NextNoticeAt\" IS NOT NULL");
        b.HasIndex(m => new { m.CommunityCode, m.SubmittedAt });
        b.HasMany(m => m.Events).WithOne().HasForeignKey(e => e.MatterId);
        b.HasMany(m => m.Outbox).WithOne().HasForeignKey(n => n.MatterId);
    }
}

public sealed class MatterEventConfiguration : IEntityTypeConfiguration<MatterEvent>
{
    public void Configure(EntityTypeBuilder<MatterEvent> b)
    {
        b.ToTable("MatterEvents");
        b.Property(e => e.Action).HasMaxLength(30);
        b.Property(e => e.ActorRole).HasMaxLength(30);
        b.Property(e => e.ActorUnit).HasMaxLength(200);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.HasIndex(e => new { e.MatterId, e.Id });
    }
}
