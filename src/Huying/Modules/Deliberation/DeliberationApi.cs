using Huying.Modules.Notices;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Deliberation;

public sealed record TopicDto(long Id, string CommunityCode, string TrackingCode, string Title, string Description, string? Place,
    int? PeopleAffected, TopicSource Source, string? RaiserName, string? RaiserPhone, TopicStage Stage, DateTime RaisedAt, long? MeetingId,
    string? DeclineReason, long? MergedIntoId, long? ChosenOptionId, string? Decision, DateTime? DecidedAt, long? NoticeId,
    DateTime? ObjectionUntil, string? UrgentReason, DateTime? DoneAt, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<OptionDto> Options,
    long? MatterId, long? NeedId);

public sealed record TaskDto(long Id, string Title, string Owner, DateOnly DueDate, DateTime? DoneAt, string? Note);

public sealed record OptionDto(long Id, string Text, int For, int Against, int Abstain);

public sealed record MeetingDto(long Id, string CommunityCode, long VenueId, string VenueName, string Title, DateTime ScheduledAt,
    DateTime? HeldAt, string? Minutes, int Invited, int Present, bool HasQuorum, IReadOnlyList<ParticipantDto> Participants);

public sealed record ParticipantDto(long Id, string Name, ParticipantKind Kind, bool Present);

public sealed record VenueDto(long Id, string CommunityCode, string Name, string? Place, int Capacity, int QuorumMinimum, int QuorumPercent);

public sealed record Attendance(List<long>? Present);

public sealed record MinutesInput(string? Minutes);

public static class DeliberationApi
{
    public static async Task<TopicDto> ToDtoAsync(this Topic t, DeliberationService service, CancellationToken ct) =>
        new(t.Id, t.CommunityCode, t.TrackingCode, t.Title, t.Description, t.Place, t.PeopleAffected, t.Source,
            t.RaiserName, t.RaiserPhoneMasked, t.Stage, t.RaisedAt, t.MeetingId, t.DeclineReason, t.MergedIntoId,
            t.ChosenOptionId, t.Decision, t.DecidedAt, t.NoticeId, t.ObjectionUntil, t.UrgentReason, t.DoneAt,
            [.. t.Tasks.OrderBy(x => x.Id).Select(x => new TaskDto(x.Id, x.Title, x.Owner, x.DueDate, x.DoneAt, x.Note))],
            [.. (await service.OptionsAsync(t.Id, ct)).Select(o => new OptionDto(o.Id, o.Text, o.For, o.Against, o.Abstain))], t.MatterId, t.NeedId);

    public static MeetingDto ToDto(this Meeting m) => new(m.Id, m.CommunityCode, m.VenueId, m.Venue?.Name ?? "", m.Title,
        m.ScheduledAt, m.HeldAt, m.Minutes, m.Invited, m.Present, m.HasQuorum,
        [.. m.Participants.OrderBy(p => p.Id).Select(p => new ParticipantDto(p.Id, p.Name, p.Kind, p.Present))]);

    public static VenueDto ToDto(this Venue v) => new(v.Id, v.CommunityCode, v.Name, v.Place, v.Capacity, v.QuorumMinimum, v.QuorumPercent);

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

        group.MapPost("/topics", async Task<Created<TopicDto>> (TopicInput input, DeliberationService service, CancellationToken ct) =>
        {
            var topic = await service.RaiseAsync(input, publicForm: false, ct);
            return TypedResults.Created($"/api/deliberation/topics/{topic.Id}", await topic.ToDtoAsync(service, ct));
        }).ProducesValidationProblem().WithSummary("Raise a topic for a representative, the branch, a matter or a need").RequireAuthorization(Policies.CommunityStaff);

        group.MapChange<Topic, TopicAction, TopicDto>("/topics/{id:long}/actions/{action}", (c, id) => c.Service<DeliberationService>().TopicAsync(id, c.Ct),
            async (c, topic, body) =>
            {
                var service = c.Service<DeliberationService>();
                await service.ActAsync(topic, c.Route("action"), body, c.Ct);
                return await topic.ToDtoAsync(service, c.Ct);
            }, new TopicAction())
            .WithSummary("agenda, decline, merge, option, tally, vote, decide, start, task, task-done, complete; 409 when not allowed now")
            .RequireAuthorization(Policies.CommunityStaff);

        group.MapGet("/venues", async Task<Ok<ListOf<VenueDto>>> (string? community, DeliberationService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<VenueDto>([.. (await service.VenuesAsync(community, ct)).Select(v => v.ToDto())])));

        group.MapPost("/venues", async Task<Created<VenueDto>> (VenueInput input, DeliberationService service, CancellationToken ct) =>
        {
            var venue = await service.CreateVenueAsync(input, ct);
            return TypedResults.Created($"/api/deliberation/venues/{venue.Id}", venue.ToDto());
        }).ProducesValidationProblem().RequireAuthorization(Policies.CommunityStaff);

        group.MapGet("/meetings", async Task<Ok<ListOf<MeetingDto>>> (string? community, DeliberationService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<MeetingDto>([.. (await service.MeetingsAsync(community, ct)).Select(m => m.ToDto())])));

        group.MapGet("/meetings/{id:long}", async Task<Results<Ok<MeetingDto>, NotFound<ProblemDetailsBody>>> (long id, DeliberationService service, CancellationToken ct) =>
            await service.MeetingAsync(id, ct) is { } m ? TypedResults.Ok(m.ToDto()) : ProblemSetup.NotFound());

        group.MapPost("/meetings", async Task<Created<MeetingDto>> (MeetingInput input, DeliberationService service, CancellationToken ct) =>
        {
            var meeting = await service.ScheduleAsync(input, ct);
            return TypedResults.Created($"/api/deliberation/meetings/{meeting.Id}", (await service.MeetingAsync(meeting.Id, ct))!.ToDto());
        }).ProducesValidationProblem().WithSummary("Schedule a meeting at a venue with its invited participants").RequireAuthorization(Policies.CommunityStaff);

        group.MapChange<Meeting, Attendance, MeetingDto>("/meetings/{id:long}/attendance", (c, id) => c.Service<DeliberationService>().MeetingAsync(id, c.Ct),
            async (c, meeting, body) =>
            {
                await c.Service<DeliberationService>().SetAttendanceAsync(meeting, body.Present ?? [], c.Ct);
                return meeting.ToDto();
            }, new Attendance(null)).WithSummary("Take attendance (marks the meeting held)").RequireAuthorization(Policies.CommunityStaff);

        group.MapChange<Meeting, MinutesInput, MeetingDto>("/meetings/{id:long}/minutes", (c, id) => c.Service<DeliberationService>().MeetingAsync(id, c.Ct),
            async (c, meeting, body) =>
            {
                await c.Service<DeliberationService>().SetMinutesAsync(meeting, body.Minutes, c.Ct);
                return meeting.ToDto();
            }, new MinutesInput(null)).RequireAuthorization(Policies.CommunityStaff);

        group.MapGet("/figures", async Task<Results<Ok<DeliberationFigures>, ValidationProblem>> (string? division, DateTime? from, DateTime? to,
            DeliberationService service, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(division) || !division.All(char.IsAsciiDigit))
            {
                return new FieldErrors().Add("division", "Division code is required").ToProblem();
            }
            return TypedResults.Ok(await service.FiguresAsync(division, from, to, ct));
        }).ReadsReplica().WithSummary("Topics raised, decided and implemented, meetings and participation, objections, days to decision");

        return app;
    }
}
