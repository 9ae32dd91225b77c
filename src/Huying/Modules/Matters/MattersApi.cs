using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

public sealed record MatterEventDto(DateTime At, string Action, string? FromState, string ToState, string ActorRole, string? ActorUnit, string? Note);

public sealed record MatterDto(long Id, string TrackingCode, string State, string CategoryCode, string Description, string CommunityCode,
    long? GridId, long? BuildingId, string? Address, string Channel, string? ReporterPhone, string Handler, long? UnitId,
    DateTime SubmittedAt, DateTime RespondDueAt, DateTime? ResolveDueAt, DateTime? UnitDueAt, DateTime? VerifyDueAt, DateTime? DueAt,
    string Card, DateTime? ResolvedAt, DateTime? ClosedAt, string? Rating, string? RatingComment, int ReopenCount, int ExtensionCount,
    string? RejectReason, long? MergedIntoId, IReadOnlyList<MatterEventDto>? Timeline);

public sealed record MatterPage(IReadOnlyList<MatterDto> Items, int Total, int Page, int PageSize);

public sealed record DuplicateDto(long Id, string TrackingCode, string State, string Description, double Similarity, bool SamePlace);

public static class MattersApi
{
    /// <summary>黄牌 (warning), 红牌 (overdue) or none, from the current deadline.</summary>
    public static string CardOf(Matter m, DateTime now) =>
        m.DueAt is not { } due ? "none" : due < now ? "red" : m.WarnAt is { } warn && warn <= now ? "yellow" : "none";

    public static MatterDto ToDto(this Matter m, DateTime now, bool withTimeline, bool staff) => new(m.Id, m.TrackingCode,
        Camel(m.State.ToString()), m.CategoryCode, m.Description, m.CommunityCode, m.GridId, m.BuildingId, m.Address, Camel(m.Channel.ToString()),
        m.ReporterPhoneMasked, Camel(m.Handler.ToString()), m.UnitId, m.SubmittedAt, m.RespondDueAt, m.ResolveDueAt, m.UnitDueAt, m.VerifyDueAt,
        m.DueAt, CardOf(m, now), m.ResolvedAt, m.ClosedAt, m.Rating is { } r ? Camel(r.ToString()) : null, m.RatingComment, m.ReopenCount,
        m.ExtensionCount, m.RejectReason, m.MergedIntoId,
        withTimeline
            ? [.. m.Events.Where(e => staff || !e.Internal).OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new MatterEventDto(e.At, e.Action,
                e.FromState is { } f ? Camel(f.ToString()) : null, Camel(e.ToState.ToString()), e.ActorRole, e.ActorUnit, e.Note))]
            : null);

    public static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    private static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    public static IEndpointRouteBuilder MapMattersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/matters").WithTags("Matters").RequireAuthorization();

        group.MapPost("/", async Task<Results<Created<MatterDto>, ValidationProblem>> (MatterInput input, MattersService service,
            ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var (errors, matter) = await service.PrepareAsync(input, user, null, ct);
            if (matter is null)
            {
                return errors.ToProblem();
            }
            await service.SubmitAsync(matter, ct);
            return TypedResults.Created($"/api/matters/{matter.Id}", matter.ToDto(Now(clock), withTimeline: false, staff: true));
        }).WithSummary("Raise a matter (a resident, or staff for a resident after a visit or call)")
            .RequireRateLimiting(RateLimits.Public);

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
            return TypedResults.Ok(new ListOf<DuplicateDto>([.. found.Select(d => new DuplicateDto(d.Matter.Id, d.Matter.TrackingCode,
                Camel(d.Matter.State.ToString()), d.Matter.Description, Math.Round(d.Similarity, 2), d.SamePlace))]));
        }).WithSummary("Open matters that may be the same: same category and place, or similar text in the same grid, last 30 days")
            .RequireAuthorization(Policies.Staff);

        group.MapPost("/{id:long}/actions/{action}", async Task<Results<Ok<MatterDto>, NotFound<ProblemDetailsBody>, ProblemHttpResult>> (long id,
            string action, MatterActionInput? body, MattersService service, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            // A role that can never take this action hears so without learning whether the matter exists.
            if (MattersService.ActionRoles.TryGetValue(action, out var roles) && !roles.Any(user.IsInRole))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: DictionaryLocalizer.Translate("Your role cannot take this action"));
            }
            var m = await service.FindAsync(id, ct);
            if (m is null)
            {
                return ProblemSetup.NotFound();
            }
            try
            {
                await service.ActAsync(m, action, body ?? new MatterActionInput(), user, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return await ConflictAsync(service, id, "Someone else acted on this matter first", ct);
            }
            catch (RuleViolationException e)
            {
                return await ConflictAsync(service, id, e.Message, ct);
            }
            catch (NotAllowedException e)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: DictionaryLocalizer.Translate(e.Message));
            }
            return TypedResults.Ok(m.ToDto(Now(clock), withTimeline: true, staff: true));
        }).WithSummary("accept, start, escalate, reassign, dispatch, report, resolve, verify, rate, reject, merge, reopen, extend, refuse-extension, supervise; 409 when not allowed now");

        group.MapPost("/{id:long}/reveal-phone", async Task<Results<Ok<RevealedPhone>, NotFound<ProblemDetailsBody>, ValidationProblem>> (long id,
            RevealInput input, MattersService service, CancellationToken ct) =>
        {
            if (await service.FindAsync(id, ct) is not { } m)
            {
                return ProblemSetup.NotFound();
            }
            if (string.IsNullOrWhiteSpace(input.Reason))
            {
                return new FieldErrors().Add("reason", "Give the reason for revealing").ToProblem();
            }
            return TypedResults.Ok(new RevealedPhone(await service.RevealPhoneAsync(m, input.Reason, ct)));
        }).WithSummary("Reveal the reporter's phone, with a reason; audited").RequireAuthorization(Policies.RevealPersonalData);

        app.MapGet("/api/matters/categories", async Task<Ok<ListOf<CategoryDto>>> (MatterCatalogue catalogue, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<CategoryDto>([.. (await catalogue.GetAsync(ct)).Categories.Where(c => c.Active).Select(c => c.ToDto())])))
            .WithTags("Matters").WithSummary("The category catalogue with its deadlines").AllowAnonymous();

        app.MapGet("/api/kpis/matters", async Task<Ok<KpiReport>> (string? division, DateOnly? from, DateOnly? to, string? groupBy,
            MatterKpis kpis, CancellationToken ct) =>
            TypedResults.Ok(await kpis.ReportAsync(division, from, to, Enum.TryParse<KpiGroup>(groupBy, true, out var g) ? g : KpiGroup.Community, Tr.IsChinese, ct)))
            .WithTags("Matters").WithSummary("Matter KPIs of DESIGN §3.2 for the caller's scope and a period, grouped by community, grid, unit, category or month")
            .RequireAuthorization(Policies.StaffOrUnit);

        return app;
    }

    /// <summary>409 with the matter's state as it is now, so the caller can refresh instead of guessing.</summary>
    private static async Task<ProblemHttpResult> ConflictAsync(MattersService service, long id, string reason, CancellationToken ct)
    {
        var current = await service.CurrentStateAsync(id, ct);
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: DictionaryLocalizer.Translate(reason),
            extensions: new Dictionary<string, object?> { ["state"] = current is { } s ? Camel(s.ToString()) : null });
    }

    public static CategoryDto ToDto(this MatterCategory c) => new(c.Code, c.ParentCode, c.NameIn(Tr.IsChinese), c.RespondMinutes / 60.0,
        c.ResolveMinutes / 60.0, c.VerifyMinutes / 60.0, c.WorkingTime, c.Attributes);
}

public sealed record CategoryDto(string Code, string? ParentCode, string Name, double RespondHours, double ResolveHours, double VerifyHours,
    bool WorkingTime, IReadOnlyList<CategoryAttribute> Attributes);

public sealed record RevealInput(string? Reason);

public sealed record RevealedPhone(string? Phone);
