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

        people.MapPost("/", async Task<Created<PersonDetail>> (PersonInput input, PeopleService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var person = await service.CreateAsync(input, ct);
            return TypedResults.Created($"/api/people/{person.Id}", (await service.GetAsync(person.Id, user, ct))!);
        })
        .ProducesValidationProblem()
        .WithSummary("Register a person in a household")
        .RequireAuthorization(OrganisationPolicies.PeopleWrite);

        people.MapChange<Person, PersonInput, PersonDetail>("/{id:long}", (c, id) => c.Service<PeopleService>().FindAsync(id, c.Ct), async (c, person, body) =>
        {
            await c.Service<PeopleService>().UpdateAsync(person, body, c.Ct);
            return await c.Service<PeopleService>().GetAsync(person.Id, c.User, c.Ct);
        }, new PersonInput(null, null, null, null), "PUT")
        .WithSummary("Edit a person")
        .RequireAuthorization(OrganisationPolicies.PeopleWrite);

        people.MapChange<Person, RevealRequest, RevealResult>("/{id:long}/reveal", (c, id) => c.Service<PeopleService>().FindAsync(id, c.Ct),
            async (c, person, body) => await c.Service<PeopleService>().RevealAsync(person, body, c.Ct), new RevealRequest(null, null))
        .WithSummary("Reveal a full ID number or phone, with a reason; the reveal is audited")
        .RequireAuthorization(Policies.RevealPersonalData);

        return app;
    }
}
