using Huying.Modules.Matters;
using Huying.Modules.Organisation;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Heritage;

public sealed record HazardDto(long Id, long SiteId, string Site, string CategoryCode, string TrackingCode, string Description, MatterState State,
    bool Urgent, bool Open, DateTime RaisedAt, DateTime RespondDueAt, DateTime? DueAt, DateTime? RespondedAt, DateTime? ClosedAt, long? ZoneId,
    long? PatrolId);

public sealed record HazardReportDto(long Id, DateTime At, string By, string Note, bool Closes);

public sealed record HazardDetailDto(HazardDto Hazard, IReadOnlyList<HazardReportDto> Reports);

public sealed record HazardRaised(long Id, string TrackingCode);

/// <summary>The hazards' routes: raised by anyone signed in (the public raise them on the report page), read by those who read the sites.</summary>
public static class HeritageHazardsApi
{
    public static HazardDto ToDto(this HazardView h) => new(h.Hazard.MatterId, h.Hazard.SiteId, h.Site, h.Hazard.CategoryCode, h.TrackingCode, h.Description,
        h.State, h.Urgent, h.Open, h.Hazard.RaisedAt, h.RespondDueAt, h.DueAt, h.AcceptedAt, h.ResolvedAt, h.Hazard.ZoneId, h.Hazard.PatrolId);

    public static RouteGroupBuilder MapHeritageHazards(this RouteGroupBuilder group)
    {
        group.MapGet("/hazards", async Task<Ok<ListOf<HazardDto>>> (string? division, bool? all, HeritageHazards hazards, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<HazardDto>([.. (await hazards.ListAsync(division!, !(all ?? false), ct)).Select(h => h.ToDto())])))
            .RequiresDivisionInScope().RequireAuthorization(HeritagePolicies.Read)
            .WithSummary("The division's hazards, newest first (open ones unless all=true), with the matter's state and deadlines");
        group.MapGet("/hazards/{id:long}", async Task<Results<Ok<HazardDetailDto>, NotFound<ProblemDetailsBody>>> (long id, HeritageHazards hazards,
            CancellationToken ct) =>
            await hazards.FindAsync(id, ct) is { } h
                ? TypedResults.Ok(new HazardDetailDto(h.ToDto(), [.. (await hazards.ReportsAsync(id, ct)).Select(r => new HazardReportDto(r.Id, r.At, r.By, r.Note, r.Closes))]))
                : ProblemSetup.NotFound())
            .RequireAuthorization(HeritagePolicies.Read).WithSummary("One hazard with what was reported from the site");
        group.MapPost("/hazards", async Task<Created<HazardRaised>> (HttpRequest request, HttpContext http, HeritageHazards hazards, CancellationToken ct) =>
        {
            var form = await Forms.ReadAsync(request, ct);
            var matter = await hazards.RaiseAsync(new HazardInput(Forms.Id(form, "siteId"), form["categoryCode"].ToString(), form["description"].ToString(),
                form["reporterPhone"].ToString() is { Length: > 0 } phone ? phone : null, Forms.Id(form, "patrolId")), [.. form.Files.GetFiles("photos")], http.User, ct);
            return TypedResults.Created($"/api/heritage/hazards/{matter.Id}", new HazardRaised(matter.Id, matter.TrackingCode));
        }).RequireAuthorization().DisableAntiforgery().AddEndpointFilter<CookieAntiforgery>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Platform.Files.FileStore.MaxRequestBytes)).ProducesValidationProblem()
            .WithSummary("Raises a hazard at a site (multipart: siteId, categoryCode heritage.*, description, reporterPhone, patrolId, photos); anyone signed in (the public use the report page)");
        return group;
    }
}
