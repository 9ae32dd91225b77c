using System.Security.Claims;
using Huying.Modules.Notices;
using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Deliberation;

public sealed record TopicDto(long Id, string CommunityCode, string TrackingCode, string Title, string Description, string? Place,
    int? PeopleAffected, string Source, string? RaiserName, string? RaiserPhone, string Stage, DateTime RaisedAt, long? MeetingId,
    string? DeclineReason, long? MergedIntoId, long? ChosenOptionId, string? Decision, DateTime? DecidedAt, long? NoticeId,
    DateTime? ObjectionUntil, string? UrgentReason, DateTime? DoneAt, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<OptionDto> Options);

public sealed record TaskDto(long Id, string Title, string Owner, DateOnly DueDate, DateTime? DoneAt, string? Note);

public sealed record OptionDto(long Id, string Text, int For, int Against, int Abstain);

public sealed record MeetingDto(long Id, string CommunityCode, long VenueId, string VenueName, string Title, DateTime ScheduledAt,
    DateTime? HeldAt, string? Minutes, int Invited, int Present, bool HasQuorum, IReadOnlyList<ParticipantDto> Participants);

public sealed record ParticipantDto(long Id, string Name, string Kind, bool Present);

public sealed record VenueDto(long Id, string CommunityCode, string Name, string? Place, int Capacity, int QuorumMinimum, int QuorumPercent);

/// <summary>One body for every topic action; each action reads the fields it needs.</summary>
public sealed record TopicAction(long? MeetingId = null, string? Reason = null, long? IntoId = null, string? Text = null,
    long? OptionId = null, int? For = null, int? Against = null, int? Abstain = null, long? ParticipantId = null, string? Choice = null,
    string? Decision = null, int? ObjectionDays = null, string? UrgentReason = null, long? TaskId = null, string? Title = null,
    string? Owner = null, DateOnly? DueDate = null, string? Note = null);

public sealed record Attendance(List<long>? Present);

public sealed record MinutesInput(string? Minutes);

public static class DeliberationApi
{
    public static async Task<TopicDto> ToDtoAsync(this Topic t, DeliberationService service, CancellationToken ct) =>
        new(t.Id, t.CommunityCode, t.TrackingCode, t.Title, t.Description, t.Place, t.PeopleAffected, t.Source.ToString(),
            t.RaiserName, t.RaiserPhoneMasked, t.Stage.ToString(), t.RaisedAt, t.MeetingId, t.DeclineReason, t.MergedIntoId,
            t.ChosenOptionId, t.Decision, t.DecidedAt, t.NoticeId, t.ObjectionUntil, t.UrgentReason, t.DoneAt,
            [.. t.Tasks.OrderBy(x => x.Id).Select(x => new TaskDto(x.Id, x.Title, x.Owner, x.DueDate, x.DoneAt, x.Note))],
            [.. (await service.OptionsAsync(t.Id, ct)).Select(o => new OptionDto(o.Id, o.Text, o.For, o.Against, o.Abstain))]);

    public static MeetingDto ToDto(this Meeting m) => new(m.Id, m.CommunityCode, m.VenueId, m.Venue?.Name ?? "", m.Title,
        m.ScheduledAt, m.HeldAt, m.Minutes, m.Invited, m.Present, m.HasQuorum,
        [.. m.Participants.OrderBy(p => p.Id).Select(p => new ParticipantDto(p.Id, p.Name, p.Kind.ToString(), p.Present))]);

    public static VenueDto ToDto(this Venue v) => new(v.Id, v.CommunityCode, v.Name, v.Place, v.Capacity, v.QuorumMinimum, v.QuorumPercent);

    /// <summary>Runs one topic action; shared by the API and the topic page.</summary>
    public static async Task RunAsync(this DeliberationService service, Topic topic, string action, TopicAction body, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var author = user.Identity?.Name ?? "?";
        switch (action)
        {
            case "agenda":
                await service.PutOnAgendaAsync(topic, body.MeetingId ?? 0, author, ct);
                break;
            case "decline":
                await service.DeclineAsync(topic, body.Reason, ct);
                break;
            case "merge":
                await service.MergeAsync(topic, body.IntoId ?? 0, ct);
                break;
            case "option":
                await service.AddOptionAsync(topic, body.Text, ct);
                break;
            case "tally":
                await service.TallyAsync(topic, body.OptionId ?? 0, new TallyInput(body.For, body.Against, body.Abstain), ct);
                break;
            case "vote":
                await service.VoteAsync(topic, body.OptionId ?? 0, body.ParticipantId ?? 0,
                    Enum.TryParse<VoteChoice>(body.Choice, true, out var choice) ? choice : throw new RuleViolationException("Vote for, against or abstain"), ct);
                break;
            case "decide":
                await service.DecideAsync(topic, new DecisionInput(body.OptionId, body.Decision, body.ObjectionDays), author, ct);
                break;
            case "start":
                await service.StartImplementingAsync(topic, body.UrgentReason, user.IsInRole(Roles.CommunitySecretary), author, ct);
                break;
            case "task":
                await service.AddTaskAsync(topic, new TaskInput(body.Title, body.Owner, body.DueDate), ct);
                break;
            case "task-done":
                await service.CompleteTaskAsync(topic, body.TaskId ?? 0, body.Note, author, ct);
                break;
            case "complete":
                await service.CompleteAsync(topic, author, ct);
                break;
            default:
                throw new RuleViolationException("Unknown action");
        }
    }

    public static IEndpointRouteBuilder MapDeliberationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deliberation").WithTags("Deliberation").RequireAuthorization(Policies.Staff);

        group.MapGet("/topics", async Task<Ok<ListOf<TopicDto>>> (string? community, string? stage, DeliberationService service, CancellationToken ct) =>
        {
            var topics = await service.TopicsAsync(community, Enum.TryParse<TopicStage>(stage, true, out var s) ? s : null, ct);
            var items = new List<TopicDto>();
            foreach (var t in topics)
            {
                items.Add(await t.ToDtoAsync(service, ct));
            }
            return TypedResults.Ok(new ListOf<TopicDto>(items));
        }).WithSummary("Topics in scope, newest first");

        group.MapGet("/topics/{id:long}", async Task<Results<Ok<TopicDto>, NotFound<ProblemDetailsBody>>> (long id, DeliberationService service, CancellationToken ct) =>
            await service.TopicAsync(id, ct) is { } t ? TypedResults.Ok(await t.ToDtoAsync(service, ct)) : ProblemSetup.NotFound())
            .WithSummary("One topic with its options and follow-up tasks");

        group.MapPost("/topics", async Task<Results<Created<TopicDto>, ValidationProblem>> (TopicInput input, DeliberationService service, CancellationToken ct) =>
        {
            var (errors, topic) = await service.RaiseAsync(input, publicForm: false, ct);
            return topic is null ? errors.ToProblem() : TypedResults.Created($"/api/deliberation/topics/{topic.Id}", await topic.ToDtoAsync(service, ct));
        }).WithSummary("Raise a topic for a representative, the branch, a matter or a need").RequireAuthorization(Policies.CommunityStaff);

        group.MapPost("/topics/{id:long}/actions/{action}", async Task<Results<Ok<TopicDto>, NotFound<ProblemDetailsBody>>> (long id, string action,
            TopicAction body, DeliberationService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var topic = await service.TopicAsync(id, ct);
            if (topic is null)
            {
                return ProblemSetup.NotFound();
            }
            await service.RunAsync(topic, action, body, user, ct);
            return TypedResults.Ok(await topic.ToDtoAsync(service, ct));
        }).WithSummary("agenda, decline, merge, option, tally, vote, decide, start, task, task-done, complete; 409 when not allowed now")
          .RequireAuthorization(Policies.CommunityStaff);

        group.MapGet("/venues", async Task<Ok<ListOf<VenueDto>>> (string? community, DeliberationService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<VenueDto>([.. (await service.VenuesAsync(community, ct)).Select(v => v.ToDto())])));

        group.MapPost("/venues", async Task<Results<Created<VenueDto>, ValidationProblem>> (VenueInput input, DeliberationService service, CancellationToken ct) =>
        {
            var (errors, venue) = await service.CreateVenueAsync(input, ct);
            return venue is null ? errors.ToProblem() : TypedResults.Created($"/api/deliberation/venues/{venue.Id}", venue.ToDto());
        }).RequireAuthorization(Policies.CommunityStaff);

        group.MapGet("/meetings", async Task<Ok<ListOf<MeetingDto>>> (string? community, DeliberationService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<MeetingDto>([.. (await service.MeetingsAsync(community, ct)).Select(m => m.ToDto())])));

        group.MapGet("/meetings/{id:long}", async Task<Results<Ok<MeetingDto>, NotFound<ProblemDetailsBody>>> (long id, DeliberationService service, CancellationToken ct) =>
            await service.MeetingAsync(id, ct) is { } m ? TypedResults.Ok(m.ToDto()) : ProblemSetup.NotFound());

        group.MapPost("/meetings", async Task<Results<Created<MeetingDto>, ValidationProblem>> (MeetingInput input, DeliberationService service, CancellationToken ct) =>
        {
            var (errors, meeting) = await service.ScheduleAsync(input, ct);
            return meeting is null ? errors.ToProblem() : TypedResults.Created($"/api/deliberation/meetings/{meeting.Id}", meeting.ToDto());
        }).WithSummary("Schedule a meeting at a venue with its invited participants").RequireAuthorization(Policies.CommunityStaff);

        group.MapPost("/meetings/{id:long}/attendance", async Task<Results<Ok<MeetingDto>, NotFound<ProblemDetailsBody>>> (long id, Attendance body,
            DeliberationService service, CancellationToken ct) =>
        {
            var meeting = await service.MeetingAsync(id, ct);
            if (meeting is null)
            {
                return ProblemSetup.NotFound();
            }
            await service.SetAttendanceAsync(meeting, body.Present ?? [], ct);
            return TypedResults.Ok(meeting.ToDto());
        }).WithSummary("Take attendance (marks the meeting held)").RequireAuthorization(Policies.CommunityStaff);

        group.MapPost("/meetings/{id:long}/minutes", async Task<Results<Ok<MeetingDto>, NotFound<ProblemDetailsBody>>> (long id, MinutesInput body,
            DeliberationService service, CancellationToken ct) =>
        {
            var meeting = await service.MeetingAsync(id, ct);
            if (meeting is null)
            {
                return ProblemSetup.NotFound();
            }
            await service.SetMinutesAsync(meeting, body.Minutes, ct);
            return TypedResults.Ok(meeting.ToDto());
        }).RequireAuthorization(Policies.CommunityStaff);

        group.MapGet("/figures", async Task<Results<Ok<DeliberationFigures>, ValidationProblem>> (string? division, DateTime? from, DateTime? to,
            DeliberationService service, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(division) || !division.All(char.IsAsciiDigit))
            {
                return new FieldErrors().Add("division", "Division code is required").ToProblem();
            }
            return TypedResults.Ok(await service.FiguresAsync(division, from, to, ct));
        }).WithSummary("Topics raised, decided and implemented, meetings and participation, objections, days to decision");

        return app;
    }
}
