using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects;

public sealed record NeedDto(long Id, string CommunityCode, string CategoryCode, string Title, string? Description, long? BuildingId, string? Place,
    int PeopleAffected, NeedSource Source, NeedStatus Status, string? DropReason, IReadOnlyList<long> MatterIds, IReadOnlyList<long> OfferedTo,
    DateTime CreatedAt, DateTime? AdoptedAt, DateTime? MetAt);

public sealed record MilestoneDto(long Id, long UnitId, string Title, DateOnly DueOn, DateOnly? DoneOn, MilestoneMark Mark, decimal? Budget, int? Workers, string? Materials);

public sealed record UpdateDto(long Id, long? UnitId, long? MilestoneId, string Text, string ByName, DateTime At, IReadOnlyList<long> PhotoIds);

public sealed record CommendationDto(long Id, long? UnitId, CommendationKind Kind, string From, string Words, DateOnly ReceivedOn);

public sealed record ProjectDto(long Id, string CommunityCode, string Title, string? Description, string? Place, long? MeetingId, ProjectStatus Status,
    int Progress, bool Late, DateOnly StartOn, DateOnly? PlannedEndOn, DateOnly? CompletedOn, bool? OnTime, string? AcceptedWith, string? AcceptanceNote,
    string? SentBackReason, long? NoticeId, int RatingCount, int SatisfiedCount, IReadOnlyList<long> UnitIds, IReadOnlyList<long> NeedIds,
    IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<UpdateDto> Updates, IReadOnlyList<CommendationDto> Commendations);

public sealed record AgreementDto(long Id, string CommunityCode, long UnitId, string Unit, DateOnly SignedOn, DateOnly StartsOn, DateOnly EndsOn,
    string Commitments, long? RenewsId, bool InForce, long? ScanId);

public sealed record AttendeeDto(long Id, string Name, AttendeeRole Role, long? UnitId, bool Present);

public sealed record JointMeetingDto(long Id, string CommunityCode, string Title, DateTime HeldAt, string? Venue, IReadOnlyList<long> AgendaNeedIds,
    string? Minutes, IReadOnlyList<AttendeeDto> Attendees, IReadOnlyList<long> ProjectIds);

public sealed record OfferInput(List<long>? UnitIds);
public sealed record ReasonInput(string? Reason);
public sealed record DoneInput(DateOnly? DoneOn);
public sealed record MeetingRecordInput(List<long>? Present, string? Minutes, List<string>? Guests);
public sealed record MemberInput(string? CommunityCode, long? UnitId, string? Name, string? Phone);
public sealed record TaskInput(string? CommunityCode, string? Title, string? Kind, long? NeedId, long? ProjectId, DateOnly? On, string? Place, int? Places);
public sealed record ServiceInput(decimal? Hours, DateOnly? ServedOn, string? Note);
public sealed record SummaryBody(IReadOnlyList<SummaryRowDto> Rows);

public sealed record SummaryRowDto(long ProjectId, string CommunityCode, string Community, IReadOnlyList<string> Needs, string Project, IReadOnlyList<string> Units,
    int MilestonesDone, int Milestones, int Progress, ProjectStatus Status, string StatusName, bool Late, DateOnly StartOn, DateOnly? PlannedEndOn, DateOnly? CompletedOn);

public static class ProjectsApi
{
    public static NeedDto ToDto(this Need n) => new(n.Id, n.CommunityCode, n.CategoryCode, n.Title, n.Description, n.BuildingId, n.Place,
        n.PeopleAffected, n.Source, n.Status, n.DropReason, n.MatterIds, [.. n.Offers.Select(o => o.PartnerUnitId)], n.CreatedAt, n.AdoptedAt, n.MetAt);

    public static SummaryRowDto ToDto(this SummaryRow r) => new(r.ProjectId, r.CommunityCode, r.CommunityName, r.Needs, r.Project, r.Units,
        r.MilestonesDone, r.Milestones, r.Progress, r.Status, DictionaryLocalizer.Translate(ProjectSummary.StatusName(r.Status)), r.Late,
        r.StartOn, r.PlannedEndOn, r.CompletedOn);

    public static async Task<ProjectDto> ToDtoAsync(this Project p, HuyingDbContext db, ProjectsService service, CancellationToken ct)
    {
        var calendar = (await service.CalendarAsync(ct));
        var today = service.Today;
        var milestones = await service.MilestonesAsync(p.Id, ct);
        var updates = await db.ProgressUpdates.AsNoTracking().Where(u => u.ProjectId == p.Id).OrderByDescending(u => u.At).ThenByDescending(u => u.Id).ToListAsync(ct);
        var updateIds = updates.Select(u => u.Id).ToList();
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(ProgressUpdate) && updateIds.Contains(a.OwnerId))
            .Select(a => new { a.Id, a.OwnerId }).ToListAsync(ct);
        var commendations = await db.Commendations.AsNoTracking().Where(c => c.ProjectId == p.Id).OrderBy(c => c.ReceivedOn).ToListAsync(ct);
        return new ProjectDto(p.Id, p.CommunityCode, p.Title, p.Description, p.Place, p.MeetingId, p.Status, p.Progress, p.IsLate(today),
            p.StartOn, p.PlannedEndOn, p.CompletedOn, p.OnTime, p.AcceptedWith, p.AcceptanceNote, p.SentBackReason, p.NoticeId, p.RatingCount, p.SatisfiedCount,
            [.. p.Units.Select(u => u.PartnerUnitId)], [.. p.Needs.Select(n => n.NeedId)],
            [.. milestones.Select(m => new MilestoneDto(m.Id, m.PartnerUnitId, m.Title, m.DueOn, m.DoneOn, m.Mark(today, calendar), m.Budget, m.Workers, m.Materials))],
            [.. updates.Select(u => new UpdateDto(u.Id, u.PartnerUnitId, u.MilestoneId, u.Text, u.ByName, u.At, [.. photos.Where(x => x.OwnerId == u.Id).Select(x => x.Id)]))],
            [.. commendations.Select(c => new CommendationDto(c.Id, c.PartnerUnitId, c.Kind, c.From, c.Words, c.ReceivedOn))]);
    }

    public static async Task<List<AgreementDto>> AgreementsAsync(HuyingDbContext db, string? community, DateOnly today, CancellationToken ct)
    {
        var agreements = await db.Agreements.AsNoTracking().Where(a => community == null || a.CommunityCode == community).ToListAsync(ct);
        // Unit names in a query of their own: ignoring filters in a join would lift them from the agreements too.
        var unitIds = agreements.Select(a => a.PartnerUnitId).Distinct().ToList();
        var names = await db.PartnerUnits.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = agreements.Select(a => new { a, Name = names[a.PartnerUnitId] })
            .OrderBy(x => x.a.CommunityCode).ThenBy(x => x.Name, StringComparer.Ordinal).ThenByDescending(x => x.a.StartsOn).ToList();
        var ids = rows.Select(r => r.a.Id).ToList();
        var scans = await db.Attachments.AsNoTracking().Where(x => x.OwnerType == nameof(PartnershipAgreement) && ids.Contains(x.OwnerId))
            .ToDictionaryAsync(x => x.OwnerId, x => x.Id, ct);
        return [.. rows.Select(r => new AgreementDto(r.a.Id, r.a.CommunityCode, r.a.PartnerUnitId, r.Name, r.a.SignedOn, r.a.StartsOn, r.a.EndsOn,
            r.a.Commitments, r.a.RenewsId, r.a.InForceOn(today), scans.TryGetValue(r.a.Id, out var scan) ? scan : null))];
    }

    public static async Task<JointMeetingDto> ToDtoAsync(this JointMeeting m, HuyingDbContext db, CancellationToken ct) =>
        (await ToDtosAsync([m], db, ct))[0];

    /// <summary>Meetings with the projects each decided, read in one query for all of them.</summary>
    public static async Task<List<JointMeetingDto>> ToDtosAsync(IReadOnlyList<JointMeeting> meetings, HuyingDbContext db, CancellationToken ct)
    {
        var ids = meetings.Select(m => m.Id).ToList();
        var decided = (await db.Projects.AsNoTracking().Where(p => p.MeetingId != null && ids.Contains(p.MeetingId.Value)).OrderBy(p => p.Id)
            .Select(p => new { MeetingId = p.MeetingId!.Value, p.Id }).ToListAsync(ct)).ToLookup(p => p.MeetingId, p => p.Id);
        return [.. meetings.Select(m => new JointMeetingDto(m.Id, m.CommunityCode, m.Title, m.HeldAt, m.Venue, m.AgendaNeedIds, m.Minutes,
            [.. m.Attendees.OrderBy(a => a.Role).ThenBy(a => a.Id).Select(a => new AttendeeDto(a.Id, a.Name, a.Role, a.PartnerUnitId, a.Present))],
            [.. decided[m.Id]]))];
    }

    /// <summary>What a change's code needs from the request.</summary>
    private sealed record Call(ProjectsService Service, HuyingDbContext Db, ClaimsPrincipal User, HttpContext Http, CancellationToken Ct)
    {
        public long RouteId(string name) => long.Parse((string)Http.GetRouteValue(name)!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A change of one record: loaded in the caller's scope (404 otherwise), changed, answered as it now is; an act
    /// answering null means a sub-record of the route was not found (404).
    /// </summary>
    private static RouteHandlerBuilder Change<TRecord, TBody, TDto>(RouteGroupBuilder group, string pattern, Func<Call, long, Task<TRecord?>> load,
        Func<Call, TRecord, TBody, Task<TDto?>> act, string method = "POST") where TRecord : class where TBody : notnull where TDto : class =>
        group.MapMethods(pattern, [method], async Task<Results<Ok<TDto>, NotFound<ProblemDetailsBody>>> (long id, TBody body, ProjectsService service,
            HuyingDbContext db, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        {
            var call = new Call(service, db, user, http, ct);
            return await load(call, id) is { } record && await act(call, record, body) is { } answer ? TypedResults.Ok(answer) : ProblemSetup.NotFound();
        });

    public static void MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization(Policies.StaffOrUnit);
        var write = Policies.CommunityStaff;

        group.MapGet("/summary", async Task<Ok<SummaryBody>> ([AsParameters] SummaryQuery q, ProjectSummary summary, CancellationToken ct) =>
            TypedResults.Ok(new SummaryBody([.. (await summary.RowsAsync(q.Filter, null, ct)).Rows.Select(r => r.ToDto())])))
            .WithSummary("项目清单汇总表: need → project → unit → milestones → progress → status → completion, filterable by community, unit, status (or late) and period");

        group.MapGet("/summary.xlsx", async Task<EmptyHttpResult> ([AsParameters] SummaryQuery q, ProjectSummary summary, HttpContext http, CancellationToken ct) =>
        {
            var (rows, _) = await summary.RowsAsync(q.Filter, null, ct);
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"project-summary.xlsx\"; filename*=UTF-8''" + Uri.EscapeDataString(DictionaryLocalizer.Translate("Project summary") + ".xlsx");
            // MiniExcel needs a seekable stream to write a zip; the file is buffered, then sent.
            using var buffer = new MemoryStream();
            await ProjectSummary.WriteXlsxAsync(buffer, rows, ct);
            buffer.Position = 0;
            await buffer.CopyToAsync(http.Response.Body, ct);
            return TypedResults.Empty;
        }).WithSummary("The summary table as .xlsx");

        group.MapGet("/agreements", async Task<Ok<ListOf<AgreementDto>>> (string? community, HuyingDbContext db, ProjectsService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<AgreementDto>(await AgreementsAsync(db, community, service.Today, ct))))
            .WithSummary("共驻共建协议 of a community (a unit sees its own), with whether each is in force today");

        group.MapPost("/agreements", async Task<Results<Created<AgreementDto>, ValidationProblem>> (AgreementInput input, ProjectsService service, HuyingDbContext db, CancellationToken ct) =>
        {
            var (errors, agreement) = await service.SignAsync(input, null, ct);
            if (agreement is null)
            {
                return errors.ToProblem();
            }
            var dto = (await AgreementsAsync(db, agreement.CommunityCode, service.Today, ct)).First(a => a.Id == agreement.Id);
            return TypedResults.Created($"/api/projects/agreements/{agreement.Id}", dto);
        }).RequireAuthorization(write).WithSummary("Record a signed agreement, or renew one (renewsId)");

        group.MapGet("/figures", async Task<Ok<Figures>> (string? community, DateOnly? from, DateOnly? to, ProjectFigures figures, ProjectsService service, CancellationToken ct) =>
        {
            var today = service.Today;
            return TypedResults.Ok(await figures.ComputeAsync(community, from ?? new DateOnly(today.Year, 1, 1), to ?? today, ct));
        }).WithSummary("Needs raised/adopted/met, projects by status and on-time rate, units engaged, agreements, in-service members and hours, commendations");

        group.MapGet("/needs", async Task<Ok<ListOf<NeedDto>>> (string? community, string? status, ProjectsService projects, CancellationToken ct) =>
        {
            NeedStatus? s = Enum.TryParse<NeedStatus>(status, true, out var parsed) ? parsed : null;
            var needs = await projects.NeedsAsync(community, s, ct);
            return TypedResults.Ok(new ListOf<NeedDto>([.. needs.Select(n => n.ToDto())]));
        });

        group.MapGet("/needs/suggestions", async Task<Ok<ListOf<NeedSuggestion>>> (string? community, ProjectsService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<NeedSuggestion>(await service.SuggestionsAsync(community, ct))))
            .RequireAuthorization(write).WithSummary("Places where one kind of matter came back 3+ times within 90 days and no need covers it yet");

        group.MapGet("/needs/{id:long}", async Task<Results<Ok<NeedDto>, NotFound<ProblemDetailsBody>>> (long id, ProjectsService service, CancellationToken ct) =>
            await service.NeedAsync(id, ct) is { } n ? TypedResults.Ok(n.ToDto()) : ProblemSetup.NotFound());

        group.MapPost("/needs", async Task<Results<Created<NeedDto>, ValidationProblem>> (NeedInput input, ProjectsService service, CancellationToken ct) =>
        {
            var (errors, need) = await service.CreateNeedAsync(input, ct);
            return need is null ? errors.ToProblem() : TypedResults.Created($"/api/projects/needs/{need.Id}", need.ToDto());
        }).RequireAuthorization(write);

        Change<Need, OfferInput, NeedDto>(group, "/needs/{id:long}/offer", (c, id) => c.Service.NeedAsync(id, c.Ct), async (c, need, body) =>
        {
            await c.Service.OfferAsync(need, body.UnitIds ?? [], c.Ct);
            return need.ToDto();
        }).RequireAuthorization(write).WithSummary("Offer a need to partner units of its community");

        Change<Need, ReasonInput, NeedDto>(group, "/needs/{id:long}/drop", (c, id) => c.Service.NeedAsync(id, c.Ct), async (c, need, body) =>
        {
            await c.Service.DropNeedAsync(need, body.Reason, c.Ct);
            return need.ToDto();
        }).RequireAuthorization(write);

        group.MapPost("/needs/{id:long}/adopt", async Task<Results<Created<ProjectDto>, NotFound<ProblemDetailsBody>>> (long id, ProjectsService service,
            HuyingDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (await service.NeedAsync(id, ct) is not { } need)
            {
                return ProblemSetup.NotFound();
            }
            var project = await service.AdoptAsync(need, user, ct);
            return TypedResults.Created($"/api/projects/{project.Id}", await project.ToDtoAsync(db, service, ct));
        }).WithSummary("A unit liaison adopts a need offered to the unit: a project of the unit");

        group.MapPost("/meetings", async Task<Results<Created<JointMeetingDto>, ValidationProblem>> (MeetingInput input, ProjectsService service, HuyingDbContext db, CancellationToken ct) =>
        {
            var (errors, meeting) = await service.ConveneAsync(input, ct);
            return meeting is null ? errors.ToProblem() : TypedResults.Created($"/api/projects/meetings/{meeting.Id}", await meeting.ToDtoAsync(db, ct));
        }).RequireAuthorization(write).WithSummary("Convene a joint meeting of the big committee with open needs on the agenda");

        group.MapGet("/meetings", async Task<Ok<ListOf<JointMeetingDto>>> (string? community, ProjectsService service, HuyingDbContext db, CancellationToken ct) =>
        {
            return TypedResults.Ok(new ListOf<JointMeetingDto>(await ToDtosAsync(await service.MeetingsAsync(community, ct), db, ct)));
        });

        group.MapGet("/meetings/{id:long}", async Task<Results<Ok<JointMeetingDto>, NotFound<ProblemDetailsBody>>> (long id, ProjectsService service, HuyingDbContext db, CancellationToken ct) =>
            await service.MeetingAsync(id, ct) is { } m ? TypedResults.Ok(await m.ToDtoAsync(db, ct)) : ProblemSetup.NotFound());

        Change<JointMeeting, MeetingRecordInput, JointMeetingDto>(group, "/meetings/{id:long}/record", (c, id) => c.Service.MeetingAsync(id, c.Ct), async (c, meeting, body) =>
        {
            await c.Service.RecordMeetingAsync(meeting, body.Present ?? [], body.Minutes, body.Guests, c.Ct);
            return await meeting.ToDtoAsync(c.Db, c.Ct);
        }).RequireAuthorization(write).WithSummary("Take attendance (and add resident representatives) and write the minutes");

        group.MapPost("/meetings/{id:long}/decisions", async Task<Results<Created<ProjectDto>, NotFound<ProblemDetailsBody>>> (long id, DecisionInput input,
            ProjectsService service, HuyingDbContext db, CancellationToken ct) =>
        {
            if (await service.MeetingAsync(id, ct) is not { } meeting)
            {
                return ProblemSetup.NotFound();
            }
            var project = await service.DecideAsync(meeting, input, ct);
            return TypedResults.Created($"/api/projects/{project.Id}", await project.ToDtoAsync(db, service, ct));
        }).RequireAuthorization(write).WithSummary("A decision: needs become a project adopted by one or more units");

        group.MapGet("/{id:long}", async Task<Results<Ok<ProjectDto>, NotFound<ProblemDetailsBody>>> (long id, ProjectsService service, HuyingDbContext db, CancellationToken ct) =>
            await service.ProjectAsync(id, ct) is { } p ? TypedResults.Ok(await p.ToDtoAsync(db, service, ct)) : ProblemSetup.NotFound());

        // Every change of a project: load it in scope (404 otherwise), act, answer with the project as it now is.
        RouteHandlerBuilder Act<TBody>(string pattern, Func<Call, Project, TBody, Task<bool>> act, string method = "POST") where TBody : notnull =>
            Change<Project, TBody, ProjectDto>(group, pattern, (c, id) => c.Service.ProjectAsync(id, c.Ct),
                async (c, project, body) => await act(c, project, body) ? await project.ToDtoAsync(c.Db, c.Service, c.Ct) : null, method);

        Act<MilestoneInput>("/{id:long}/milestones", async (c, p, b) =>
        {
            var (errors, _) = await c.Service.PlanAsync(p, b, c.User, c.Ct);
            return errors.IsEmpty ? true : throw new FieldException(errors);
        }).WithSummary("Plan a milestone with its due date and resources (money, people, materials)");
        Act<MilestoneInput>("/{id:long}/milestones/{milestoneId:long}", (c, p, b) => c.Service.ReplanAsync(p, c.RouteId("milestoneId"), b, c.User, c.Ct), "PUT")
            .WithSummary("Re-plan a milestone not yet done: name, due date, resources");
        Act<DoneInput>("/{id:long}/milestones/{milestoneId:long}/done", (c, p, b) => c.Service.CompleteAsync(p, c.RouteId("milestoneId"), b.DoneOn, c.User, c.Ct));
        group.MapPost("/{id:long}/updates", async Task<Results<Ok<ProjectDto>, NotFound<ProblemDetailsBody>>> (long id, [FromForm] string? text,
            [FromForm] long? milestoneId, IFormFileCollection? photos, ProjectsService service, HuyingDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (await service.ProjectAsync(id, ct) is not { } project)
            {
                return ProblemSetup.NotFound();
            }
            await service.PostUpdateAsync(project, text, milestoneId, photos is null ? [] : [.. photos], user, ct);
            return TypedResults.Ok(await project.ToDtoAsync(db, service, ct));
        }).DisableAntiforgery().WithSummary("Post a progress update (multipart: text, milestoneId, photos)");
        Act<EmptyBody>("/{id:long}/request-acceptance", async (c, p, _) => { await c.Service.RequestAcceptanceAsync(p, c.User, c.Ct); return true; })
            .WithSummary("The unit asks for acceptance once every milestone is done");
        Act<AcceptanceInput>("/{id:long}/accept", async (c, p, b) => { await c.Service.AcceptAsync(p, b, c.User, c.Ct); return true; })
            .RequireAuthorization(Policies.CommunitySecretary).WithSummary("The secretary accepts the project with resident representatives (验收)");
        Act<ReasonInput>("/{id:long}/send-back", async (c, p, b) => { await c.Service.SendBackAsync(p, b.Reason, c.User, c.Ct); return true; })
            .RequireAuthorization(Policies.CommunitySecretary);
        Act<CommendationInput>("/{id:long}/commendations", async (c, p, b) => { await c.Service.CommendAsync(p, b, c.Ct); return true; })
            .RequireAuthorization(write).WithSummary("Record a banner (锦旗) or thank-you letter for the project and a unit");

        var service = app.MapGroup("/api/projects/in-service").WithTags("Projects").RequireAuthorization(ProjectPolicies.InService);
        service.MapPost("/members", async Task<Results<Created<long>, ValidationProblem>> (MemberInput input, ProjectsService projects, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (errors, member) = await projects.ReportAsync(input.CommunityCode, input.UnitId, input.Name, input.Phone, user, ct);
            return member is null ? errors.ToProblem() : TypedResults.Created($"/api/projects/in-service/members/{member.Id}", member.Id);
        }).WithSummary("双报到: a party member of a county unit reports to the home community (staff may record it for them)");
        service.MapPost("/members/{id:long}/reveal-phone", async Task<Results<Ok<Matters.RevealedPhone>, NotFound<ProblemDetailsBody>>> (long id,
            Matters.RevealInput input, ProjectsService projects, HuyingDbContext db, CancellationToken ct) =>
            await db.InServiceMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } member
                ? TypedResults.Ok(new Matters.RevealedPhone(await projects.RevealMemberPhoneAsync(member, input.Reason, ct)))
                : ProblemSetup.NotFound())
            .RequireAuthorization(Policies.RevealPersonalData).WithSummary("Reveal an in-service member's phone, with a reason; audited");
        service.MapPost("/tasks", async Task<Results<Created<long>, ValidationProblem>> (TaskInput input, ProjectsService projects, CancellationToken ct) =>
        {
            var (errors, task) = await projects.AddTaskAsync(input.CommunityCode, input.Title, input.Kind, input.NeedId, input.ProjectId, input.On, input.Place, input.Places, ct);
            return task is null ? errors.ToProblem() : TypedResults.Created($"/api/projects/in-service/tasks/{task.Id}", task.Id);
        }).RequireAuthorization(write);
        service.MapPost("/tasks/{id:long}/sign-up", async Task<Results<Created<long>, NotFound<ProblemDetailsBody>>> (long id, ProjectsService projects,
            HuyingDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (await db.ServiceTasks.FirstOrDefaultAsync(t => t.Id == id, ct) is not { } task)
            {
                return ProblemSetup.NotFound();
            }
            var record = await projects.SignUpAsync(task, user, ct);
            return TypedResults.Created($"/api/projects/in-service/records/{record.Id}", record.Id);
        }).WithSummary("A reported member picks a service task");
        service.MapPost("/records/{id:long}", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (long id, ServiceInput input, ProjectsService projects,
            HuyingDbContext db, CancellationToken ct) =>
        {
            if (await db.ServiceRecords.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } record)
            {
                return ProblemSetup.NotFound();
            }
            await projects.RecordServiceAsync(record, input.Hours, input.ServedOn, input.Note, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(write).WithSummary("Record the hours a member served");
    }
}

public sealed record EmptyBody;

public sealed class SummaryQuery
{
    public string? Community { get; set; }
    public long? Unit { get; set; }
    public string? Status { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    public SummaryFilter Filter => new(string.IsNullOrEmpty(Community) ? null : Community, Unit, Status, From, To);
}
