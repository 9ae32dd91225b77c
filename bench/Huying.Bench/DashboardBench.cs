using System.Diagnostics;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// The city's dashboard (运城市) and briefing over a year with a million matters and every other module at the size of its own
/// benchmark (100k volunteering activities, 29k pledges, 100k same-city cases, 5k heritage sites, 50k patients, 7.5k projects),
/// on the Release app as its own process and a SQLite file: the first request after start (cold: nothing compiled or
/// cached) and then 200 more (warm), against /healthz in the same run.
/// </summary>
internal static class DashboardBench
{
    public static async Task RunAsync(Table table, int matters)
    {
        // HUYING_BENCH_DASHBOARD_DB keeps the loaded database for the next run (loading takes minutes; measuring one).
        var kept = Environment.GetEnvironmentVariable("HUYING_BENCH_DASHBOARD_DB");
        var folder = kept is { Length: > 0 } ? Path.GetDirectoryName(Path.GetFullPath(kept))! : Directory.CreateTempSubdirectory("huying-dashboard-").FullName;
        var database = kept is { Length: > 0 } ? Path.GetFullPath(kept) : Path.Combine(folder, "huying.db");
        try
        {
            if (kept is null || !File.Exists(database))
            {
                await LoadAsync(table, database, matters);
            }
            await MeasureAsync(table, database, matters);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (kept is null)
            {
                Directory.Delete(folder, true);
            }
        }
    }

    private static async Task LoadAsync(Table table, string database, int matters)
    {
        await using (await AppProcess.StartAsync(database))
        {
        }
        var watch = Stopwatch.StartNew();
        await MatterBench.FillAsync(database, matters);
        table.AddRow("dashboard: matters loaded for the run", $"{matters:N0}", "rows", $"{watch.Elapsed.TotalSeconds:F0} s bulk insert");
        // The wave's other modules at the sizes their own benchmarks use, so every practice's figures count at scale.
        watch.Restart();
        var sqlite = $"Data Source={database}";
        var (activities, _) = await VolunteeringBench.FillAsync(database, 100_000);
        var (_, pledges) = await PledgesBench.FillAsync(database, 60, 40, 12);
        var cases = await ProxyBench.FillAsync(DatabaseProvider.Sqlite, sqlite, 100_000);
        var villages = (await HeritageBench.FillAsync(DatabaseProvider.Sqlite, sqlite, 5_000)).Count;
        var (patients, followUps) = await HealthBench.FillAsync(DatabaseProvider.Sqlite, sqlite, 50_000);
        var (projects, milestones) = await ProjectBench.FillAsync(database, 500, 10);
        await MatterBench.RecountAsync(database);
        table.AddRow("dashboard: the other modules loaded", $"{watch.Elapsed.TotalSeconds:F0}", "s",
            $"{activities:N0} activities, {pledges:N0} pledges, {cases:N0} same-city cases, 5,000 heritage sites in {villages:N0} villages, {patients:N0} patients ({followUps:N0} follow-ups), {projects:N0} projects ({milestones:N0} milestones); tallies and rollups rebuilt");
    }

    private static async Task MeasureAsync(Table table, string database, int matters)
    {
        var settings = new Dictionary<string, string> { ["Demo__Enabled"] = "false", ["Background__Enabled"] = "false", ["RateLimits__UserPerMinute"] = "100000000" };
        await using var app = await AppProcess.StartAsync(database, settings);
        var city = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }.WithBearer(await app.TokenAsync("city"));
        // Cold: the very first request of each page after the start.
        foreach (var (name, url) in new[]
        {
            ("the city's dashboard", "/dashboard?division=1408"),
            ("the county's dashboard", "/dashboard?division=140827"),
            ("the city's briefing (JSON)", "/api/briefing?division=1408"),
        })
        {
            table.AddRow($"dashboard, cold: {name}", $"{await QueryBench.TimeAsync(city, url):F0}", "ms", "first request after start, goal < 200 ms (briefing < 2 s)");
        }
        await QueryBench.Measure(table, "baseline: GET /healthz (same run, SQLite)", city, "/healthz");
        // Counted afresh: each request a period no earlier one asked for (a reader's view is kept a minute). The code is
        // warmed first (the JIT's tiers, EF's compiled queries) by 30 periods of their own, not measured: the cold rows
        // above are the first requests; these are a running server's.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        foreach (var i in Enumerable.Range(0, 30))
        {
            await QueryBench.TimeAsync(city, $"/dashboard?division={(i % 2 == 0 ? "1408" : "140827")}&from={today.AddDays(-500 - i):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        }
        foreach (var (name, division) in new[] { ("the city's", "1408"), ("the county's", "140827") })
        {
            await EachAsync(table, $"dashboard, counted afresh: {name}, {matters:N0} matters", city,
                [.. Enumerable.Range(0, 60).Select(i => $"/dashboard?division={division}&from={today.AddDays(-365 - i):yyyy-MM-dd}&to={today:yyyy-MM-dd}")]);
        }
        await EachAsync(table, $"briefing (JSON), counted afresh: the city's", city,
            [.. Enumerable.Range(0, 60).Select(i => $"/api/briefing?division=1408&from={today.AddDays(-300 - i):yyyy-MM-dd}&to={today:yyyy-MM-dd}")]);
        await QueryBench.Measure(table, $"dashboard, kept (warm): the city's, {matters:N0} matters", city, "/dashboard?division=1408");
        await QueryBench.Measure(table, $"briefing, warm: the city's, {matters:N0} matters", city, "/api/briefing?division=1408");
        // Where the counting goes: the figures the city's dashboard reads, one by one, each counted afresh as above.
        string Year(int i) => $"from={today.AddDays(-365 - i):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        foreach (var (name, url) in new (string, Func<int, string>)[]
        {
            ("/api/kpis/matters", i => $"/api/kpis/matters?division=1408&{Year(i)}&groupBy=community"),
            ("/api/kpis/matters (months)", i => $"/api/kpis/matters?division=1408&from={today.AddMonths(-11 - i):yyyy-MM}-01&to={today:yyyy-MM-dd}&groupBy=month"),
            ("/api/org/summary (no period)", _ => "/api/org/summary?division=1408"),
            ("/api/volunteering/figures", i => $"/api/volunteering/figures?division=1408&{Year(i)}"),
            ("/api/pledges/figures", i => $"/api/pledges/figures?division=1408&{Year(i)}"),
            ("/api/proxy/figures", i => $"/api/proxy/figures?division=1408&{Year(i)}"),
            ("/api/heritage/figures", i => $"/api/heritage/figures?division=1408&{Year(i)}"),
            ("/api/health/figures", i => $"/api/health/figures?division=1408&{Year(i)}"),
            ("/api/projects/figures", i => $"/api/projects/figures?community=1408&{Year(i)}"),
            ("/api/deliberation/figures", i => $"/api/deliberation/figures?division=1408&{Year(i)}"),
        })
        {
            await EachAsync(table, $"  part, afresh: {name}", city, [.. Enumerable.Range(0, 60).Select(url)]);
        }
    }

    /// <summary>One request to each address (none asked before), p50 / p95 of them.</summary>
    private static async Task EachAsync(Table table, string name, HttpClient client, IReadOnlyList<string> urls)
    {
        var times = new List<double>();
        foreach (var url in urls)
        {
            times.Add(await QueryBench.TimeAsync(client, url));
        }
        var (p50, p95, max) = Stats.Of(times);
        table.AddRow(name, $"{p50:F1} / {p95:F1}", "ms p50 / p95", $"max {max:F1} ms, {urls.Count} periods, goal < 200 ms");
    }
}
