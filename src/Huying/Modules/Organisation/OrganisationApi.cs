using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Organisation;

public static class OrganisationApi
{
    public sealed record Breakdown(string Division, IReadOnlyList<CommunityRow> Rows);

    public static IEndpointRouteBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/org").WithTags("Organisation");

        org.MapGet("/summary", async Task<Results<Ok<OrgSummary>, ValidationProblem, NotFound<ProblemDetailsBody>>> (
            string? division, OrganisationService service, CancellationToken ct) =>
        {
            var errors = CheckDivision(division);
            if (!errors.IsEmpty)
            {
                return errors.ToProblem();
            }
            var summary = await service.SummaryAsync(division!.Trim(), ct);
            return summary is null ? ProblemSetup.NotFound() : TypedResults.Ok(summary);
        })
        .WithSummary("Counts of the four-level structure and what lies beneath, in the caller's scope")
        .RequireAuthorization(Policies.Staff);

        org.MapGet("/communities", async Task<Results<Ok<Breakdown>, ValidationProblem, NotFound<ProblemDetailsBody>>> (
            string? division, OrganisationService service, CancellationToken ct) =>
        {
            var errors = CheckDivision(division);
            if (!errors.IsEmpty)
            {
                return errors.ToProblem();
            }
            var rows = await service.BreakdownAsync(division!.Trim(), ct);
            return rows.Count == 0 ? ProblemSetup.NotFound() : TypedResults.Ok(new Breakdown(division, rows));
        })
        .WithSummary("The same counts, one row per community in the caller's scope")
        .RequireAuthorization(Policies.Staff);

        org.MapGet("/partner-units", async Task<Ok<ListOf<PartnerUnitDto>>> (string? community, OrganisationService service,
            CancellationToken ct) => TypedResults.Ok(new ListOf<PartnerUnitDto>(await service.PartnerUnitsAsync(community, ct))))
        .WithSummary("Partner units linked to a community (a liaison sees its own unit)")
        .RequireAuthorization(Policies.StaffOrUnit);

        org.MapPut("/communities/{code}/position", async Task<Results<Ok<CommunityPlace>, NotFound<ProblemDetailsBody>>> (string code,
            PositionInput input, CommunityPlaces places, CancellationToken ct) =>
            await places.FindAsync(code, ct) is { } community ? TypedResults.Ok(await places.PlaceAsync(community, input, ct)) : ProblemSetup.NotFound())
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
        .WithSummary("Place a community on the county's map (its office, WGS-84); both null takes it off")
        .RequireAuthorization(OrganisationPolicies.PlaceCommunity);

        return app;
    }

    private static FieldErrors CheckDivision(string? division) => new FieldErrors().Add("division",
        string.IsNullOrWhiteSpace(division) ? "Division code is required"
        : division.Trim() is { Length: 2 or 4 or 6 or 9 or 12 } d && d.All(char.IsAsciiDigit) ? null
        : "Division code must be 2, 4, 6, 9 or 12 digits");
}
