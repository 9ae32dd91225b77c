using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Dashboard;

/// <summary>A saved briefing in a list.</summary>
public sealed record BriefingIssueRow(long Id, string Division, string DivisionName, DateOnly From, DateOnly To, string Title, BriefingStatus Status,
    bool Scheduled, DateTime CreatedAt, string CreatedBy, DateTime? PublishedAt);

/// <summary>The saved briefings: drafted from the figures, edited, published to the notice boards, downloaded as .docx or PDF.</summary>
public static class BriefingIssuesApi
{
    public static void MapBriefingIssues(this RouteGroupBuilder group)
    {
        group.MapGet("/briefings", async Task<Ok<ListOf<BriefingIssueRow>>> (BriefingIssues issues, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<BriefingIssueRow>([.. (await issues.RecentAsync(100, ct)).Select(i => new BriefingIssueRow(i.Id, i.Division, i.DivisionName,
                i.From, i.To, i.Title, i.Status, i.Scheduled, i.CreatedAt, i.CreatedBy, i.PublishedAt))])))
            .WithSummary("The latest saved briefings of divisions wholly in the caller's scope, newest period first");
        group.MapPost("/briefings", async Task<Results<Created<BriefingIssueDto>, NotFound<ProblemDetailsBody>>> (BriefingDraftInput input, BriefingIssues issues, CancellationToken ct) =>
            await issues.DraftAsync(input, ct) is { } issue
                ? TypedResults.Created($"/api/briefings/{issue.Id}", BriefingIssues.ToDto(issue))
                : ProblemSetup.NotFound())
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).RequireAuthorization(BriefingPolicies.Edit)
            .WithSummary("Draft a briefing from the figures of a division wholly in the caller's scope, to edit before publishing");
        group.MapGet("/briefings/{id:long}", async Task<Results<Ok<BriefingIssueDto>, NotFound<ProblemDetailsBody>>> (long id, BriefingIssues issues, CancellationToken ct) =>
            await issues.IssueAsync(id, ct) is { } issue ? TypedResults.Ok(BriefingIssues.ToDto(issue)) : ProblemSetup.NotFound())
            .WithSummary("A saved briefing: each paragraph as generated and as edited, the numbers an edit changed, the figures behind it");
        group.MapChange<BriefingIssue, BriefingEditInput, BriefingIssueDto>("/briefings/{id:long}", (c, id) => c.Service<BriefingIssues>().IssueAsync(id, c.Ct),
            async (c, issue, body) =>
            {
                await c.Service<BriefingIssues>().EditAsync(issue, body, c.Ct);
                return BriefingIssues.ToDto(issue);
            }, new BriefingEditInput(null, null), "PUT").RequireAuthorization(BriefingPolicies.Edit)
            .WithSummary("Edit a draft's paragraphs (all of them, in order); an edit that changes a number is marked in the published text");
        group.MapChange<BriefingIssue, EmptyBody, BriefingIssueDto>("/briefings/{id:long}/publish", (c, id) => c.Service<BriefingIssues>().IssueAsync(id, c.Ct),
            async (c, issue, _) =>
            {
                await c.Service<BriefingIssues>().PublishAsync(issue, c.Ct);
                return BriefingIssues.ToDto(issue);
            }, new EmptyBody()).RequireAuthorization(BriefingPolicies.Edit)
            .WithSummary("Publish a draft as a 党务公开 notice on the board of every community of its division");
        group.MapGet("/briefings/{id:long}.docx", async Task<Results<FileContentHttpResult, NotFound<ProblemDetailsBody>>> (long id, BriefingIssues issues, CancellationToken ct) =>
            await issues.IssueAsync(id, ct) is { } issue && BriefingPrint.Of(issue) is var print
                ? TypedResults.File(BriefingDocument.Write(print), BriefingDocument.ContentType, print.FileName + ".docx")
                : ProblemSetup.NotFound())
            .WithSummary("A saved briefing as a Word document (.docx), edits and their notes included");
        group.MapGet("/briefings/{id:long}.pdf", async Task<Results<FileContentHttpResult, NotFound<ProblemDetailsBody>>> (long id, BriefingIssues issues, BriefingPdf pdf, CancellationToken ct) =>
            await issues.IssueAsync(id, ct) is { } issue && BriefingPrint.Of(issue) is var print
                ? TypedResults.File(pdf.Write(print), BriefingPdf.ContentType, print.FileName + ".pdf")
                : ProblemSetup.NotFound())
            .ProducesProblem(StatusCodes.Status409Conflict).WithSummary("A saved briefing as PDF");
    }
}
