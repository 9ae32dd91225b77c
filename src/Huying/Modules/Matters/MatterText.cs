namespace Huying.Modules.Matters;

/// <summary>English names (keys of the localization dictionary) of states, actions, channels, roles and ratings.</summary>
public static class MatterText
{
    public static string StateName(MatterState s) => s switch
    {
        MatterState.Submitted => "Submitted",
        MatterState.Accepted => "Accepted",
        MatterState.InProgress => "Handled in the grid",
        MatterState.Escalated => "Escalated",
        MatterState.Dispatched => "Dispatched",
        MatterState.UnitAccepted => "Unit reported",
        MatterState.Resolved => "Resolved (to verify)",
        MatterState.Verified => "Verified",
        MatterState.Closed => "Closed",
        MatterState.Rejected => "Not accepted",
        _ => "Merged",
    };

    public static string ActionName(string action) => action switch
    {
        "submit" => "Raised",
        "accept" => "Accept",
        "start" => "Handle in the grid",
        "escalate" => "Escalate (blow the whistle)",
        "reassign" => "Reassign",
        "dispatch" => "Dispatch to a unit",
        "report" => "Report for duty",
        "resolve" => "Resolve",
        "verify" => "Verify on site",
        "rate" => "Rate",
        "reject" => "Reject",
        "merge" => "Merge",
        "reopen" => "Reopen",
        "extend" => "Extension",
        "refuse-extension" => "Refuse extension",
        "supervise" => "Supervision notice",
        "close" => "Closed",
        _ => action,
    };

    public static string RoleName(string role) => role switch
    {
        "Hotline" => "12345 hotline",
        "System" => "System",
        _ => Platform.Accounts.Roles.Name(role),
    };

    public static string ChannelName(MatterChannel c) => c switch
    {
        MatterChannel.Web => "Online",
        MatterChannel.Visit => "Household visit",
        MatterChannel.Phone => "Phone call",
        MatterChannel.Hotline => "12345 hotline",
        MatterChannel.Open311 => "Open311 client",
        _ => "Recorded by staff",
    };

    /// <summary>Bootstrap colour of a state badge.</summary>
    public static string StateColour(MatterState s) => s switch
    {
        MatterState.Submitted => "secondary",
        MatterState.Escalated or MatterState.Dispatched => "warning",
        MatterState.Resolved or MatterState.Verified => "info",
        MatterState.Closed => "success",
        MatterState.Rejected or MatterState.Merged => "dark",
        _ => "primary",
    };

    /// <summary>
    /// The step a matter waits for in its state (accept a new one, start a grid's, resolve one being handled,
    /// dispatch an escalated one, the unit's report, verify, rate), if this reader may take it; else the first
    /// forward step they may take. The page makes it the one primary button.
    /// </summary>
    public static string? NextStep(Matter m, IReadOnlyCollection<string> offered)
    {
        var expected = m.State switch
        {
            MatterState.Submitted => "accept",
            MatterState.Accepted => m.Handler == HandlerLevel.Grid ? "start" : "resolve",
            MatterState.InProgress or MatterState.UnitAccepted => "resolve",
            MatterState.Escalated => "dispatch",
            MatterState.Dispatched => "report",
            MatterState.Resolved => "verify",
            MatterState.Verified => "rate",
            _ => null,
        };
        return expected is not null && offered.Contains(expected) ? expected
            : new[] { "accept", "start", "report", "resolve", "dispatch", "verify" }.FirstOrDefault(offered.Contains);
    }
}
