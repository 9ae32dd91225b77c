using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Huying.Platform.Web;

/// <summary>The body of an act that needs no fields.</summary>
public sealed record EmptyBody;

/// <summary>What a change's code needs from its request: services, the user, route values, the cancellation.</summary>
public sealed record ChangeCall(HttpContext Http, CancellationToken Ct)
{
    public ClaimsPrincipal User => Http.User;

    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();

    public long RouteId(string name) => long.Parse((string)Http.GetRouteValue(name)!, CultureInfo.InvariantCulture);

    public string Route(string name) => (string)Http.GetRouteValue(name)!;
}

/// <summary>
/// The one shape of an endpoint that changes a record: load it in the caller's scope (404 when out of it), let the
/// service act — it authorizes and refuses by throwing (400 fields, 403 role, 409 rule) — and answer with what the
/// act returns (the record as it now is; null when a sub-record named by the route is not there: 404).
/// </summary>
public static class RecordEndpoints
{
    // The endpoints of these generic shapes are built when the app starts, not by the request delegate generator at compile
    // time (it makes no generic ones): 31 of about 200.
#pragma warning disable RDG011
    /// <summary>An empty body is read as <paramref name="empty"/> (an action that needs no fields may be posted bare).</summary>
    public static RouteHandlerBuilder MapChange<TRecord, TBody, TDto>(this RouteGroupBuilder group, string pattern,
        Func<ChangeCall, long, Task<TRecord?>> load, Func<ChangeCall, TRecord, TBody, Task<TDto?>> act, TBody empty, string method = "POST")
        where TRecord : class where TBody : class where TDto : class =>
        group.MapMethods(pattern, [method], async Task<Results<Ok<TDto>, NotFound<ProblemDetailsBody>>> (long id,
            [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TBody? body, HttpContext http, CancellationToken ct) =>
        {
            var call = new ChangeCall(http, ct);
            return await load(call, id) is { } record && await act(call, record, body ?? empty) is { } answer ? TypedResults.Ok(answer) : ProblemSetup.NotFound();
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The same shape for an act that makes a new record from this one (a project from a need): 201 at <paramref name="location"/>.</summary>
    public static RouteHandlerBuilder MapCreateFrom<TRecord, TBody, TDto>(this RouteGroupBuilder group, string pattern,
        Func<ChangeCall, long, Task<TRecord?>> load, Func<ChangeCall, TRecord, TBody, Task<TDto>> act, Func<TDto, string> location, TBody empty)
        where TRecord : class where TBody : class where TDto : class =>
        group.MapPost(pattern, async Task<Results<Created<TDto>, NotFound<ProblemDetailsBody>>> (long id,
            [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TBody? body, HttpContext http, CancellationToken ct) =>
        {
            var call = new ChangeCall(http, ct);
            if (await load(call, id) is not { } record)
            {
                return ProblemSetup.NotFound();
            }
            var created = await act(call, record, body ?? empty);
            return TypedResults.Created(location(created), created);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
#pragma warning restore RDG011
}
