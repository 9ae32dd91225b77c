using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public sealed record AttendeeDto(long Id, string Name, AttendeeRole Role, long? UnitId, bool Present);

public sealed record JointMeetingDto(long Id, string CommunityCode, string Title, DateTime HeldAt, string? Venue, IReadOnlyList<long> AgendaNeedIds,
    string? Minutes, IReadOnlyList<AttendeeDto> Attendees, IReadOnlyList<long> ProjectIds);

public sealed record MeetingRecordInput(List<long>? Present, string? Minutes, List<string>? Guests);

public static class JointMeetingsApi
{
    public static async Task<JointMeetingDto> ToDtoAsync(this JointMeeting m, HuyingDbContext db, CancellationToken ct) =>
        (await ToDtosAsync([m], db, ct))[0];

    /// <summary>Meetings with the projects each decided, read in one query for all of them.</summary>
    public static async Task<List<JointMeetingDto>> ToDtosAsync(IReadOnlyList<JointMeeting> meetings, HuyingDbContext db, CancellationToken ct)
    {
        var ids = meetings.Select(m => m.Id).ToList();
        var decided = (await db.Projects.AsNoTracking().Where(p => p.MeetingId != null && ids.Contains(p.MeetingId.Value)).OrderBy(p => p.Id)
            .Select(p => new { MeetingId = p.MeetingId!.Value, p.Id }).ToListAsync(ct)).ToLookup(p => p.MeetingId, p => p.Id);
        return [.. meetings.Select(m => new JointMeetingDto(m.Id, m.CommunityCode, m.Title, m.HeldAt, m.Venue, m.AgendaNeedIds, m.Minutes,
            [.. m.Attendees.OrderBy(a => a.Role).ThenBy(a => a.Id).Select(a => new AttendeeDto(a.Id, a.Name, a.Role, a.PartnerUnitId, a.Present))],
            [.. decided[m.Id]]))];
    }

    public static void MapJointMeetingsApi(this RouteGroupBuilder group)
    {
        group.MapPost("/meetings", async Task<Created<JointMeetingDto>> (MeetingInput input, JointMeetingsService meetings, HuyingDbContext db, CancellationToken ct) =>
        {
            var meeting = await meetings.ConveneAsync(input, ct);
            return TypedResults.Created($"/api/projects/meetings/{meeting.Id}", await meeting.ToDtoAsync(db, ct));
        }).ProducesValidationProblem().RequireAuthorization(Policies.CommunityStaff).WithSummary("Convene a joint meeting of the big committee with open needs on the agenda");

        group.MapGet("/meetings", async Task<Ok<ListOf<JointMeetingDto>>> (string? community, JointMeetingsService meetings, HuyingDbContext db, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<JointMeetingDto>(await ToDtosAsync(await meetings.MeetingsAsync(community, ct), db, ct))));

        group.MapGet("/meetings/{id:long}", async Task<Results<Ok<JointMeetingDto>, NotFound<ProblemDetailsBody>>> (long id, JointMeetingsService meetings,
            HuyingDbContext db, CancellationToken ct) =>
            await meetings.MeetingAsync(id, ct) is { } m ? TypedResults.Ok(await m.ToDtoAsync(db, ct)) : ProblemSetup.NotFound());

        group.MapChange<JointMeeting, MeetingRecordInput, JointMeetingDto>("/meetings/{id:long}/record",
            (c, id) => c.Service<JointMeetingsService>().MeetingAsync(id, c.Ct), async (c, meeting, body) =>
            {
                await c.Service<JointMeetingsService>().RecordAsync(meeting, body.Present ?? [], body.Minutes, body.Guests, c.Ct);
                return await meeting.ToDtoAsync(c.Service<HuyingDbContext>(), c.Ct);
            }, new MeetingRecordInput(null, null, null)).RequireAuthorization(Policies.CommunityStaff)
            .WithSummary("Take attendance (and add resident representatives) and write the minutes");

        group.MapCreateFrom<JointMeeting, DecisionInput, ProjectDto>("/meetings/{id:long}/decisions",
            (c, id) => c.Service<JointMeetingsService>().MeetingAsync(id, c.Ct), async (c, meeting, body) =>
            {
                var project = await c.Service<JointMeetingsService>().DecideAsync(meeting, body, c.Ct);
                return await project.ToDtoAsync(c, c.Ct);
            }, p => $"/api/projects/{p.Id}", new DecisionInput(null, null, null, null, null))
            .RequireAuthorization(Policies.CommunityStaff).WithSummary("A decision: needs become a project adopted by one or more units");
    }
}
