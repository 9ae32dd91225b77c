using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

public sealed record PostDto(long Id, string Name, int Capacity, string Skills, int Taken);

public sealed record SlotDto(long Id, long At, string Title, DateTime StartsAt, DateTime EndsAt, string Venue, string CommunityCode,
    string? Team, bool WithUnits, IReadOnlyList<PostDto> Posts);

public sealed record ActivityDto(long Id, string CommunityCode, string Title, string Description, string Venue, DateTime StartsAt, DateTime EndsAt,
    string? Recurrence, bool SkipHolidays, long? TeamId, string? Team, string? TargetGroup, int? PeopleExpected, IReadOnlyList<long> UnitIds,
    IReadOnlyList<PostDto> Posts);

public sealed record SignUpDto(long Id, long ActivityId, long PostId, long VolunteerId, long At, DateTime OccurrenceStart, SignUpState State,
    int? Seat, DateTime? CheckedInAt, DateTime? CheckedOutAt, bool NoShow, decimal? Hours, DateTime? HoursConfirmedAt);

public sealed record VolunteerDto(long Id, string CommunityCode, string Name, string? Phone, Affiliation Affiliation, string Skills,
    string? Availability, bool InTalentPool, string? Expertise, string? Platform, string? Employer);

public sealed record TeamDto(long Id, string CommunityCode, string Name, TeamKind Kind, string Focus, string? Organiser, string? Brand,
    long? LeaderId, IReadOnlyList<long> MemberIds, IReadOnlyList<long> UnitIds);

public sealed record OccurrenceDto(long ActivityId, long At, bool Cancelled, string? CancelReason, int? PeopleServed);

public sealed record ScanInput(string? Code, bool? CheckOut);

public sealed record ServiceRecordDto(VolunteerDto Volunteer, decimal ConfirmedHours, IReadOnlyList<RecordLineDto> Lines, IReadOnlyList<CommendationDto> Commendations);

public sealed record CommendationDto(long Id, long VolunteerId, string Title, string AwardedBy, DateOnly AwardedOn, string? Note);

public sealed record RecordLineDto(long SignUpId, long ActivityId, string Activity, string Post, DateTime OccurrenceStart, SignUpState State,
    bool NoShow, decimal? Hours);

public static class VolunteeringApi
{
    public static SlotDto ToDto(this SlotView v) => new(v.Slot.Activity.Id, v.Slot.Key, v.Slot.Activity.Title, v.Slot.StartsAt, v.Slot.EndsAt,
        v.Slot.Activity.Venue, v.Slot.Activity.CommunityCode, v.Slot.Activity.Team?.Name, v.Slot.Activity.Units.Count > 0,
        [.. v.Slot.Activity.Posts.OrderBy(p => p.Id).Select(p => new PostDto(p.Id, p.Name, p.Capacity, p.Skills, v.TakenOf(p.Id)))]);

    public static ActivityDto ToDto(this Activity a) => new(a.Id, a.CommunityCode, a.Title, a.Description, a.Venue, a.StartsAt, a.EndsAt,
        a.Recurrence, a.SkipHolidays, a.TeamId, a.Team?.Name, a.TargetGroup, a.PeopleExpected, [.. a.Units.Select(u => u.PartnerUnitId)],
        [.. a.Posts.OrderBy(p => p.Id).Select(p => new PostDto(p.Id, p.Name, p.Capacity, p.Skills, 0))]);

    public static SignUpDto ToDto(this SignUp s) => new(s.Id, s.ActivityId, s.PostId, s.VolunteerId, Schedule.ToKey(s.OccurrenceStart), s.OccurrenceStart,
        s.State, s.Seat, s.CheckedInAt, s.CheckedOutAt, s.NoShow, s.Hours, s.HoursConfirmedAt);

    public static VolunteerDto ToDto(this Volunteer v) => new(v.Id, v.CommunityCode, v.Name, v.PhoneMasked, v.Affiliation, v.Skills, v.Availability,
        v.InTalentPool, v.Expertise, v.Platform, v.Employer);

    public static TeamDto ToDto(this VolunteerTeam t) => new(t.Id, t.CommunityCode, t.Name, t.Kind, t.Focus, t.Organiser, t.Brand, t.LeaderId,
        [.. t.Members.Select(m => m.VolunteerId)], [.. t.Units.Select(u => u.PartnerUnitId)]);

    public static CommendationDto ToDto(this VolunteerCommendation c) => new(c.Id, c.VolunteerId, c.Title, c.AwardedBy, c.AwardedOn, c.Note);

    /// <summary>A volunteer's whole service record as the API answers it.</summary>
    public static async Task<ServiceRecordDto> RecordOf(this VolunteeringService service, Volunteer v, CancellationToken ct)
    {
        var lines = await service.RecordAsync(v, ct);
        return new ServiceRecordDto(v.ToDto(), lines.Sum(l => l.Place.HoursConfirmedAt is null ? 0 : l.Place.Hours ?? 0),
            [.. lines.Select(l => new RecordLineDto(l.Place.Id, l.Place.ActivityId, l.Activity, l.Post, l.Place.OccurrenceStart, l.Place.State, l.Place.NoShow,
                l.Place.HoursConfirmedAt is null ? null : l.Place.Hours))],
            [.. (await service.CommendationsAsync(v.Id, ct)).Select(c => c.ToDto())]);
    }

    public static OccurrenceDto ToDto(this Occurrence o) => new(o.ActivityId, Schedule.ToKey(o.StartsAt), o.Cancelled, o.CancelReason, o.PeopleServed);

    public static IEndpointRouteBuilder MapVolunteeringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/volunteering").WithTags("Volunteering").RequireAuthorization(Policies.SignedIn);

        group.MapGet("/activities", async Task<Results<Ok<ListOf<SlotDto>>, ValidationProblem>> (string? division, DateOnly? from, DateOnly? to,
            VolunteeringService service, TimeProvider clock, CancellationToken ct) =>
        {
            if (!DivisionFilter.IsCode(division))
            {
                return new FieldErrors().Add("division", "Division code is required").ToProblem();
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (f, t) = from is null && to is null ? (now.AddHours(-12), now.AddDays(60)) : VolunteeringService.Period(from, to, now);
            return TypedResults.Ok(new ListOf<SlotDto>([.. (await service.PublicSlotsAsync(division!, f, t, ct)).Select(v => v.ToDto())]));
        }).WithSummary("Occurrences of the activities under a division in a period (the next 60 days by default), each post with its places taken");

        group.MapGet("/activities/{id:long}", async Task<Results<Ok<ActivityDto>, NotFound<ProblemDetailsBody>>> (long id, VolunteeringService service, CancellationToken ct) =>
            await service.ActivityAsync(id, ct) is { } a ? TypedResults.Ok(a.ToDto()) : ProblemSetup.NotFound())
            .WithSummary("One activity of the caller's scope with its rule, units and posts").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapPost("/activities", async Task<Created<ActivityDto>> (ActivityInput input, VolunteeringService service, CancellationToken ct) =>
        {
            var activity = await service.CreateActivityAsync(input, ct);
            return TypedResults.Created($"/api/volunteering/activities/{activity.Id}", activity.ToDto());
        }).ProducesValidationProblem().WithSummary("A one-off or recurring (RRULE) activity with its posts and co-organising units")
            .RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapCreateFrom<Activity, SignUpInput, SignUpDto>("/activities/{id:long}/signups", (c, id) => c.Service<SignUpService>().PublicActivityAsync(id, c.Ct),
            async (c, activity, body) => (await c.Service<SignUpService>().SignUpAsync(activity, body, c.Ct)).ToDto(),
            s => $"/api/volunteering/signups/{s.Id}", new SignUpInput(null, null, null, null))
            .WithSummary("A place on a post (at: the occurrence, unix seconds; volunteerId: the leader assigns); 409 when full unless waitlist is true");

        group.MapChange<SignUp, EmptyBody, SignUpDto>("/signups/{id:long}/cancel", (c, id) => c.Service<SignUpService>().SignUpOfAsync(id, c.Ct),
            async (c, signUp, _) =>
            {
                await c.Service<SignUpService>().CancelAsync(signUp, c.Ct);
                return signUp.ToDto();
            }, new EmptyBody()).WithSummary("Give a place up; the first on the waiting list takes it");

        group.MapPost("/checkin", async Task<Ok<SignUpDto>> (ScanInput input, SignUpService service, CancellationToken ct) =>
            TypedResults.Ok((await service.ScanAsync(input.Code ?? "", input.CheckOut == true, ct)).ToDto()))
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Check in (or out) with the activity's scanned code, within its time window");

        group.MapChange<Activity, HoursInput, ListOf<SignUpDto>>("/activities/{id:long}/occurrences/{at:long}/hours",
            (c, id) => c.Service<SignUpService>().LedActivityAsync(id, c.Ct),
            async (c, activity, body) => new ListOf<SignUpDto>([.. (await c.Service<SignUpService>()
                .ConfirmAsync(activity, Schedule.FromKey(long.Parse(c.Route("at"), System.Globalization.CultureInfo.InvariantCulture)), body, c.Ct)).Select(s => s.ToDto())]),
            new HoursInput(null, null)).WithSummary("The leader confirms who came (present) and their hours; the others are no-shows");

        group.MapChange<Activity, ServedInput, OccurrenceDto>("/activities/{id:long}/served", (c, id) => c.Service<SignUpService>().LedActivityAsync(id, c.Ct),
            async (c, activity, body) => (await c.Service<SignUpService>().RecordServedAsync(activity, body, c.Ct)).ToDto(), new ServedInput(null, null))
            .WithSummary("People served by one occurrence");

        group.MapChange<Activity, CancelOccurrenceInput, OccurrenceDto>("/activities/{id:long}/cancel-occurrence",
            (c, id) => c.Service<SignUpService>().LedActivityAsync(id, c.Ct),
            async (c, activity, body) => (await c.Service<SignUpService>().CancelOccurrenceAsync(activity, body, c.Ct)).ToDto(), new CancelOccurrenceInput(null, null))
            .WithSummary("Cancel one occurrence (only it); its volunteers are told");

        group.MapGet("/volunteers", async Task<Ok<ListOf<VolunteerDto>>> (string? community, string? q, bool? talent, bool? newEmployment,
            VolunteeringService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<VolunteerDto>([.. (await service.VolunteersAsync(community, q, talent == true, newEmployment == true, 500, ct)).Select(v => v.ToDto())])))
            .WithSummary("Volunteers of the caller's scope; talent=true for the talent pool, by expertise with q").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapPost("/volunteers", async Task<Created<VolunteerDto>> (VolunteerInput input, VolunteeringService service, CancellationToken ct) =>
        {
            var v = await service.RegisterAsync(input, ct);
            return TypedResults.Created($"/api/volunteering/volunteers/{v.Id}", v.ToDto());
        }).ProducesValidationProblem().WithSummary("Register a volunteer (staff)").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapPost("/me", async Task<Created<VolunteerDto>> (VolunteerInput input, VolunteeringService service, CancellationToken ct) =>
        {
            var v = await service.RegisterSelfAsync(input, ct);
            return TypedResults.Created("/api/volunteering/me", v.ToDto());
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Register yourself as a volunteer");

        group.MapGet("/me", async Task<Results<Ok<ServiceRecordDto>, NotFound<ProblemDetailsBody>>> (SignUpService signUps, VolunteeringService service, CancellationToken ct) =>
            await signUps.MeAsync(ct) is { } me ? TypedResults.Ok(await service.RecordOf(me, ct)) : ProblemSetup.NotFound())
            .WithSummary("The caller's own service record: places, confirmed hours, commendations");

        group.MapGet("/volunteers/{id:long}", async Task<Results<Ok<ServiceRecordDto>, NotFound<ProblemDetailsBody>>> (long id, VolunteeringService service, CancellationToken ct) =>
            await service.VolunteerAsync(id, ct) is { } v ? TypedResults.Ok(await service.RecordOf(v, ct)) : ProblemSetup.NotFound())
            .WithSummary("A volunteer's service record, for their organisers").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapCreateFrom<Volunteer, CommendationInput, CommendationDto>("/volunteers/{id:long}/commendations", (c, id) => c.Service<VolunteeringService>().VolunteerAsync(id, c.Ct),
            async (c, v, body) => (await c.Service<VolunteeringService>().CommendAsync(v, body, c.Ct)).ToDto(),
            d => $"/api/volunteering/volunteers/{d.VolunteerId}", new CommendationInput(null, null, null, null))
            .WithSummary("Record a commendation on a volunteer's record").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapChange<Volunteer, EmptyBody, CommendationDto>("/volunteers/{id:long}/commendations/{commendationId:long}", (c, id) => c.Service<VolunteeringService>().VolunteerAsync(id, c.Ct),
            async (c, v, _) => (await c.Service<VolunteeringService>().WithdrawCommendationAsync(v, c.RouteId("commendationId"), c.Ct))?.ToDto(), new EmptyBody(), "DELETE")
            .WithSummary("Withdraw a commendation recorded by mistake").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapGet("/teams", async Task<Ok<ListOf<TeamDto>>> (string? community, VolunteeringService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<TeamDto>([.. (await service.TeamsAsync(community, ct)).Select(t => t.ToDto())])))
            .RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapPost("/teams", async Task<Created<TeamDto>> (TeamInput input, VolunteeringService service, CancellationToken ct) =>
        {
            var t = await service.CreateTeamAsync(input, ct);
            return TypedResults.Created($"/api/volunteering/teams/{t.Id}", t.ToDto());
        }).ProducesValidationProblem().RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapGet("/teams/{id:long}", async Task<Results<Ok<TeamDto>, NotFound<ProblemDetailsBody>>> (long id, VolunteeringService service, CancellationToken ct) =>
            await service.TeamAsync(id, ct) is { } t ? TypedResults.Ok(t.ToDto()) : ProblemSetup.NotFound())
            .WithSummary("A team with its leader, members and partner units").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapChange<VolunteerTeam, MemberInput, TeamDto>("/teams/{id:long}/members", (c, id) => c.Service<VolunteeringService>().TeamAsync(id, c.Ct),
            async (c, t, body) => (await c.Service<VolunteeringService>().AddMemberAsync(t, body, c.Ct)).ToDto(), new MemberInput(null))
            .WithSummary("Add a volunteer to a team (again: nothing changes)").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapChange<VolunteerTeam, EmptyBody, TeamDto>("/teams/{id:long}/members/{volunteerId:long}", (c, id) => c.Service<VolunteeringService>().TeamAsync(id, c.Ct),
            async (c, t, _) => (await c.Service<VolunteeringService>().RemoveMemberAsync(t, c.RouteId("volunteerId"), c.Ct))?.ToDto(), new EmptyBody(), "DELETE")
            .WithSummary("Take a volunteer off a team (not its leader)").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapChange<VolunteerTeam, MemberInput, TeamDto>("/teams/{id:long}/leader", (c, id) => c.Service<VolunteeringService>().TeamAsync(id, c.Ct),
            async (c, t, body) => (await c.Service<VolunteeringService>().SetLeaderAsync(t, body, c.Ct)).ToDto(), new MemberInput(null))
            .WithSummary("Make a member the team's leader").RequireAuthorization(VolunteeringPolicies.Organise);

        group.MapGet("/figures", async Task<Ok<VolunteeringFigures>> (string? division, DateOnly? from, DateOnly? to, VolunteeringService service, CancellationToken ct) =>
            TypedResults.Ok(await service.FiguresAsync(division!, from, to, ct)))
            .RequiresDivisionInScope().ReadsReplica().WithSummary("Activities held (with partner units), volunteers active, confirmed hours, people served").RequireAuthorization(Policies.StaffOrUnit);

        group.MapGet("/figures/rows", async Task<Results<Ok<RowsOf<FigureRow>>, ValidationProblem>> (string? division, DateOnly? from, DateOnly? to, string? groupBy,
            VolunteeringService service, CancellationToken ct) =>
            groupBy is null or "community" or "team" or "unit"
                ? TypedResults.Ok(new RowsOf<FigureRow>(await service.FigureRowsAsync(division!, from, to, groupBy ?? "community", ct)))
                : new FieldErrors().Add("groupBy", "Group by community, team or unit").ToProblem())
            .RequiresDivisionInScope().WithSummary("The figures side by side by community, team or co-organising partner unit").RequireAuthorization(Policies.StaffOrUnit);

        return app;
    }

}
