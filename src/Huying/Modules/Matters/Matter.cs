using Huying.Platform.Accounts;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Ratings;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Huying.Platform.Notifications;

namespace Huying.Modules.Matters;

/// <summary>
/// 事项: what a resident raises, from intake to the resident's rating. The state moves only through these methods;
/// each refuses what is not allowed now (409 with the reason). The KPI facts (accepted on time, resolved on time,
/// rated, reworked …) are kept on the row so that rollups and raw counts read the same columns.
/// </summary>
public sealed partial class Matter : IAudited, ICommunityScoped, IActed, IVersioned, IMatterAddress
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

    public MatterState State { get; private set; } = MatterState.Submitted;
    public HandlerLevel Handler { get; private set; } = HandlerLevel.Grid;
    public long? UnitId { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    /// <summary>Local (county time) month of submission as yyyymm: the period KPIs count it in.</summary>
    public int SubmittedMonth { get; private set; }
    /// <summary>Local (county time) day of submission as yyyymmdd.</summary>
    public int SubmittedDay { get; private set; }
    public DateTime RespondDueAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public DateTime? ResolveDueAt { get; private set; }
    public DateTime? UnitDueAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    /// <summary>Who reported it resolved: someone else verifies it.</summary>
    public long? ResolvedByUserId { get; private set; }
    public DateTime? VerifyDueAt { get; private set; }
    public DateTime? VerifiedAt { get; private set; }
    public DateTime? RateUntil { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    /// <summary>The deadline of the current stage and when its warning (黄牌) begins; null when nobody owes anything.</summary>
    public DateTime? DueAt { get; private set; }
    public DateTime? WarnAt { get; private set; }
    /// <summary>The deadline a handler asked the secretary for (延期申请), while the request waits.</summary>
    public DateTime? ExtensionRequestedUntil { get; private set; }
    public string? RejectReason { get; private set; }
    public long? MergedIntoId { get; private set; }
    public Rating? Rating { get; private set; }
    public string? RatingComment { get; private set; }
    public DateTime? RatedAt { get; private set; }
    public int ReopenCount { get; private set; }
    public int ExtensionCount { get; private set; }
    /// <summary>When anyone last acted on it (every action changes the row, so every action is checked for a race).</summary>
    public DateTime UpdatedAt { get; private set; }

    // KPI facts (DESIGN §3.2), kept by the methods below.
    public bool Counted { get; private set; } = true;
    public bool WasAccepted { get; private set; }
    public bool AcceptedOnTime { get; private set; }
    public bool WasResolved { get; private set; }
    public bool ResolvedOnTime { get; private set; }
    public long HandlingMinutes { get; private set; }
    public bool Rated { get; private set; }
    public bool Satisfied { get; private set; }

    /// <summary>Bumped by the context on every save: of two people acting at once, the second save fails (409).</summary>
    public int Version { get; set; }

    public List<MatterEvent> Events { get; set; } = [];

    /// <summary>Notifications of an intake not yet saved (written with it by the intake writer); not stored here.</summary>
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

    private void Require(MatterAction action, DateTime now)
    {
        if (StateRefuses(action) is { } reason)
        {
            throw new RuleViolationException(reason);
        }
        UpdatedAt = now;
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
    }

    /// <summary>
    /// Starts the respond clock. A module that knows who answers for the place (the heritage centre for a site's
    /// hazard) routes the matter to that partner unit at intake: the unit accepts it and resolves it.
    /// </summary>
    public void Submit(DateTime now, MatterCategory category, WorkCalendar calendar, long? routedToUnitId = null)
    {
        SubmittedAt = now;
        UpdatedAt = now;
        SubmittedMonth = MonthOf(now);
        SubmittedDay = DayOf(now);
        RespondDueAt = calendar.Add(now, category.RespondMinutes, category.WorkingTime);
        UnitId = routedToUnitId;
        Handler = routedToUnitId is not null ? HandlerLevel.Unit : GridId is null ? HandlerLevel.Community : HandlerLevel.Grid;
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
        Require(MatterAction.Accept, now);
        AcceptedAt = now;
        WasAccepted = true;
        AcceptedOnTime = now <= RespondDueAt;
        ResolveDueAt = calendar.Add(now, category.ResolveMinutes, category.WorkingTime);
        // A matter routed to a unit at intake is the unit's from its acceptance on, as if dispatched to it.
        UnitDueAt = Handler == HandlerLevel.Unit ? ResolveDueAt : null;
        State = Handler == HandlerLevel.Unit ? MatterState.UnitAccepted : MatterState.Accepted;
        Due(ResolveDueAt, now);
    }

    /// <summary>Moves a matter not yet being worked to another grid's queue, or to the community queue (history stays in the timeline).</summary>
    public void Reassign(long? gridId, DateTime now)
    {
        Require(MatterAction.Reassign, now);
        if (gridId == GridId)
        {
            throw new RuleViolationException("The matter is already in that queue");
        }
        GridId = gridId;
        Handler = gridId is null ? HandlerLevel.Community : HandlerLevel.Grid;
    }

    /// <summary>The grid handles it itself (网格理事).</summary>
    public void Start(DateTime now)
    {
        Require(MatterAction.Start, now);
        State = MatterState.InProgress;
    }

    /// <summary>吹哨: the grid cannot solve it; the community takes it.</summary>
    public void Escalate(string? reason, DateTime now)
    {
        Require(MatterAction.Escalate, now);
        RequireText(reason, "Give the reason for escalating");
        Handler = HandlerLevel.Community;
        State = MatterState.Escalated;
    }

    /// <summary>派单 to a partner unit with a deadline no later than the resolve deadline (later needs an extension).</summary>
    public void Dispatch(long unitId, DateTime? unitDue, DateTime now)
    {
        Require(MatterAction.Dispatch, now);
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
    public void Report(long? unitId, DateTime now)
    {
        Require(MatterAction.Report, now);
        if (unitId is { } unit && unit != UnitId)
        {
            throw new RuleViolationException("The matter was dispatched to another unit");
        }
        State = MatterState.UnitAccepted;
    }

    public void Resolve(string? note, long? byUserId, DateTime now, MatterCategory category, WorkCalendar calendar)
    {
        Require(MatterAction.Resolve, now);
        RequireText(note, "Say what was done");
        ResolvedAt = now;
        ResolvedByUserId = byUserId;
        WasResolved = true;
        ResolvedOnTime = ResolveDueAt is { } due && now <= due;
        HandlingMinutes = (long)(now - SubmittedAt).TotalMinutes;
        VerifyDueAt = calendar.Add(now, category.VerifyMinutes, category.WorkingTime);
        State = MatterState.Resolved;
        Due(VerifyDueAt, now);
    }

    /// <summary>Someone of the grid or community confirms on site; the resident then has the rating window to rate.</summary>
    public void Verify(DateTime now, TimeSpan ratingWindow)
    {
        Require(MatterAction.Verify, now);
        VerifiedAt = now;
        RateUntil = now + ratingWindow;
        State = MatterState.Verified;
        Due(null, now);
    }

    /// <summary>满意 and 基本满意 close it; 不满意 reopens it to its last handler (返工).</summary>
    public void Rate(Rating rating, string? comment, DateTime now)
    {
        Require(MatterAction.Rate, now);
        Rating = rating;
        RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RatedAt = now;
        Rated = true;
        Satisfied = rating != Platform.Ratings.Rating.Unsatisfied;
        if (rating == Platform.Ratings.Rating.Unsatisfied)
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
        Require(MatterAction.Reopen, now);
        RequireText(reason, "Give the reason for reopening");
        Rework(now);
    }

    private void Rework(DateTime now)
    {
        ReopenCount++;
        VerifiedAt = null;
        RateUntil = null;
        ResolvedByUserId = null;
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
        if (State != MatterState.Verified)
        {
            throw new RuleViolationException(NotNow);
        }
        if (RateUntil is { } until && now < until)
        {
            throw new RuleViolationException("The rating window is still open");
        }
        UpdatedAt = now;
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
        Require(MatterAction.Reject, now);
        RequireText(reason, "Give the reason the resident will see");
        RejectReason = reason!.Trim();
        Counted = false;
        ClosedAt = now;
        State = MatterState.Rejected;
        Due(null, now);
    }

    public void MergeInto(Matter other, DateTime now)
    {
        Require(MatterAction.Merge, now);
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

    /// <summary>A handler asks the secretary for a later resolve deadline (延期申请).</summary>
    public void RequestExtension(DateTime until, string? reason, DateTime now)
    {
        Require(MatterAction.Extend, now);
        if (ExtensionRequestedUntil is not null)
        {
            throw new RuleViolationException("An extension request is already waiting for the secretary");
        }
        if (until <= (ResolveDueAt ?? now))
        {
            throw new RuleViolationException("The new deadline must be later than the current one");
        }
        RequireText(reason, "Give the reason for the extension");
        ExtensionRequestedUntil = until;
    }

    /// <summary>延期 approved by the secretary (the request waiting, or a deadline of their own): the resolve deadline (and the unit's) moves.</summary>
    public void Extend(DateTime? newDue, DateTime now)
    {
        Require(MatterAction.Extend, now);
        var due = newDue ?? ExtensionRequestedUntil ?? throw new RuleViolationException("Give the new deadline");
        if (ResolveDueAt is { } current && due <= current)
        {
            throw new RuleViolationException("The new deadline must be later than the current one");
        }
        ResolveDueAt = due;
        if (Handler == HandlerLevel.Unit)
        {
            UnitDueAt = due;
        }
        ExtensionCount++;
        ExtensionRequestedUntil = null;
        Due(due, now);
    }

    /// <summary>The secretary refuses the extension asked for; the deadline stays.</summary>
    public void RefuseExtension(DateTime now)
    {
        Require(MatterAction.RefuseExtension, now);
        ExtensionRequestedUntil = null;
    }

    /// <summary>督办: a formal chase of the handler, recorded with the matter.</summary>
    public void Supervise(DateTime now) => Require(MatterAction.Supervise, now);
}
