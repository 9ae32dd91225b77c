using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Organisation;

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("People").RequireAuthorization(Policies.Staff);

        people.MapGet("/", async Task<Ok<PageOf<PersonListItem>>> (string? community, string? q, int? page,
            PeopleService service, CancellationToken ct) =>
            TypedResults.Ok(await service.SearchAsync(community, q, page ?? 1, ct)))
            .WithSummary("Search people in scope by name, full ID number, full mobile or the last four digits");

        people.MapGet("/{id:long}", async Task<Results<Ok<PersonDetail>, NotFound<ProblemDetailsBody>>> (long id,
            PeopleService service, ClaimsPrincipal user, CancellationToken ct) =>
            await service.GetAsync(id, user, ct) is { } person ? TypedResults.Ok(person) : ProblemSetup.NotFound())
            .WithSummary("One person, with ID number and phone masked");

        people.MapPost("/", async Task<Results<Created<PersonDetail>, ValidationProblem>> (PersonInput input,
            PeopleService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (errors, person) = await service.CreateAsync(input, ct);
            if (person is null)
            {
                return errors.ToProblem();
            }
            return TypedResults.Created($"/api/people/{person.Id}", await service.GetAsync(person.Id, user, ct));
        })
        .WithSummary("Register a person in a household")
        .RequireAuthorization(OrganisationPolicies.PeopleWrite);

        people.MapPut("/{id:long}", async Task<Results<Ok<PersonDetail>, ValidationProblem, NotFound<ProblemDetailsBody>>> (
            long id, PersonInput input, PeopleService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (errors, person) = await service.UpdateAsync(id, input, ct);
            if (person is null)
            {
                return ProblemSetup.NotFound();
            }
            if (!errors.IsEmpty)
            {
                return errors.ToProblem();
            }
            return TypedResults.Ok((await service.GetAsync(id, user, ct))!);
        })
        .WithSummary("Edit a person")
        .RequireAuthorization(OrganisationPolicies.PeopleWrite);

        people.MapPost("/{id:long}/reveal", async Task<Results<Ok<RevealResult>, ValidationProblem, NotFound<ProblemDetailsBody>>> (
            long id, RevealRequest request, PeopleService service, CancellationToken ct) =>
        {
            var (errors, result) = await service.RevealAsync(id, request, ct);
            if (result is not null)
            {
                return TypedResults.Ok(result);
            }
            return errors.IsEmpty ? ProblemSetup.NotFound() : errors.ToProblem();
        })
        .WithSummary("Reveal a full ID number or phone, with a reason; the reveal is audited")
        .RequireAuthorization(Policies.RevealPersonalData);

        return app;
    }
}
