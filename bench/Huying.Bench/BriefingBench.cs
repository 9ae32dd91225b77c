using Huying.Tests.Infrastructure;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// The city's briefing (运城市, every county of the demo, this year) written from every module's figures, served by
/// the real app as its own process (SQLite, and PostgreSQL when HUYING_BENCH_POSTGRES is set), against /healthz in the
/// same run.
/// </summary>
internal static class BriefingBench
{
    public static Task RunAsync(Table table) => BenchTarget.EachAsync("briefing", MeasureAsync(table));

    private static Func<BenchTarget, Task> MeasureAsync(Table table) => async t =>
    {
        await using var app = await AppProcess.StartAsync(t.DatabaseFile, new Dictionary<string, string>(t.Settings) { ["Background__Enabled"] = "false" });
        var city = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }.WithBearer(await app.TokenAsync("city"));
        var text = System.Text.Json.JsonDocument.Parse(await city.GetStringAsync("/api/briefing?division=1408")).RootElement.GetProperty("text").GetString() ?? "";
        // A fast answer that said little would be no answer: the city's briefing speaks of all seven practices.
        if (!text.Contains("医疗帮扶", StringComparison.Ordinal) || !text.Contains("文物保护", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The city's briefing left practices out: " + text[..Math.Min(200, text.Length)]);
        }
        await QueryBench.Measure(table, $"baseline: GET /healthz (same run, {t.Name})", city, "/healthz");
        await QueryBench.Measure(table, $"briefing: the city's, this year, demo data ({t.Name})", city, "/api/briefing?division=1408");
        await QueryBench.Measure(table, $"briefing: the city's as Word ({t.Name})", city, "/api/briefing.docx?division=1408");
    };
}
