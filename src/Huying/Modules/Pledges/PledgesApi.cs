using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

public sealed record PledgeDto(long Id, string CommunityCode, long MemberId, string Member, string Month, PledgeKind Kind, string Title, string DoneWhen,
    DateOnly DueOn, string? HelpNeeded, long? OpinionItemId, long? CarriedFromId, PledgeState State, string? Progress, string? SelfReport,
    PledgeRating? Rating, string? Commendation, int Amendments, int Version);

public sealed record OpinionItemDto(long Id, string CommunityCode, string Title, OpinionSource Source, DateOnly GatheredOn, string? RaisedBy,
    string? Place, PledgeKind? Kind, int Claims, string? Origin);

public sealed record FiledDto(int Filed);

/// <summary>A member's own year: the counts, and each closed pledge with its rating and commendation.</summary>
public sealed record MyYearDto(int Year, MemberYear Summary, IReadOnlyList<PledgeDto> Closed);

/// <summary>One step of a pledge's way (Claimed, Submitted, Approved, Filed, Published, Progress, Help, Reported, Done …) with its photos.</summary>
public sealed record PledgeStepDto(long Id, DateTime At, string By, string Action, string? Note, IReadOnlyList<long> PhotoIds);

public sealed record BoardDto(long NoticeId, int Version);

public static class PledgesApi
{
    public static PledgeDto ToDto(this Pledge p) => new(p.Id, p.CommunityCode, p.MemberId, p.Member?.Name ?? "", PledgeService.MonthKey(p.Month), p.Kind, p.Title,
        p.DoneWhen, p.DueOn, p.HelpNeeded, p.OpinionItemId, p.CarriedFromId, p.State, p.Progress, p.SelfReport, p.Rating, p.Commendation, p.Amendments, p.Version);

    public static BranchMemberDto ToDto(this BranchMember m) => new(m.Id, m.CommunityCode, m.Name, m.JoinedOn, m.LeftOn, m.UserId is not null);

    public static OpinionItemDto ToDto(this OpinionItem o) => new(o.Id, o.CommunityCode, o.Title, o.Source, o.GatheredOn, o.RaisedBy, o.Place, o.Kind, o.Claims, o.Origin);

    public static IEndpointRouteBuilder MapPledgesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pledges").WithTags("Pledges").RequireAuthorization(Policies.SignedIn);

        group.MapGet("", async Task<Results<Ok<ListOf<PledgeDto>>, ValidationProblem>> (string? community, string? month, PledgeService service, CancellationToken ct) =>
        {
            if (month is { Length: > 0 } && PledgeService.ParseMonth(month) is null)
            {
                return new FieldErrors().Add("month", "Give the month as 2026-03").ToProblem();
            }
            return TypedResults.Ok(new ListOf<PledgeDto>([.. (await service.ListAsync(community, PledgeService.ParseMonth(month), ct)).Select(p => p.ToDto())]));
        }).WithSummary("Pledges of a month: the caller's own (a member), or the branches in scope (community=, month=2026-03)");

        group.MapPost("", async Task<Created<PledgeDto>> (PledgeInput input, PledgeService service, CancellationToken ct) =>
        {
            var p = await service.ClaimAsync(input, ct);
            return TypedResults.Created($"/api/pledges/{p.Id}", p.ToDto());
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Claim a pledge (a draft): the caller's own, or a member's (the branch's staff)");

        group.MapGet("/me/year", async Task<Results<Ok<MyYearDto>, NotFound<ProblemDetailsBody>, ValidationProblem>> (int? year, PledgeService service, CancellationToken ct) =>
        {
            var y = year ?? service.ThisMonth.Year;
            if (y is < 2000 or > 2100)
            {
                return new FieldErrors().Add("year", "Give a year between 2000 and 2100").ToProblem();
            }
            return await service.MyYearAsync(y, ct) is { } mine
                ? TypedResults.Ok(new MyYearDto(y, mine.Summary, [.. mine.Closed.Select(p => p.ToDto())])) : ProblemSetup.NotFound();
        }).WithSummary("The signed-in member's year (for 评优评先): claimed, done, ratings, residents' satisfaction, commendations");

        group.MapGet("/{id:long}", async Task<Results<Ok<PledgeDto>, NotFound<ProblemDetailsBody>>> (long id, PledgeService service, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } p ? TypedResults.Ok(p.ToDto()) : ProblemSetup.NotFound()).WithSummary("One pledge");

        Change<EmptyBody>(group, "/{id:long}/submit", (s, p, _, ct) => s.SubmitAsync(p, ct), new EmptyBody(), "The member hands the draft to the branch");
        Change<ReviewInput>(group, "/{id:long}/review", (s, p, b, ct) => s.ReviewAsync(p, b, ct), new ReviewInput(null, null),
            "村支委会研究: approve (the meeting recorded) or send back (with the reason)");
        Change<EmptyBody>(group, "/{id:long}/file", (s, p, _, ct) => s.FileAsync(p, ct), new EmptyBody(), "镇党委备案: the town files an approved pledge");
        Change<NoteInput>(group, "/{id:long}/progress", (s, p, b, ct) => s.ReportProgressAsync(p, b, [], ct), new NoteInput(null), "督诺: progress and difficulties");
        Change<NoteInput>(group, "/{id:long}/help", (s, p, b, ct) => s.RecordHelpAsync(p, b, ct), new NoteInput(null), "Help the branch gave");
        Change<NoteInput>(group, "/{id:long}/report", (s, p, b, ct) => s.SelfReportAsync(p, b, [], ct), new NoteInput(null), "评诺: the member's month-end self-report");
        Change<CloseInput>(group, "/{id:long}/close", (s, p, b, ct) => s.CloseAsync(p, b, ct), new CloseInput(null, null, null, null),
            "评诺: the branch's rating and outcome (completed, notCompleted, carryOn), and a commendation when it gives one");
        Change<AmendInput>(group, "/{id:long}/amend", (s, p, b, ct) => s.AmendAsync(p, b, ct), new AmendInput(null, null, null, null),
            "A recorded amendment of a filed pledge (a new board version)");

        group.MapGet("/{id:long}/steps", async Task<Results<Ok<ListOf<PledgeStepDto>>, NotFound<ProblemDetailsBody>>> (long id, PledgeService service,
            CancellationToken ct) =>
        {
            if (await service.FindAsync(id, ct) is not { } p)
            {
                return ProblemSetup.NotFound();
            }
            var steps = await service.StepsAsync(p, ct);
            var photos = await service.PhotosAsync(steps, ct);
            return TypedResults.Ok(new ListOf<PledgeStepDto>([.. steps.Select(s => new PledgeStepDto(s.Id, s.At, s.By, s.Action, s.Note, [.. photos[s.Id]]))]));
        }).WithSummary("A pledge's steps, oldest first, with the photos of its reports (/files/{photoId})");

        group.MapPost("/{id:long}/steps/{stepId:long}/photos", async Task<Results<Ok<PledgeStepDto>, NotFound<ProblemDetailsBody>>> (long id, long stepId,
            HttpRequest request, PledgeService service, CancellationToken ct) =>
        {
            if (await service.FindAsync(id, ct) is not { } p)
            {
                return ProblemSetup.NotFound();
            }
            var step = await service.AttachPhotosAsync(p, stepId, [.. (await Forms.ReadAsync(request, ct)).Files.GetFiles("photos")], ct);
            var ids = await service.PhotosAsync([step], ct);
            return TypedResults.Ok(new PledgeStepDto(step.Id, step.At, step.By, step.Action, step.Note, [.. ids[step.Id]]));
        }).DisableAntiforgery().AddEndpointFilter<CookieAntiforgery>().WithMetadata(new RequestSizeLimitAttribute(Platform.Files.FileStore.MaxRequestBytes))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Photos for a progress report or the month-end report (multipart: photos, up to four a report); without a bearer token, with the antiforgery token");

        group.MapPost("/branches/{community}/{month}/file", async Task<Results<Ok<FiledDto>, NotFound<ProblemDetailsBody>>> (string community, string month,
            PledgeService service, CancellationToken ct) =>
            PledgeService.ParseMonth(month) is { } m && await service.BranchAsync(community, ct) is not null
                ? TypedResults.Ok(new FiledDto(await service.FileAllAsync(community, m, ct))) : ProblemSetup.NotFound())
            .ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("The town files a branch's approved pledges of a month at once");

        group.MapPost("/branches/{community}/{month}/publish", async Task<Results<Ok<BoardDto>, NotFound<ProblemDetailsBody>>> (string community, string month,
            PledgeService service, CancellationToken ct) =>
        {
            if (PledgeService.ParseMonth(month) is not { } m || await service.BranchAsync(community, ct) is null)
            {
                return ProblemSetup.NotFound();
            }
            var notice = await service.PublishAsync(community, m, ct);
            return TypedResults.Ok(new BoardDto(notice.Id, notice.CurrentVersion));
        }).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("晒诺: the branch shows its filed pledges of the month on the party-affairs board");

        group.MapPost("/branches/{community}/remind", async Task<Results<Ok<RemindResult>, NotFound<ProblemDetailsBody>>> (string community,
            PledgeService service, CancellationToken ct) =>
            await service.BranchAsync(community, ct) is not null ? TypedResults.Ok(await service.RemindAsync(community, ct)) : ProblemSetup.NotFound())
            .ProducesProblem(StatusCodes.Status403Forbidden).RequireAuthorization(PledgePolicies.Oversee)
            .WithSummary("One tap: remind the branch's members who are behind today (no pledge, no progress report, no month-end report), once a day each");

        group.MapGet("/branches/{community}/members", async Task<Results<Ok<ListOf<BranchMemberDto>>, NotFound<ProblemDetailsBody>>> (string community,
            PledgeService service, CancellationToken ct) =>
            await service.BranchAsync(community, ct) is not null
                ? TypedResults.Ok(new ListOf<BranchMemberDto>([.. (await service.MembersAsync(community, ct)).Select(m => m.ToDto())])) : ProblemSetup.NotFound())
            .RequireAuthorization(PledgePolicies.Oversee).WithSummary("A branch's party members (those who left in the last year last)");

        group.MapPost("/branches/{community}/members", async Task<Results<Created<BranchMemberDto>, NotFound<ProblemDetailsBody>>> (string community,
            BranchMemberInput input, PledgeService service, CancellationToken ct) =>
        {
            if (await service.BranchAsync(community, ct) is null)
            {
                return ProblemSetup.NotFound();
            }
            var m = await service.AddMemberAsync(community, input, ct);
            return TypedResults.Created($"/api/pledges/branches/{community}/members/{m.Id}", m.ToDto());
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).RequireAuthorization(PledgePolicies.Oversee)
            .WithSummary("Add a party member to the branch's list (name, joinedOn, account: the user name of their party-member account)");

        group.MapDelete("/branches/{community}/members/{memberId:long}", async Task<Results<Ok<BranchMemberDto>, NotFound<ProblemDetailsBody>>> (string community,
            long memberId, PledgeService service, CancellationToken ct) =>
            await service.BranchAsync(community, ct) is not null && await service.RemoveMemberAsync(community, memberId, ct) is { } m
                ? TypedResults.Ok(m.ToDto()) : ProblemSetup.NotFound())
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(PledgePolicies.Oversee)
            .WithSummary("A member leaves the branch (moved, transferred): no pledge expected from next month; their pledges stay");

        group.MapGet("/towns/{town}/settings", async Task<Results<Ok<TownSettingsDto>, NotFound<ProblemDetailsBody>>> (string town, PledgeService service,
            CancellationToken ct) =>
            await service.TownInScopeAsync(town, ct) is { } t ? TypedResults.Ok(PledgeService.ToDto(t)) : ProblemSetup.NotFound())
            .RequireAuthorization(PledgePolicies.Oversee).WithSummary("A town's dates (board by, progress by) and whether the public board masks names");

        group.MapPut("/towns/{town}/settings", async Task<Results<Ok<TownSettingsDto>, NotFound<ProblemDetailsBody>>> (string town, TownSettingsInput input,
            PledgeService service, CancellationToken ct) =>
            await service.TownInScopeAsync(town, ct) is not null ? TypedResults.Ok(PledgeService.ToDto(await service.SetTownAsync(town, input, ct))) : ProblemSetup.NotFound())
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).RequireAuthorization(PledgePolicies.Oversee)
            .WithSummary("The town party committee sets its dates and the board's naming (a new board version when the naming changes)");

        group.MapGet("/opinions", async Task<Ok<ListOf<OpinionItemDto>>> (string? community, PledgeService service, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<OpinionItemDto>([.. (await service.OpinionsAsync(community, ct)).Select(o => o.ToDto())])))
            .WithSummary("The opinion list (民意事项清单) of the caller's branch, or of the branches in scope");

        group.MapPost("/opinions", async Task<Created<OpinionItemDto>> (OpinionInput input, PledgeService service, CancellationToken ct) =>
        {
            var o = await service.AddOpinionAsync(input, ct);
            return TypedResults.Created($"/api/pledges/opinions/{o.Id}", o.ToDto());
        }).ProducesValidationProblem().WithSummary("Add an item gathered at a 民情恳谈会 or 民意大走访").RequireAuthorization(PledgePolicies.Oversee);

        group.MapGet("/compliance", async Task<Results<Ok<ListOf<BranchCompliance>>, ValidationProblem>> (string? division, string? month, PledgeService service,
            CancellationToken ct) =>
            month is { Length: > 0 } && PledgeService.ParseMonth(month) is null
                ? new FieldErrors().Add("month", "Give the month as 2026-03").ToProblem()
                : TypedResults.Ok(new ListOf<BranchCompliance>(await service.ComplianceAsync(division!, PledgeService.ParseMonth(month) ?? service.ThisMonth, ct))))
            .RequiresDivisionInScope().WithSummary("Each branch's month: members without a pledge, what waits on whom, what is overdue").RequireAuthorization(PledgePolicies.Oversee);

        group.MapGet("/figures", async Task<Ok<PledgeFigures>> (string? division, DateOnly? from, DateOnly? to, PledgeService service, CancellationToken ct) =>
            TypedResults.Ok(await service.FiguresAsync(division!, from, to, ct)))
            .RequiresDivisionInScope().ReadsReplica().WithSummary("Pledges claimed and completed, members without a pledge (in the period's last month)").RequireAuthorization(Policies.StaffOrUnit);

        group.MapGet("/figures/counts", async Task<Results<Ok<ListOf<PledgeCount>>, ValidationProblem>> (string? division, DateOnly? from, DateOnly? to, string? by,
            PledgeService service, CancellationToken ct) =>
            by is null or "kind" or "month" or "branch"
                ? TypedResults.Ok(new ListOf<PledgeCount>(await service.CountsAsync(division!, from, to, by ?? "kind", ct)))
                : new FieldErrors().Add("by", "Count by kind, month or branch").ToProblem())
            .RequiresDivisionInScope().WithSummary("Claimed and completed by kind, month or branch").RequireAuthorization(Policies.StaffOrUnit);

        group.MapGet("/year.xlsx", async Task<Results<EmptyHttpResult, ValidationProblem>> (string? division, int? year, PledgeService service, HttpContext http,
            CancellationToken ct) =>
        {
            var y = year ?? DateTime.UtcNow.AddHours(8).Year;
            if (y is < 2000 or > 2100)
            {
                return new FieldErrors().Add("year", "Give a year between 2000 and 2100").ToProblem();
            }
            var rows = await service.YearAsync(division!, y, ct);
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"pledges-{y}.xlsx\"";
            // MiniExcel needs a seekable stream to write a zip; the file is buffered, then sent.
            using var buffer = new MemoryStream();
            await PledgeService.WriteYearXlsxAsync(buffer, rows, ct);
            buffer.Position = 0;
            await buffer.CopyToAsync(http.Response.Body, ct);
            return TypedResults.Empty;
        }).RequiresDivisionInScope().WithSummary("Every member's year (claimed, done, ratings, residents' satisfaction) as .xlsx, for 评优评先")
            .RequireAuthorization(PledgePolicies.Oversee);

        return app;
    }

    private static void Change<TBody>(RouteGroupBuilder group, string pattern, Func<PledgeService, Pledge, TBody, CancellationToken, Task<Pledge>> act, TBody empty,
        string summary) where TBody : class =>
        group.MapChange<Pledge, TBody, PledgeDto>(pattern, (c, id) => c.Service<PledgeService>().FindAsync(id, c.Ct),
            async (c, p, body) => (await act(c.Service<PledgeService>(), p, body, c.Ct)).ToDto(), empty).WithSummary(summary);
}
