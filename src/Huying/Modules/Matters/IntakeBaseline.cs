using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>
/// For the intake benchmark only (Bench:Baseline=true): the cheapest possible intake on the same database
/// settings — no authentication, no validation, one raw INSERT of a matter row per request — so that Huying's
/// real intake can be measured against it in the same run.
/// </summary>
public static class IntakeBaseline
{
    public static IEndpointRouteBuilder MapIntakeBaseline(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue("Bench:Baseline", false))
        {
            return app;
        }
        app.MapPost("/bench/baseline-intake", async (HuyingContextFactory contexts, CancellationToken ct) =>
        {
            await using var db = contexts.Create(DataScope.System);
            var now = DateTime.UtcNow;
            var code = Platform.Web.TrackingCodes.New("B");
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Matters" ("TrackingCode", "CommunityCode", "GridId", "BuildingId", "Address", "CategoryCode", "Description",
                    "Channel", "State", "Handler", "SubmittedAt", "SubmittedMonth", "SubmittedDay", "RespondDueAt", "DueAt", "WarnAt", "NextNoticeAt", "ReopenCount",
                    "ExtensionCount", "Counted", "WasAccepted", "AcceptedOnTime", "WasResolved", "ResolvedOnTime", "HandlingMinutes", "Rated",
                    "Satisfied", "Version")
                VALUES ({code}, '140827400016', NULL, NULL, '河边三巷', 'drainage', '基准：河边三巷积水', 1, 1, 1, {now}, {Matter.MonthOf(now)}, {Matter.DayOf(now)}, {now.AddHours(2)},
                    {now.AddHours(2)}, {now.AddHours(1.6)}, {now.AddHours(1.6)}, 0, 0, TRUE, FALSE, FALSE, FALSE, FALSE, 0, FALSE, FALSE, 0)
                """, ct);
            return Results.Created($"/bench/{code}", new { trackingCode = code });
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
