using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Huying.Platform.Demo;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Dashboard;

public sealed record BriefingParagraph(string Practice, string Text, IReadOnlyList<BriefingSentence> Sentences);

/// <summary>The briefing of a scope and period: its title, the whole text, the paragraphs and every figure behind them.</summary>
public sealed record BriefingDto(string Division, string DivisionName, DateOnly From, DateOnly To, string Title, string Text,
    IReadOnlyList<BriefingParagraph> Paragraphs, IReadOnlyList<BriefingFigure> Figures);

/// <summary>
/// 工作简报: the text the county used to type from spreadsheets, written from the modules' figures. Every module
/// that has something to say for the scope adds its sentences (<see cref="IBriefingSection"/>); a practice with no
/// data has no paragraph, and no number in the text is typed.
/// </summary>
public sealed class BriefingWriter(IEnumerable<IBriefingSection> sections, OrganisationService organisation, TimeProvider clock)
{
    /// <summary>The practices in the report's order; one a module names that is not here comes after them.</summary>
    private static readonly string[] Practices = ["党建+驻区单位", "党建+志愿服务", "党建+治理创新", "每月一件事", "文物保护", "医疗帮扶", "同城通办"];

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    public async Task<BriefingDto> WriteAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var today = Today;
        var end = to ?? today;
        var scope = new BriefingScope(division, Community.ShortName(await organisation.DivisionNameAsync(division, ct) ?? division), from ?? new DateOnly(end.Year, 1, 1), end);
        var parts = new List<BriefingPart>();
        foreach (var section in sections)
        {
            if (await section.WriteAsync(scope, today, ct) is { Sentences.Count: > 0 } part)
            {
                parts.Add(part);
            }
        }
        var paragraphs = parts.GroupBy(p => p.Practice)
            .OrderBy(g => Array.IndexOf(Practices, g.Key) is var i and >= 0 ? i : Practices.Length).ThenBy(g => g.Min(p => p.Order))
            .Select(g =>
            {
                var sentences = g.OrderBy(p => p.Order).SelectMany(p => p.Sentences).ToList();
                return new BriefingParagraph(g.Key, string.Concat(sentences.Select(s => s.Text)), sentences);
            }).ToList();
        var title = $"{scope.DivisionName}党建引领基层治理工作简报（{scope.From:yyyy年M月d日}—{scope.To:yyyy年M月d日}）";
        var text = paragraphs.Count == 0
            ? title + "\n\n本期暂无数据。"
            : title + "\n\n" + string.Join("\n\n", paragraphs.Select((p, i) => $"{Numerals[Math.Min(i, Numerals.Length - 1)]}、{p.Practice}\n{p.Text}"));
        return new BriefingDto(scope.Division, scope.DivisionName, scope.From, scope.To, title, text, paragraphs,
            [.. paragraphs.SelectMany(p => p.Sentences).SelectMany(s => s.Figures)]);
    }
}

/// <summary>The briefing: written for any division in the caller's scope and any period, for staff and officers.</summary>
public sealed class DashboardModule : HuyingModule
{
    /// <summary>The city's officer (运城市, DESIGN §7): every county of the demo, for the city's briefing and dashboard.</summary>
    public static readonly DemoAccount City = new("city", Roles.CountyOfficer, "运城市委组织部 · 运城市 1408");

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<BriefingWriter>();
        services.AddScoped<DashboardFigures>();
        services.AddNavItem(new NavItem(5, "/dashboard", "Dashboard", Policies.Staff, "nav-dashboard"));
        services.AddNavItem(new NavItem(12, "/briefing", "Work briefing", Policies.Staff, "nav-briefing"));
    }

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => demo.AddAccountAsync(City, "运城市委组织部", "1408");

    public override void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Briefing").RequireAuthorization(Policies.Staff);
        group.MapGet("/briefing", async Task<Ok<BriefingDto>> (string? division, DateOnly? from, DateOnly? to, BriefingWriter writer, CancellationToken ct) =>
            TypedResults.Ok(await writer.WriteAsync(division!, from, to, ct)))
            .RequiresDivisionInScope()
            .WithSummary("The monthly briefing (工作简报) for a division and period (this year to today unless told): the generated Chinese text and the figures behind each sentence");
        group.MapGet("/briefing.docx", async Task<FileContentHttpResult> (string? division, DateOnly? from, DateOnly? to, BriefingWriter writer, CancellationToken ct) =>
        {
            var briefing = await writer.WriteAsync(division!, from, to, ct);
            return TypedResults.File(BriefingDocument.Write(briefing), BriefingDocument.ContentType, $"{briefing.DivisionName}工作简报{briefing.To:yyyyMMdd}.docx");
        }).RequiresDivisionInScope().WithSummary("The same briefing as a Word document (.docx)");
    }
}
