using Huying.Platform.Accounts;
using Huying.Platform.Web;

namespace Huying.Modules.Deliberation;

/// <summary>One body for every topic action; each action reads the fields it needs.</summary>
public sealed record TopicAction(long? MeetingId = null, string? Reason = null, long? IntoId = null, string? Text = null,
    long? OptionId = null, int? For = null, int? Against = null, int? Abstain = null, long? ParticipantId = null, string? Choice = null,
    string? Decision = null, int? ObjectionDays = null, string? UrgentReason = null, long? TaskId = null, string? Title = null,
    string? Owner = null, DateOnly? DueDate = null, string? Note = null);

/// <summary>
/// The actions on a topic, shared by the API and the topic page: community staff run them, the topic's own rules
/// refuse what its stage does not allow (409).
/// </summary>
public sealed partial class DeliberationService
{
    private string Author => user.Principal?.Identity?.Name ?? "system";

    private IReadOnlyDictionary<string, Func<Topic, TopicAction, CancellationToken, Task>> TopicActions => new Dictionary<string, Func<Topic, TopicAction, CancellationToken, Task>>
    {
        ["agenda"] = (t, b, ct) => PutOnAgendaAsync(t, b.MeetingId ?? 0, Author, ct),
        ["decline"] = (t, b, ct) => DeclineAsync(t, b.Reason, ct),
        ["merge"] = (t, b, ct) => MergeAsync(t, b.IntoId ?? 0, ct),
        ["option"] = (t, b, ct) => AddOptionAsync(t, b.Text, ct),
        ["tally"] = (t, b, ct) => TallyAsync(t, b.OptionId ?? 0, new TallyInput(b.For, b.Against, b.Abstain), ct),
        ["vote"] = (t, b, ct) => VoteAsync(t, b.OptionId ?? 0, b.ParticipantId ?? 0,
            Enum.TryParse<VoteChoice>(b.Choice, true, out var choice) && Enum.IsDefined(choice) ? choice : throw new FieldException("choice", "Vote for, against or abstain"), ct),
        ["decide"] = (t, b, ct) => DecideAsync(t, new DecisionInput(b.OptionId, b.Decision, b.ObjectionDays), Author, ct),
        ["start"] = (t, b, ct) => StartImplementingAsync(t, b.UrgentReason, user.Holds(Policies.CommunitySecretary), Author, ct),
        ["task"] = (t, b, ct) => AddTaskAsync(t, new TaskInput(b.Title, b.Owner, b.DueDate), ct),
        ["task-done"] = (t, b, ct) => CompleteTaskAsync(t, b.TaskId ?? 0, b.Note, Author, ct),
        ["complete"] = (t, _, ct) => CompleteAsync(t, Author, ct),
    };

    /// <summary>agenda, decline, merge, option, tally, vote, decide, start, task, task-done, complete.</summary>
    public Task ActAsync(Topic topic, string? action, TopicAction body, CancellationToken ct)
    {
        user.Require(Policies.CommunityStaff);
        // A form posted without its action (an empty field binds as none) is an unknown action, not a crash.
        return action is not null && TopicActions.TryGetValue(action, out var act) ? act(topic, body, ct) : throw new RuleViolationException("Unknown action");
    }
}
