using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

/// <summary>A material of the checklist; its template (a blank form) at /files/{templateFileId} when it has one.</summary>
public sealed record ProxyMaterialDto(long Id, string Name, bool Required, bool Original, long? TemplateFileId);

public sealed record ProxyServiceDto(long Id, string Name, long OfficeUnitId, string Eligibility, IReadOnlyList<string> Checks, int LimitDays, string? Fee,
    bool ProxyNeedsAuthorisation, int RetentionDays, bool IsExample, bool Active, IReadOnlyList<ProxyMaterialDto> Materials, IReadOnlyList<FormQuestion> Fields);

public sealed record ProxyDocumentDto(long Id, ProxyDocumentKind Kind, long? MaterialId, DateTime AddedAt, IReadOnlyList<long> FileIds);

public sealed record ProxyStepDto(DateTime At, string By, ProxyState State, string? Note);

public sealed record ProxyApplicationDto(long Id, string TrackingCode, string CommunityCode, long ServiceId, string Service, long OfficeUnitId, string ApplicantName,
    string? PhoneMasked, string? RegistrationCode, ProxyMode Mode, ProxyState State, IReadOnlyList<long> MaterialsReceived, IReadOnlyList<string> MaterialsMissing,
    string? Missing, string? Result, string? Reason, DateTime ReceivedAt, DateTime DueAt, bool Overdue, ProxyRating? Rating, string? RatingReason, int Version,
    IReadOnlyDictionary<string, string> Answers);

public static class ProxyApi
{
    public static ProxyServiceDto ToDto(this ProxyService s, IReadOnlyDictionary<long, long> templates) => new(s.Id, s.Name, s.OfficeUnitId, s.Eligibility, s.Checks,
        s.LimitDays, s.Fee, s.ProxyNeedsAuthorisation, s.RetentionDays, s.IsExample, s.Active,
        [.. s.Materials.OrderBy(m => m.Order).Select(m => new ProxyMaterialDto(m.Id, m.Name, m.Required, m.Original, templates.TryGetValue(m.Id, out var f) ? f : null))],
        s.Fields);

    public static ProxyApplicationDto ToDto(this ProxyApplication a, DateTime now) => new(a.Id, a.TrackingCode, a.CommunityCode, a.ServiceId, a.Service?.Name ?? "",
        a.OfficeUnitId, a.ApplicantName, a.PhoneMasked, a.RegistrationCode, a.Mode, a.State, a.MaterialsReceived,
        a.Service is null ? [] : [.. ProxyCases.MissingMaterials(a, a.Service).Select(m => m.Name)], a.Missing, a.Result, a.Reason, a.ReceivedAt, a.DueAt,
        !a.Finished && a.DueAt < now, a.Rating, a.RatingReason, a.Version, FormQuestions.ParseAnswers(a.AnswersJson));

    public static IEndpointRouteBuilder MapProxyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/proxy").WithTags("Same-city services");

        group.MapGet("/services", async Task<Ok<ListOf<ProxyServiceDto>>> (string? county, ProxyCases cases, CurrentUser user, HuyingDbContext db,
            CancellationToken ct) =>
        {
            var code = county ?? user.Principal?.FindAll(ScopeClaims.Division).Select(c => c.Value).FirstOrDefault() ?? "";
            var items = code.Length >= 6 ? await cases.CatalogueAsync(code, ct) : [];
            var templates = await ProxyCatalogue.TemplatesAsync(db, items, ct);
            return TypedResults.Ok(new ListOf<ProxyServiceDto>([.. items.Select(s => s.ToDto(templates))]));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("The county's catalogue of items (county=140827; the caller's county when not given)");

        group.MapPost("/services", async Task<Created<ProxyServiceDto>> (ServiceInput input, ProxyCatalogue catalogue, CancellationToken ct) =>
        {
            var item = await catalogue.SaveAsync(null, input, ct);
            return TypedResults.Created($"/api/proxy/services/{item.Id}", item.ToDto(new Dictionary<long, long>()));
        }).RequireAuthorization(Policies.Admin).ProducesValidationProblem()
            .WithSummary("The administrator adds an item to a county's catalogue (office, eligibility, checks, materials, limit, fee, authorisation, retention)");
        group.MapPut("/services/{id:long}", async Task<Results<Ok<ProxyServiceDto>, NotFound<ProblemDetailsBody>>> (long id, ServiceInput input,
            ProxyCatalogue catalogue, HuyingDbContext db, CancellationToken ct) =>
            await catalogue.FindAsync(id, ct) is { } item
                ? TypedResults.Ok((await catalogue.SaveAsync(item, input, ct)).ToDto(await ProxyCatalogue.TemplatesAsync(db, [item], ct)))
                : ProblemSetup.NotFound())
            .RequireAuthorization(Policies.Admin).ProducesValidationProblem()
            .WithSummary("The administrator changes an item (fields left out stay; active=false retires it; cases keep theirs; form fields keep their codes by question)");
        group.MapPost("/services/{id:long}/materials/{materialId:long}/template", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (long id, long materialId,
            HttpRequest request, ProxyCatalogue catalogue, CancellationToken ct) =>
        {
            if (await catalogue.FindAsync(id, ct) is not { } item)
            {
                return ProblemSetup.NotFound();
            }
            await catalogue.SetTemplateAsync(item, materialId, await FormFiles(request, "template", ct), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).DisableAntiforgery().AddEndpointFilter<CookieAntiforgery>()
            .WithMetadata(new RequestSizeLimitAttribute(Platform.Files.FileStore.MaxRequestBytes)).ProducesValidationProblem()
            .WithSummary("A material's template, a blank form to print (multipart: template; PDF or image; replaces the one before)");
        group.MapDelete("/services/{id:long}/materials/{materialId:long}/template", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (long id,
            long materialId, ProxyCatalogue catalogue, CancellationToken ct) =>
        {
            if (await catalogue.FindAsync(id, ct) is not { } item)
            {
                return ProblemSetup.NotFound();
            }
            await catalogue.RemoveTemplateAsync(item, materialId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Admin).ProducesValidationProblem().WithSummary("Removes a material's template");

        var cases = group.MapGroup("/applications").RequireAuthorization(ProxyPolicies.Handle);
        cases.MapGet("", async Task<Ok<ListOf<ProxyRow>>> (string? show, ProxyLists lists, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<ProxyRow>(await lists.ListAsync(show, ct))))
            .WithSummary("The community's cases (its staff) or the office's inbox (its liaison); show=open|overdue|correction|finished");

        cases.MapPost("", async Task<Created<ProxyApplicationDto>> (ApplicationInput input, ProxyCases service, TimeProvider clock, CancellationToken ct) =>
        {
            var a = await service.TakeAsync(input, [], [], ct);
            var loaded = (await service.FindAsync(a.Id, ct))!;
            return TypedResults.Created($"/api/proxy/applications/{a.Id}", loaded.ToDto(clock.GetUtcNow().UtcDateTime));
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Take an application (JSON; scans follow by …/materials and …/authorisation): prechecked at once, or 补正 naming what is missing");

        cases.MapGet("/{id:long}", async Task<Results<Ok<ProxyApplicationDto>, NotFound<ProblemDetailsBody>>> (long id, ProxyCases service, TimeProvider clock,
            CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } a ? TypedResults.Ok(a.ToDto(clock.GetUtcNow().UtcDateTime)) : ProblemSetup.NotFound()).WithSummary("One case");

        cases.MapGet("/{id:long}/steps", async Task<Results<Ok<ListOf<ProxyStepDto>>, NotFound<ProblemDetailsBody>>> (long id, ProxyCases service, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } a
                ? TypedResults.Ok(new ListOf<ProxyStepDto>([.. (await service.StepsAsync(a.Id, ct)).Select(s => new ProxyStepDto(s.At, s.By, s.State, s.Note))]))
                : ProblemSetup.NotFound()).WithSummary("A case's steps, oldest first");

        cases.MapGet("/{id:long}/documents", async Task<Results<Ok<ListOf<ProxyDocumentDto>>, NotFound<ProblemDetailsBody>>> (long id, ProxyCases service,
            HuyingDbContext db, CancellationToken ct) =>
        {
            if (await service.FindAsync(id, ct) is not { } a)
            {
                return ProblemSetup.NotFound();
            }
            var documents = await service.DocumentsAsync(a.Id, ct);
            var fileIds = await Platform.Files.FileStore.IdsByOwnerAsync(db, nameof(ProxyDocument), [.. documents.Select(d => d.Id)], ct);
            return TypedResults.Ok(new ListOf<ProxyDocumentDto>([.. documents.Select(d => new ProxyDocumentDto(d.Id, d.Kind, d.MaterialId, d.AddedAt, [.. fileIds[d.Id]]))]));
        }).WithSummary("A case's scans (materials, authorisation, result); each file at /files/{fileId}, every view audited");

        Upload(cases, "/{id:long}/materials", (s, a, form, ct) => s.AddMaterialsAsync(a, new MaterialsInput(Ids(form, "materialIds")), [.. form.Files.GetFiles("scans")], ct),
            "Materials received (multipart: materialIds, scans): 补正 ends when the checklist is complete");
        Upload(cases, "/{id:long}/authorisation", (s, a, form, ct) => s.AddAuthorisationAsync(a, [.. form.Files.GetFiles("authorisation")], ct),
            "The resident's written authorisation for 代办 (multipart: authorisation)");
        Change<EmptyBody>(cases, "/{id:long}/forward", (s, a, _, ct) => s.ForwardAsync(a, ct), new EmptyBody(), "To the office (409 when a required material or the authorisation is missing)");
        Change<EmptyBody>(cases, "/{id:long}/accept", (s, a, _, ct) => s.AcceptAsync(a, ct), new EmptyBody(), "The office accepts the case (受理)");
        Change<MissingInput>(cases, "/{id:long}/ask", (s, a, b, ct) => s.AskForMaterialAsync(a, b, ct), new MissingInput(null),
            "The office asks for a missing paper: back to the community (补正)");
        Change<DecisionInput>(cases, "/{id:long}/decide", (s, a, b, ct) => s.DecideAsync(a, b, [], ct), new DecisionInput(null, null, null),
            "The office decides: grant (result) or not (reason, which the resident sees)");
        cases.MapChange<ProxyApplication, SupervisionInput, ProxyApplicationDto>("/{id:long}/supervise", (c, id) => c.Service<ProxyCases>().FindAsync(id, c.Ct),
            async (c, a, body) => (await c.Service<ProxySupervision>().SuperviseAsync(a, body, c.Ct)).ToDto(c.Service<TimeProvider>().GetUtcNow().UtcDateTime),
            new SupervisionInput(null)).RequireAuthorization(Policies.CommunitySecretary)
            .WithSummary("The community secretary supervises (督办) an open case: a notice to whoever holds it; once a day");
        cases.MapGet("/watch", async Task<Ok<ProxyWatch>> (ProxyLists lists, CancellationToken ct) => TypedResults.Ok(await lists.WatchAsync(ct)))
            .WithSummary("Open cases overdue at the community, overdue at the offices, and due within a working day");
        Change<EmptyBody>(cases, "/{id:long}/deliver", (s, a, _, ct) => s.DeliverAsync(a, ct), new EmptyBody(), "The community hands the result to the resident (送达)");

        group.MapGet("/track/{code}", async Task<Results<Ok<TrackedApplication>, NotFound<ProblemDetailsBody>>> (string code, ProxyTracking tracking, CancellationToken ct) =>
            await tracking.TrackAsync(code, ct) is { } t ? TypedResults.Ok(t) : ProblemSetup.NotFound())
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).WithSummary("The resident's view of a case by its tracking code (steps, what is missing, the result; no materials)");
        group.MapPost("/track/{code}/rating", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (string code, RatingInput input, ProxyTracking tracking,
            CancellationToken ct) =>
        {
            if (await tracking.TrackAsync(code, ct) is null)
            {
                return ProblemSetup.NotFound();
            }
            await tracking.RateAsync(code, input, ct);
            return TypedResults.NoContent();
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("好差评: the resident rates a decided case once (veryDissatisfied … verySatisfied; a low rating says why)");

        group.MapGet("/figures", async Task<Ok<ProxyFigures>> (string? division, DateOnly? from, DateOnly? to, ProxyLists lists, CancellationToken ct) =>
            TypedResults.Ok(await lists.FiguresAsync(division!, from, to, ct)))
            .RequiresDivisionInScope().RequireAuthorization(ProxyPolicies.Figures)
            .ReadsReplica().WithSummary("Applications, completed, on-time rate, average working days, ratings, trips saved, for a division and period");
        group.MapGet("/figures/rows", async Task<Results<Ok<ListOf<ProxyFiguresRow>>, ValidationProblem>> (string? division, DateOnly? from, DateOnly? to, string? by,
            ProxyLists lists, CancellationToken ct) =>
            by is null or "service" or "office" or "community"
                ? TypedResults.Ok(new ListOf<ProxyFiguresRow>(await lists.RowsAsync(division!, from, to, by ?? "service", ct)))
                : new FieldErrors().Add("by", "Count by service, office or community").ToProblem())
            .RequiresDivisionInScope().RequireAuthorization(ProxyPolicies.Figures).WithSummary("The figures by item, office or community");
        return app;
    }

    private static async Task<List<IFormFile>> FormFiles(HttpRequest request, string field, CancellationToken ct) => [.. (await Forms.ReadAsync(request, ct)).Files.GetFiles(field)];

    private static List<long> Ids(IFormCollection form, string key) =>
        [.. form[key].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => long.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1)];

    private static void Change<TBody>(RouteGroupBuilder group, string pattern, Func<ProxyCases, ProxyApplication, TBody, CancellationToken, Task<ProxyApplication>> act,
        TBody empty, string summary) where TBody : class =>
        group.MapChange<ProxyApplication, TBody, ProxyApplicationDto>(pattern, (c, id) => c.Service<ProxyCases>().FindAsync(id, c.Ct),
            async (c, a, body) => (await act(c.Service<ProxyCases>(), a, body, c.Ct)).ToDto(c.Service<TimeProvider>().GetUtcNow().UtcDateTime), empty).WithSummary(summary);

    private static void Upload(RouteGroupBuilder group, string pattern, Func<ProxyCases, ProxyApplication, IFormCollection, CancellationToken, Task<ProxyApplication>> act,
        string summary) =>
        group.MapPost(pattern, async Task<Results<Ok<ProxyApplicationDto>, NotFound<ProblemDetailsBody>>> (long id, HttpRequest request, ProxyCases service,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (await service.FindAsync(id, ct) is not { } a)
            {
                return ProblemSetup.NotFound();
            }
            return TypedResults.Ok((await act(service, a, await Forms.ReadAsync(request, ct), ct)).ToDto(clock.GetUtcNow().UtcDateTime));
        }).DisableAntiforgery().AddEndpointFilter<CookieAntiforgery>().WithMetadata(new RequestSizeLimitAttribute(Platform.Files.FileStore.MaxRequestBytes))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary(summary);
}
