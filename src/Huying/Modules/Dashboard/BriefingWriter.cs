using Huying.Modules.Organisation;
using Huying.Platform.Composition;
using Huying.Platform.Web;

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
public sealed class BriefingWriter(BriefingSections sections, IServiceScopeFactory scopes, SharedCounts shared, TimeProvider clock)
{
    /// <summary>The practices in the report's order; one a module names that is not here comes after them.</summary>
    private static readonly string[] Practices = ["党建+驻区单位", "党建+志愿服务", "党建+治理创新", "每月一件事", "文物保护", "医疗帮扶", "同城通办"];

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>How many sections are counted at once: the machine's cores (SQLite counts in this process), at least two.</summary>
    private static readonly int Together = Math.Max(2, Environment.ProcessorCount);

    /// <summary>The heading number of the i-th paragraph (一、二、…), as such reports number them.</summary>
    public static string Numeral(int i) => Numerals[Math.Min(i, Numerals.Length - 1)];

    public DateOnly Today => DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Writes the briefing. Each module's section counts in a service scope (and database context) of its own, side
    /// by side, under the same reader's scope; nothing here touches the caller's context, so a page may go on with its
    /// own queries while the briefing is written.
    /// </summary>
    public async Task<BriefingDto> WriteAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var today = Today;
        var end = to ?? today;
        string name;
        await using (var own = scopes.CreateAsyncScope())
        {
            name = await own.ServiceProvider.GetRequiredService<OrganisationService>().DivisionNameAsync(division, ct) ?? division;
        }
        var scope = new BriefingScope(division, Community.ShortName(name), from ?? new DateOnly(end.Year, 1, 1), end);
        using var gate = new SemaphoreSlim(Together);
        // On threads of their own: SQLite's "async" calls run to the end on the caller's thread.
        var written = await Task.WhenAll(sections.Types.Select(type => Task.Run(async () =>
        {
            await gate.WaitAsync(ct);
            try
            {
                await using var own = scopes.CreateAsyncScope();
                own.ServiceProvider.GetRequiredService<SharedCounts>().ShareWith(shared);
                return await ((IBriefingSection)own.ServiceProvider.GetRequiredService(type)).WriteAsync(scope, today, ct);
            }
            finally
            {
                gate.Release();
            }
        }, ct)));
        var parts = written.Where(p => p is { Sentences.Count: > 0 }).Select(p => p!).ToList();
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
            : title + "\n\n" + string.Join("\n\n", paragraphs.Select((p, i) => $"{Numeral(i)}、{p.Practice}\n{p.Text}"));
        return new BriefingDto(scope.Division, scope.DivisionName, scope.From, scope.To, title, text, paragraphs,
            [.. paragraphs.SelectMany(p => p.Sentences).SelectMany(s => s.Figures)]);
    }
}
