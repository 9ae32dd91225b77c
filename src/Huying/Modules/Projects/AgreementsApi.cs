using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Projects;

public static class AgreementsApi
{
    public static void MapAgreementsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/agreements", async Task<Ok<ListOf<AgreementDto>>> (string? community, AgreementsService agreements, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<AgreementDto>(await agreements.ListAsync(community, ct))))
            .WithSummary("共驻共建协议 of a community (a unit sees its own), with whether each is in force today");

        group.MapPost("/agreements", async Task<Created<AgreementDto>> (AgreementInput input, AgreementsService agreements, CancellationToken ct) =>
        {
            var agreement = await agreements.SignAsync(input, null, ct);
            var dto = (await agreements.ListAsync(agreement.CommunityCode, ct)).First(a => a.Id == agreement.Id);
            return TypedResults.Created($"/api/projects/agreements/{agreement.Id}", dto);
        }).ProducesValidationProblem().RequireAuthorization(Policies.CommunityStaff).WithSummary("Record a signed agreement, or renew one (renewsId)");
    }
}
