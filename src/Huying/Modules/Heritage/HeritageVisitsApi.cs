using Huying.Modules.Organisation;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Heritage;

public sealed record VisitDto(long Id, string? Code, long SiteId, string GroupName, int Size, int? Attended, DateOnly VisitOn, string? Guide,
    string? ContactName, string? ContactPhoneMasked, VisitState State, DateTime BookedAt);

public sealed record VisitBooked(string Code, DateOnly VisitOn, VisitState State);

public sealed record VisitReceipt(int? Attended, string? Guide);

public sealed record EventDto(long Id, string Title, EventKind Kind, DateOnly On, string Place, string CommunityCode, int? Attendance);

public sealed record AttendanceInput(int? Attendance);

/// <summary>Education: visit bookings (anyone books; the bases receive) and events with their attendance.</summary>
public static class HeritageVisitsApi
{
    private static VisitDto ToDto(HeritageVisit v) => new(v.Id, v.Code, v.SiteId, v.GroupName, v.Size, v.Attended, v.VisitOn, v.Guide, v.ContactName,
        v.ContactPhoneMasked, v.State, v.BookedAt);

    private static EventDto ToDto(HeritageEvent e) => new(e.Id, e.Title, e.Kind, e.On, e.Place, e.CommunityCode, e.Attendance);

    public static RouteGroupBuilder MapHeritageVisits(this RouteGroupBuilder group)
    {
        group.MapGet("/visits", async Task<Ok<ListOf<VisitDto>>> (string? division, bool? past, HeritageVisits visits, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<VisitDto>([.. (await visits.ListAsync(division!, past ?? false, ct)).Select(ToDto)])))
            .RequiresDivisionInScope().RequireAuthorization(HeritagePolicies.Read)
            .WithSummary("The bases' bookings: those ahead soonest first, or past=true the past ones newest first");
        group.MapPost("/visits", async Task<Created<VisitBooked>> (VisitInput input, HeritageVisits visits, CancellationToken ct) =>
        {
            var v = await visits.BookAsync(input, ct);
            return TypedResults.Created($"/heritage/visit/{v.Code}", new VisitBooked(v.Code!, v.VisitOn, v.State));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public).ProducesValidationProblem()
            .WithSummary("Books a group's visit to an education base (anyone): a day from tomorrow up to 90 days ahead, within the base's daily capacity");
        group.MapPost("/visits/{id:long}/received", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (long id, VisitReceipt input,
            HeritageVisits visits, CancellationToken ct) =>
        {
            if (await visits.FindAsync(id, ct) is not { } v)
            {
                return ProblemSetup.NotFound();
            }
            await visits.ReceiveAsync(v, input.Attended, input.Guide, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(HeritagePolicies.Keep).ProducesValidationProblem().WithSummary("The base received the group: who came, who guided");
        group.MapPost("/visits/{id:long}/cancel", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (long id, HeritageVisits visits,
            CancellationToken ct) =>
        {
            if (await visits.FindAsync(id, ct) is not { } v)
            {
                return ProblemSetup.NotFound();
            }
            await visits.CancelAsync(v, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(HeritagePolicies.Keep).WithSummary("The base calls a booked visit off");
        group.MapGet("/events", async Task<Ok<ListOf<EventDto>>> (string? division, HeritageVisits visits, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<EventDto>([.. (await visits.EventsAsync(division!, ct)).Select(ToDto)])))
            .RequiresDivisionInScope().RequireAuthorization(HeritagePolicies.Read).WithSummary("The division's education events, newest first");
        group.MapPost("/events", async Task<Created<EventDto>> (EventInput input, HeritageVisits visits, CancellationToken ct) =>
        {
            var e = await visits.AddEventAsync(input, ct);
            return TypedResults.Created($"/api/heritage/events/{e.Id}", ToDto(e));
        }).RequireAuthorization(HeritagePolicies.Keep).ProducesValidationProblem()
            .WithSummary("Plans an event (kind=schoolTalk|villageTalk|museumDay|heritageDay|other) in a village or community in scope");
        group.MapPost("/events/{id:long}/attendance", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (long id, AttendanceInput input,
            HeritageVisits visits, CancellationToken ct) =>
        {
            if (await visits.FindEventAsync(id, ct) is not { } e)
            {
                return ProblemSetup.NotFound();
            }
            await visits.RecordAttendanceAsync(e, input.Attendance, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(HeritagePolicies.Keep).ProducesValidationProblem().WithSummary("Records who came, once the event was held");
        return group;
    }
}
