using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Projects;

public sealed record NeedDto(long Id, string CommunityCode, string CategoryCode, string Title, string? Description, long? BuildingId, string? Place,
    int PeopleAffected, NeedSource Source, NeedStatus Status, string? DropReason, IReadOnlyList<long> MatterIds, IReadOnlyList<long> OfferedTo,
    DateTime CreatedAt, DateTime? AdoptedAt, DateTime? MetAt, long? TopicId);

public sealed record OfferInput(List<long>? UnitIds);

public sealed record ReasonInput(string? Reason);

public static class NeedsApi
{
    public static NeedDto ToDto(this Need n) => new(n.Id, n.CommunityCode, n.CategoryCode, n.Title, n.Description, n.BuildingId, n.Place,
        n.PeopleAffected, n.Source, n.Status, n.DropReason, n.MatterIds, [.. n.Offers.Select(o => o.PartnerUnitId)], n.CreatedAt, n.AdoptedAt, n.MetAt, n.TopicId);

    public static void MapNeedsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/needs", async Task<Ok<ListOf<NeedDto>>> (string? community, string? status, NeedsService needs, CancellationToken ct) =>
        {
            NeedStatus? s = Enum.TryParse<NeedStatus>(status, true, out var parsed) ? parsed : null;
            return TypedResults.Ok(new ListOf<NeedDto>([.. (await needs.NeedsAsync(community, s, ct)).Select(n => n.ToDto())]));
        }).WithSummary("需求清单 of a community (a unit: the needs offered to it)");

        group.MapGet("/needs/suggestions", async Task<Ok<ListOf<NeedSuggestion>>> (string? community, NeedsService needs, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<NeedSuggestion>(await needs.SuggestionsAsync(community, ct))))
            .RequireAuthorization(Policies.CommunityStaff).WithSummary("Places where one kind of matter came back 3+ times within 90 days and no need covers it yet");

        group.MapGet("/needs/{id:long}", async Task<Results<Ok<NeedDto>, NotFound<ProblemDetailsBody>>> (long id, NeedsService needs, CancellationToken ct) =>
            await needs.NeedAsync(id, ct) is { } n ? TypedResults.Ok(n.ToDto()) : ProblemSetup.NotFound());

        group.MapPost("/needs", async Task<Created<NeedDto>> (NeedInput input, NeedsService needs, CancellationToken ct) =>
        {
            var need = await needs.CreateAsync(input, null, ct);
            return TypedResults.Created($"/api/projects/needs/{need.Id}", need.ToDto());
        }).ProducesValidationProblem().RequireAuthorization(Policies.CommunityStaff).WithSummary("Add a need to the list (community staff)");

        group.MapChange<Need, OfferInput, NeedDto>("/needs/{id:long}/offer", (c, id) => c.Service<NeedsService>().NeedAsync(id, c.Ct), async (c, need, body) =>
        {
            await c.Service<NeedsService>().OfferAsync(need, body.UnitIds ?? [], c.Ct);
            return need.ToDto();
        }, new OfferInput(null)).RequireAuthorization(Policies.CommunityStaff).WithSummary("Offer a need to partner units of its community");

        group.MapChange<Need, ReasonInput, NeedDto>("/needs/{id:long}/drop", (c, id) => c.Service<NeedsService>().NeedAsync(id, c.Ct), async (c, need, body) =>
        {
            await c.Service<NeedsService>().DropAsync(need, body.Reason, c.Ct);
            return need.ToDto();
        }, new ReasonInput(null)).RequireAuthorization(Policies.CommunityStaff).WithSummary("Drop a need no project answers, with the reason");

        group.MapCreateFrom<Need, EmptyBody, ProjectDto>("/needs/{id:long}/adopt", (c, id) => c.Service<NeedsService>().NeedAsync(id, c.Ct), async (c, need, _) =>
        {
            var project = await c.Service<NeedsService>().AdoptAsync(need, c.Ct);
            return await project.ToDtoAsync(c, c.Ct);
        }, p => $"/api/projects/{p.Id}", new EmptyBody()).RequireAuthorization(Policies.UnitLiaison).WithSummary("A unit liaison adopts a need offered to the unit: a project of the unit");
    }
}
