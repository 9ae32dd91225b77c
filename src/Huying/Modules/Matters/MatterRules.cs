using Huying.Platform.Accounts;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Ratings;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Matters;

/// <summary>What can be done to a matter (the last segment of POST /api/matters/{id}/actions/{action}).</summary>
public enum MatterAction
{
    Accept,
    Start,
    Escalate,
    Reassign,
    Dispatch,
    Report,
    Resolve,
    Verify,
    Rate,
    Reject,
    Merge,
    Reopen,
    Extend,
    RefuseExtension,
    Supervise,
}

/// <summary>Who acts on a matter: their roles, and the unit, person and account they are.</summary>
public sealed record MatterActor(IReadOnlySet<string> Roles, long? UserId, long? UnitId, long? PersonId)
{
    public bool IsAny(params string[] roles) => roles.Any(Roles.Contains);
}

/// <summary>Why an action is refused now: by role (403) or by the matter's state (409).</summary>
public sealed record Refusal(bool ByRole, string Reason)
{
    public Exception ToException() => ByRole ? new NotAllowedException(Reason) : new RuleViolationException(Reason);
}

/// <summary>The rules of DESIGN §3.2 in one place: who may take each action, and in which states. Pages offer what
/// <see cref="Refuses"/> allows, the API answers by it, and the state-changing methods obey the same switch.</summary>
public sealed partial class Matter
{
    // ---- The rules: who may take each action, and in which states. Pages and the API ask these; the methods obey them.

    private static readonly string[] Frontline = [Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary];
    private static readonly string[] Community = [Roles.CommunityStaff, Roles.CommunitySecretary];

    /// <summary>The roles that may ever take each action; anyone else hears 403 before the matter is looked up.</summary>
    public static readonly IReadOnlyDictionary<MatterAction, string[]> RolesFor = new Dictionary<MatterAction, string[]>
    {
        [MatterAction.Accept] = [.. Frontline, Roles.UnitLiaison],
        [MatterAction.Start] = Frontline,
        [MatterAction.Escalate] = Frontline,
        [MatterAction.Reassign] = [Roles.GridLeader, .. Community],
        [MatterAction.Dispatch] = Community,
        [MatterAction.Report] = [Roles.UnitLiaison],
        [MatterAction.Resolve] = [.. Frontline, Roles.UnitLiaison],
        [MatterAction.Verify] = Frontline,
        [MatterAction.Rate] = [Roles.Resident, .. Frontline],
        [MatterAction.Reject] = Community,
        [MatterAction.Merge] = Community,
        [MatterAction.Reopen] = [Roles.GridLeader, .. Community],
        [MatterAction.Extend] = [.. Frontline, Roles.UnitLiaison],
        [MatterAction.RefuseExtension] = [Roles.CommunitySecretary],
        [MatterAction.Supervise] = [.. Community, Roles.TownOfficer, Roles.CountyOfficer],
    };

    /// <summary>Who resolves a matter held at a level: the grid's people, the community's staff, or the unit.</summary>
    public static string[] ResolversAt(HandlerLevel level) => level switch
    {
        HandlerLevel.Unit => [Roles.UnitLiaison],
        HandlerLevel.Community => Community,
        _ => Frontline,
    };

    private const string NotNow = "This action is not allowed in the matter's current state";

    /// <summary>Null when the actor may take the action now; else why not (by role: 403; by state: 409).</summary>
    public Refusal? Refuses(MatterAction action, MatterActor actor)
    {
        if (!RolesFor[action].Any(actor.Roles.Contains))
        {
            return new(true, "Your role cannot take this action");
        }
        if (action == MatterAction.Accept && State == MatterState.Submitted && actor.IsAny(Roles.UnitLiaison) != (Handler == HandlerLevel.Unit))
        {
            return new(true, "Only the matter's current handler can accept it");
        }
        if (action == MatterAction.Resolve && !actor.IsAny(ResolversAt(Handler)))
        {
            return new(true, "Only the matter's current handler can resolve it");
        }
        if (action == MatterAction.Rate && actor.IsAny(Roles.Resident) && !actor.IsAny(Frontline) && (ReporterPersonId is null || ReporterPersonId != actor.PersonId))
        {
            return new(true, "Only the resident who raised it rates a matter");
        }
        if (action == MatterAction.Verify && actor.UserId is { } user && user == ResolvedByUserId)
        {
            return new(true, "Someone other than the one who resolved it verifies it on site");
        }
        if (action == MatterAction.Extend && ExtensionRequestedUntil is not null && !actor.IsAny(Roles.CommunitySecretary) && IsBeingHandled)
        {
            return new(false, "An extension request is already waiting for the secretary");
        }
        return StateRefuses(action) is { } reason ? new(false, reason) : null;
    }

    /// <summary>The one place that says which states allow which action.</summary>
    private string? StateRefuses(MatterAction action) => action switch
    {
        MatterAction.Accept => State == MatterState.Submitted ? null : NotNow,
        MatterAction.Start => State != MatterState.Accepted ? NotNow
            : Handler != HandlerLevel.Grid ? "This matter is handled by the community, not a grid" : null,
        MatterAction.Escalate => State is not (MatterState.Accepted or MatterState.InProgress) ? NotNow
            : Handler != HandlerLevel.Grid ? "This matter is handled by the community, not a grid" : null,
        MatterAction.Reassign => State is MatterState.Submitted or MatterState.Accepted ? null : NotNow,
        MatterAction.Dispatch => State is MatterState.Escalated or MatterState.Dispatched or MatterState.UnitAccepted ? null
            : State != MatterState.Accepted ? NotNow
            : Handler == HandlerLevel.Grid ? "The grid escalates a matter before the community dispatches it" : null,
        MatterAction.Report => State == MatterState.Dispatched ? null : NotNow,
        MatterAction.Resolve => (Handler switch
        {
            HandlerLevel.Grid => State is MatterState.Accepted or MatterState.InProgress,
            HandlerLevel.Community => State is MatterState.Accepted or MatterState.Escalated,
            _ => State == MatterState.UnitAccepted,
        }) ? null : NotNow,
        MatterAction.Verify => State == MatterState.Resolved ? null : NotNow,
        MatterAction.Rate => State is MatterState.Resolved or MatterState.Verified ? null : NotNow,
        MatterAction.Reject => State is MatterState.Submitted or MatterState.Accepted ? null : NotNow,
        MatterAction.Merge => State is MatterState.Submitted or MatterState.Accepted or MatterState.InProgress ? null : NotNow,
        MatterAction.Reopen => State is MatterState.Resolved or MatterState.Verified ? null : NotNow,
        MatterAction.Extend => IsBeingHandled ? null : "Only a matter being handled can be extended",
        MatterAction.RefuseExtension => ExtensionRequestedUntil is null ? "There is no extension request to decide" : null,
        MatterAction.Supervise => IsBeingHandled || State is MatterState.Submitted or MatterState.Resolved ? null : "Only an open matter can be supervised",
        _ => NotNow,
    };
}
