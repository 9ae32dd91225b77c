using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Privacy;
using Huying.Platform.Ratings;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

public sealed record MatterEventDto(DateTime At, string Action, MatterState? FromState, MatterState ToState, string ActorRole, string? ActorUnit, string? Note);

/// <summary>黄牌 before a deadline, 红牌 after it.</summary>
public enum Card
{
    None,
    Yellow,
    Red,
}

public sealed record MatterDto(long Id, string TrackingCode, MatterState State, string CategoryCode, string Description, string CommunityCode,
    long? GridId, long? BuildingId, string? Address, MatterChannel Channel, string? ReporterPhone, HandlerLevel Handler, long? UnitId,
    DateTime SubmittedAt, DateTime RespondDueAt, DateTime? ResolveDueAt, DateTime? UnitDueAt, DateTime? VerifyDueAt, DateTime? DueAt,
    Card Card, DateTime? ResolvedAt, DateTime? ClosedAt, Rating? Rating, string? RatingComment, int ReopenCount, int ExtensionCount,
    string? RejectReason, long? MergedIntoId, IReadOnlyList<MatterEventDto>? Timeline);

public sealed record MatterPage(IReadOnlyList<MatterDto> Items, int Total, int Page, int PageSize);

public sealed record DuplicateDto(long Id, string TrackingCode, MatterState State, string Description, double Similarity, bool SamePlace);

public static class MattersApi
{
    /// <summary>黄牌 (warning), 红牌 (overdue) or none, from the current deadline.</summary>
    public static Card CardOf(Matter m, DateTime now) =>
        m.DueAt is not { } due ? Card.None : due < now ? Card.Red : m.WarnAt is { } warn && warn <= now ? Card.Yellow : Card.None;

    public static MatterDto ToDto(this Matter m, DateTime now, bool withTimeline, bool staff) => new(m.Id, m.TrackingCode,
        m.State, m.CategoryCode, m.Description, m.CommunityCode, m.GridId, m.BuildingId, m.Address, m.Channel,
        m.ReporterPhoneMasked, m.Handler, m.UnitId, m.SubmittedAt, m.RespondDueAt, m.ResolveDueAt, m.UnitDueAt, m.VerifyDueAt,
        m.DueAt, CardOf(m, now), m.ResolvedAt, m.ClosedAt, m.Rating, m.RatingComment, m.ReopenCount,
        m.ExtensionCount, m.RejectReason, m.MergedIntoId,
        withTimeline
            ? [.. m.Events.Where(e => staff || !e.Internal).OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new MatterEventDto(e.At, e.Action,
                e.FromState, e.ToState, e.ActorRole, e.ActorUnit, e.Note))]
            : null);

    private static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    public static IEndpointRouteBuilder MapMattersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters").WithTags("Matters").RequireAuthorization();

        group.MapPost("/", async Task<Created<MatterDto>> (MatterInput input, MatterIntake intake, ClaimsPrincipal user, TimeProvider clock,
            CancellationToken ct) =>
        {
            var matter = await intake.PrepareAsync(input, user, null, ct);
            await intake.SubmitAsync(matter, ct);
            return TypedResults.Created($"/api/matters/{matter.Id}", matter.ToDto(Now(clock), withTimeline: false, staff: true));
        }).WithSummary("Raise a matter (a resident, or staff for a resident after a visit or call)")
            .ProducesValidationProblem().RequireRateLimiting(RateLimits.Public);

        group.MapGet("/", async Task<Ok<MatterPage>> (string? state, long? grid, bool? overdue, string? view, string? community,
            string? category, string? q, int? page, MattersService service, TimeProvider clock, CancellationToken ct) =>
        {
            var filter = new QueueFilter(community, Enum.TryParse<MatterState>(state, true, out var s) ? s : null, grid, overdue,
                Enum.TryParse<QueueView>(view, true, out var v) ? v : state is null ? QueueView.Open : QueueView.All, category, q, page ?? 1);
            var (items, total) = await service.PageAsync(filter, ct);
            var now = Now(clock);
            return TypedResults.Ok(new MatterPage([.. items.Select(m => m.ToDto(now, false, true))], total, filter.Page, MattersService.PageSize));
        }).WithSummary("Matters in scope: a grid worker's grids, a community's queue, a unit's inbox, a resident's own");

        group.MapGet("/{id:long}", async Task<Results<Ok<MatterDto>, NotFound<ProblemDetailsBody>>> (long id, MattersService service,
            ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } m
                ? TypedResults.Ok(m.ToDto(Now(clock), withTimeline: true, staff: user.Holds(Policies.StaffOrUnit)))
                : ProblemSetup.NotFound())
            .WithSummary("One matter with its timeline");

        group.MapGet("/{id:long}/duplicates", async Task<Results<Ok<ListOf<DuplicateDto>>, NotFound<ProblemDetailsBody>>> (long id,
            MattersService service, CancellationToken ct) =>
        {
            if (await service.FindAsync(id, ct) is not { } m)
            {
                return ProblemSetup.NotFound();
            }
            var found = await service.DuplicatesAsync(m, ct);
            return TypedResults.Ok(new ListOf<DuplicateDto>([.. found.Select(d => new DuplicateDto(d.Id, d.TrackingCode,
                d.State, d.Description, Math.Round(d.Similarity, 2), d.SamePlace))]));
        }).WithSummary("Open matters that may be the same: same category and place, or similar text in the same grid, last 30 days")
            .RequireAuthorization(Policies.Staff);

        group.MapChange<Matter, MatterActionInput, MatterDto>("/{id:long}/actions/{action}",
            async (c, id) =>
            {
                // A role that can never take this action hears so without learning whether the matter exists.
                MatterActions.RequireRole(c.Route("action"), c.User);
                return await c.Service<MattersService>().FindAsync(id, c.Ct);
            },
            async (c, m, body) =>
            {
                await c.Service<MatterActions>().ActAsync(m, c.Route("action"), body, c.User, c.Ct);
                return m.ToDto(Now(c.Service<TimeProvider>()), withTimeline: true, staff: true);
            }, new MatterActionInput())
            .WithSummary("accept, start, escalate, reassign, dispatch, report, resolve, verify, rate, reject, merge, reopen, extend, refuse-extension, supervise; 409 when not allowed now");

        group.MapChange<Matter, RevealInput, RevealedPhone>("/{id:long}/reveal-phone",
            (c, id) => c.Service<MattersService>().FindAsync(id, c.Ct),
            async (c, m, body) => new RevealedPhone(await c.Service<MattersService>().RevealPhoneAsync(m, body.Reason, c.Ct)), new RevealInput(null))
            .WithSummary("Reveal the reporter's phone, with a reason; audited").RequireAuthorization(Policies.RevealPersonalData);

        app.MapGet("/api/matters/categories", async Task<Ok<ListOf<CategoryDto>>> (MatterCatalogue catalogue, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<CategoryDto>([.. (await catalogue.GetAsync(ct)).Categories.Where(c => c.Active).Select(c => c.ToDto())])))
            .WithTags("Matters").WithSummary("The category catalogue with its deadlines").AllowAnonymous();

        app.MapGet("/api/kpis/matters", async Task<Ok<KpiReport>> (string? division, DateOnly? from, DateOnly? to, string? groupBy,
            MatterKpis kpis, CancellationToken ct) =>
            TypedResults.Ok(await kpis.ReportAsync(division, from, to, Enum.TryParse<KpiGroup>(groupBy, true, out var g) ? g : KpiGroup.Community, Tr.IsChinese, ct)))
            .WithTags("Matters").ReadsReplica().WithSummary("Matter KPIs of DESIGN §3.2 for the caller's scope and a period, grouped by community, grid, unit, category or month")
            .RequireAuthorization(Policies.StaffOrUnit);

        return app;
    }

    public static CategoryDto ToDto(this MatterCategory c) => new(c.Code, c.ParentCode, c.NameIn(Tr.IsChinese), c.RespondMinutes / 60.0,
        c.ResolveMinutes / 60.0, c.VerifyMinutes / 60.0, c.WorkingTime, c.Attributes);
}

public sealed record CategoryDto(string Code, string? ParentCode, string Name, double RespondHours, double ResolveHours, double VerifyHours,
    bool WorkingTime, IReadOnlyList<FormQuestion> Attributes);

