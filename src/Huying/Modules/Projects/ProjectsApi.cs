using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public sealed record MilestoneDto(long Id, long UnitId, string Title, DateOnly DueOn, DateOnly? DoneOn, MilestoneMark Mark, decimal? Budget, int? Workers, string? Materials);

public sealed record UpdateDto(long Id, long? UnitId, long? MilestoneId, string Text, string ByName, DateTime At, IReadOnlyList<long> PhotoIds);

public sealed record CommendationDto(long Id, long? UnitId, CommendationKind Kind, string From, string Words, DateOnly ReceivedOn);

public sealed record OutcomeDto(OutcomeKind Kind, decimal Value, string Unit, string? Note, DateOnly MeasuredOn, string By);

public sealed record ProjectDto(long Id, string CommunityCode, string Title, string? Description, string? Place, long? MeetingId, ProjectStatus Status,
    int Progress, bool Late, DateOnly StartOn, DateOnly? PlannedEndOn, DateOnly? CompletedOn, bool? OnTime, string? AcceptedWith, string? AcceptanceNote,
    string? SentBackReason, long? NoticeId, int RatingCount, int SatisfiedCount, IReadOnlyList<long> UnitIds, IReadOnlyList<long> NeedIds,
    IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<UpdateDto> Updates, IReadOnlyList<CommendationDto> Commendations,
    decimal? Funds, string? UpkeepTeam, IReadOnlyList<string> UpkeepRules, IReadOnlyList<OutcomeDto> Outcomes);

public sealed record DoneInput(DateOnly? DoneOn);

public sealed record SummaryBody(IReadOnlyList<SummaryRowDto> Rows);

public sealed record SummaryRowDto(long ProjectId, string CommunityCode, string Community, IReadOnlyList<string> Needs, string Project, IReadOnlyList<string> Units,
    int MilestonesDone, int Milestones, int Progress, ProjectStatus Status, string StatusName, bool Late, DateOnly StartOn, DateOnly? PlannedEndOn, DateOnly? CompletedOn);

public sealed class SummaryQuery
{
    public string? Community { get; set; }
    public long? Unit { get; set; }
    public string? Status { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    public SummaryFilter Filter => new(string.IsNullOrEmpty(Community) ? null : Community, Unit, Status, From, To);
}

/// <summary>The summary table, the figures, and a project with its changes (milestones, updates, acceptance, commendations).</summary>
public static class ProjectsApi
{
    public static SummaryRowDto ToDto(this SummaryRow r) => new(r.ProjectId, r.CommunityCode, r.CommunityName, r.Needs, r.Project, r.Units,
        r.MilestonesDone, r.Milestones, r.Progress, r.Status, DictionaryLocalizer.Translate(ProjectSummary.StatusName(r.Status)), r.Late,
        r.StartOn, r.PlannedEndOn, r.CompletedOn);

    public static Task<ProjectDto> ToDtoAsync(this Project p, ChangeCall c, CancellationToken ct) =>
        p.ToDtoAsync(c.Service<HuyingDbContext>(), c.Service<ProjectWorkService>(), ct);

    public static async Task<ProjectDto> ToDtoAsync(this Project p, HuyingDbContext db, ProjectWorkService work, CancellationToken ct)
    {
        var calendar = await work.CalendarAsync(ct);
        var today = work.Today;
        var milestones = await work.MilestonesAsync(p.Id, ct);
        var updates = await db.ProgressUpdates.AsNoTracking().Where(u => u.ProjectId == p.Id).OrderByDescending(u => u.At).ThenByDescending(u => u.Id).ToListAsync(ct);
        var updateIds = updates.Select(u => u.Id).ToList();
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(ProgressUpdate) && updateIds.Contains(a.OwnerId))
            .Select(a => new { a.Id, a.OwnerId }).ToListAsync(ct);
        var commendations = await db.Commendations.AsNoTracking().Where(c => c.ProjectId == p.Id).OrderBy(c => c.ReceivedOn).ToListAsync(ct);
        var outcomes = await db.Set<ProjectOutcome>().AsNoTracking().Where(o => o.ProjectId == p.Id).OrderBy(o => o.Kind).ToListAsync(ct);
        var rules = await db.Set<UpkeepRule>().AsNoTracking().Where(r => r.ProjectId == p.Id).OrderBy(r => r.Position).Select(r => r.Text).ToListAsync(ct);
        return new ProjectDto(p.Id, p.CommunityCode, p.Title, p.Description, p.Place, p.MeetingId, p.Status, p.Progress, p.IsLate(today),
            p.StartOn, p.PlannedEndOn, p.CompletedOn, p.OnTime, p.AcceptedWith, p.AcceptanceNote, p.SentBackReason, p.NoticeId, p.RatingCount, p.SatisfiedCount,
            [.. p.Units.Select(u => u.PartnerUnitId)], [.. p.Needs.Select(n => n.NeedId)],
            [.. milestones.Select(m => new MilestoneDto(m.Id, m.PartnerUnitId, m.Title, m.DueOn, m.DoneOn, m.Mark(today, calendar), m.Budget, m.Workers, m.Materials))],
            [.. updates.Select(u => new UpdateDto(u.Id, u.PartnerUnitId, u.MilestoneId, u.Text, u.ByName, u.At, [.. photos.Where(x => x.OwnerId == u.Id).Select(x => x.Id)]))],
            [.. commendations.Select(c => new CommendationDto(c.Id, c.PartnerUnitId, c.Kind, c.From, c.Words, c.ReceivedOn))],
            p.Funds, p.UpkeepTeam, rules,
            [.. outcomes.Select(o => new OutcomeDto(o.Kind, o.Value, DictionaryLocalizer.Translate(ProjectOutcome.UnitOf(o.Kind)), o.Note, o.MeasuredOn, o.By))]);
    }

    public static void MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization(Policies.StaffOrUnit);

        group.MapGet("/summary", async Task<Ok<SummaryBody>> ([AsParameters] SummaryQuery q, ProjectSummary summary, CancellationToken ct) =>
            TypedResults.Ok(new SummaryBody([.. (await summary.RowsAsync(q.Filter, null, ct)).Rows.Select(r => r.ToDto())])))
            .ReadsReplica().WithSummary("项目清单汇总表: need → project → unit → milestones → progress → status → completion, filterable by community, unit, status (or late) and period");

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

        group.MapGet("/figures", async Task<Ok<Figures>> (string? community, DateOnly? from, DateOnly? to, ProjectFigures figures, ProjectWorkService work, CancellationToken ct) =>
        {
            var today = work.Today;
            return TypedResults.Ok(await figures.ComputeAsync(community, from ?? new DateOnly(today.Year, 1, 1), to ?? today, ct));
        }).ReadsReplica().WithSummary("Needs raised/adopted/met, projects by status (and in all) and on-time rate, units engaged, agreements, in-service members and hours, commendations; community: a community code or a town's or county's division code");

        group.MapNeedsApi();
        group.MapJointMeetingsApi();
        group.MapAgreementsApi();

        group.MapGet("/{id:long}", async Task<Results<Ok<ProjectDto>, NotFound<ProblemDetailsBody>>> (long id, ProjectWorkService work, HuyingDbContext db, CancellationToken ct) =>
            await work.ProjectAsync(id, ct) is { } p ? TypedResults.Ok(await p.ToDtoAsync(db, work, ct)) : ProblemSetup.NotFound());

        // Every change of a project: loaded in scope (404 otherwise), changed by the service, answered as it now is.
        RouteHandlerBuilder Change<TBody>(string pattern, Func<ChangeCall, Project, TBody, Task<bool>> act, TBody empty, string method = "POST") where TBody : class =>
            group.MapChange<Project, TBody, ProjectDto>(pattern, (c, id) => c.Service<ProjectWorkService>().ProjectAsync(id, c.Ct),
                async (c, project, body) => await act(c, project, body) ? await project.ToDtoAsync(c, c.Ct) : null, empty, method);

        Change<MilestoneInput>("/{id:long}/milestones", async (c, p, b) => await c.Service<ProjectWorkService>().PlanAsync(p, b, c.Ct) is not null,
            new MilestoneInput(null, null, null, null, null, null)).RequireAuthorization(ProjectPolicies.Work)
            .WithSummary("Plan a milestone with its due date and resources (money, people, materials)");
        Change<MilestoneInput>("/{id:long}/milestones/{milestoneId:long}", (c, p, b) => c.Service<ProjectWorkService>().ReplanAsync(p, c.RouteId("milestoneId"), b, c.Ct),
            new MilestoneInput(null, null, null, null, null, null), "PUT").RequireAuthorization(ProjectPolicies.Work)
            .WithSummary("Re-plan a milestone not yet done: name, due date, resources");
        Change<DoneInput>("/{id:long}/milestones/{milestoneId:long}/done", (c, p, b) => c.Service<ProjectWorkService>().CompleteAsync(p, c.RouteId("milestoneId"), b.DoneOn, c.Ct),
            new DoneInput(null)).RequireAuthorization(ProjectPolicies.Work).WithSummary("Mark a milestone done");
        group.MapPost("/{id:long}/updates", async Task<Results<Ok<ProjectDto>, NotFound<ProblemDetailsBody>>> (long id, HttpRequest request,
            ProjectWorkService work, HuyingDbContext db, CancellationToken ct) =>
        {
            if (await work.ProjectAsync(id, ct) is not { } project)
            {
                return ProblemSetup.NotFound();
            }
            var form = await Forms.ReadAsync(request, ct);
            await work.PostUpdateAsync(project, Forms.Text(form, "text"), Forms.Id(form, "milestoneId"), [.. form.Files.GetFiles("photos")], ct);
            return TypedResults.Ok(await project.ToDtoAsync(db, work, ct));
        }).DisableAntiforgery().AddEndpointFilter<CookieAntiforgery>().WithMetadata(new RequestSizeLimitAttribute(Platform.Files.FileStore.MaxRequestBytes))
            .ProducesValidationProblem().RequireAuthorization(ProjectPolicies.Work)
            .WithSummary("Post a progress update (multipart: text, milestoneId, photos); without a bearer token, with the antiforgery token");
        Change<EmptyBody>("/{id:long}/request-acceptance", async (c, p, _) => { await c.Service<ProjectWorkService>().RequestAcceptanceAsync(p, c.Ct); return true; },
            new EmptyBody()).RequireAuthorization(ProjectPolicies.Work).WithSummary("The unit asks for acceptance once every milestone is done");
        Change<AcceptanceInput>("/{id:long}/accept", async (c, p, b) => { await c.Service<ProjectWorkService>().AcceptAsync(p, b, c.Ct); return true; },
            new AcceptanceInput(null, null, null)).RequireAuthorization(Policies.CommunitySecretary)
            .WithSummary("The secretary accepts the project with resident representatives (验收)");
        Change<ReasonInput>("/{id:long}/send-back", async (c, p, b) => { await c.Service<ProjectWorkService>().SendBackAsync(p, b.Reason, c.Ct); return true; },
            new ReasonInput(null)).RequireAuthorization(Policies.CommunitySecretary).WithSummary("The secretary sends the project back with what is still to be done");
        Change<CommendationInput>("/{id:long}/commendations", async (c, p, b) => await c.Service<ProjectWorkService>().CommendAsync(p, b, c.Ct) is not null,
            new CommendationInput(null, null, null, null, null)).RequireAuthorization(Policies.CommunityStaff)
            .WithSummary("Record a banner (锦旗) or thank-you letter for the project and a unit");
        Change<OutcomeInput>("/{id:long}/outcomes", async (c, p, b) => await c.Service<ProjectOutcomesService>().RecordOutcomeAsync(p, b, c.Ct) is not null,
            new OutcomeInput(null, null, null, null)).RequireAuthorization(ProjectPolicies.Work)
            .WithSummary("Record a measured outcome (households helped, mu irrigated, collective income added…); one value per kind, replaced when measured again");
        Change<UpkeepInput>("/{id:long}/upkeep", async (c, p, b) => { await c.Service<ProjectOutcomesService>().SetUpkeepAsync(p, b, c.Ct); return true; },
            new UpkeepInput(null, null, null), "PUT").RequireAuthorization(ProjectPolicies.Work)
            .WithSummary("Set the money put in (yuan), the upkeep team and its rules (管护细则)");

        app.MapInServiceApi();
    }
}
