using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public static class InServiceApi
{
    public static void MapInServiceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/in-service").WithTags("Projects").RequireAuthorization(ProjectPolicies.InService);

        group.MapPost("/members", async Task<Created<long>> (MemberInput input, InServiceService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // Staff record a report for someone; anyone else reports themselves (and the service says who may).
            var member = user.Holds(Policies.CommunityStaff) ? await service.RecordReportAsync(input, ct) : await service.ReportSelfAsync(ct);
            return TypedResults.Created($"/api/projects/in-service/members/{member.Id}", member.Id);
        }).ProducesValidationProblem().WithSummary("双报到: a party member of a county unit reports to the home community (staff may record it for them)");

        group.MapChange<InServiceMember, RevealInput, RevealedPhone>("/members/{id:long}/reveal-phone",
            (c, id) => c.Service<HuyingDbContext>().InServiceMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, c.Ct),
            async (c, member, body) => new RevealedPhone(await c.Service<InServiceService>().RevealPhoneAsync(member, body.Reason, c.Ct)), new RevealInput(null))
            .RequireAuthorization(Policies.RevealPersonalData).WithSummary("Reveal an in-service member's phone, with a reason; audited");

        group.MapPost("/tasks", async Task<Created<long>> (TaskInput input, InServiceService service, CancellationToken ct) =>
        {
            var task = await service.AddTaskAsync(input, ct);
            return TypedResults.Created($"/api/projects/in-service/tasks/{task.Id}", task.Id);
        }).ProducesValidationProblem().RequireAuthorization(Policies.CommunityStaff).WithSummary("Offer a service task (community staff)");

        group.MapPost("/tasks/{id:long}/sign-up", async Task<Results<Created<long>, NotFound<ProblemDetailsBody>>> (long id, InServiceService service,
            HuyingDbContext db, CancellationToken ct) =>
        {
            if (await db.ServiceTasks.FirstOrDefaultAsync(t => t.Id == id, ct) is not { } task)
            {
                return ProblemSetup.NotFound();
            }
            var record = await service.SignUpAsync(task, ct);
            return TypedResults.Created($"/api/projects/in-service/records/{record.Id}", record.Id);
        }).RequireAuthorization(Policies.PartyMember).WithSummary("A reported member picks a service task");

        group.MapPost("/records/{id:long}", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (long id, ServiceInput input, InServiceService service,
            HuyingDbContext db, CancellationToken ct) =>
        {
            if (await db.ServiceRecords.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } record)
            {
                return ProblemSetup.NotFound();
            }
            await service.RecordAsync(record, input, ct);
            return TypedResults.NoContent();
        }).ProducesValidationProblem().RequireAuthorization(Policies.CommunityStaff).WithSummary("Record the hours a member served (community staff)");
    }
}
