using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// This build's intake against another build's, interleaved (<c>--only intake-ab</c>, with <c>HUYING_BENCH_OTHER</c> the
/// other build's Huying.dll — a git worktree of the commit before, published as AppProcess.Dll publishes this one). Both run at once as their own
/// processes, each on its own SQLite file of the demo, and are loaded in turn for a few seconds each — this, other;
/// other, this; … — so that both meet the machine in the same moods: runs of the intake bench a few minutes apart
/// moved by ±15 % here, the ceiling too, which hid any change smaller than that. Each round gives a ratio; the median
/// of the rounds is the figure. On PostgreSQL instead when HUYING_BENCH_POSTGRES names a server and HUYING_BENCH_SKIP_SQLITE=1:
/// each build on a database of its own there, and the server's CPU an intake printed beside the app's. The other build's
/// environment is HUYING_BENCH_OTHER_ENV's where set (the same build under two settings: HUYING_BENCH_OTHER this one's dll).
/// </summary>
internal static class IntakeAbBench
{
    public static async Task RunAsync(Table table, int seconds, int connections, int rounds)
    {
        var other = Environment.GetEnvironmentVariable("HUYING_BENCH_OTHER") is { Length: > 0 } path && File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new InvalidOperationException("intake-ab compares with another build: HUYING_BENCH_OTHER=<its Huying.dll> (dotnet publish src/Huying -c Release -r linux-x64 in a worktree)");
        var folder = Directory.CreateTempSubdirectory("huying-intake-ab-").FullName;
        var pg = Environment.GetEnvironmentVariable("HUYING_BENCH_POSTGRES") is { Length: > 0 } named
            && Environment.GetEnvironmentVariable("HUYING_BENCH_SKIP_SQLITE") == "1" ? named : null;
        var provider = pg is null ? "SQLite" : "PostgreSQL";
        var databases = new List<string>();
        async Task<AppProcess> StartAsync(string file, string? dll)
        {
            var settings = dll is not null && Environment.GetEnvironmentVariable("HUYING_BENCH_OTHER_ENV") is not null
                ? IntakeBench.AppSettings("HUYING_BENCH_OTHER_ENV") : IntakeBench.AppSettings();
            if (pg is null)
            {
                return await AppProcess.StartAsync(Path.Combine(folder, file), settings, connections, dll);
            }
            var (connection, postgres) = await IntakeBench.PostgresAsync(pg, connections, settings);
            databases.Add(connection);
            return await AppProcess.StartAsync("", postgres, connections, dll);
        }
        try
        {
            await using var mine = await StartAsync("this.db", null);
            await using var theirs = await StartAsync("other.db", other);
            (AppProcess App, string Token, string Name)[] builds =
                [(mine, await mine.TokenAsync("fuqian.staff"), "this build"), (theirs, await theirs.TokenAsync("fuqian.staff"), "the other build")];
            foreach (var (app, token, _) in builds)
            {
                await MatterBench.LoadAsync(app, "/api/matters", token, IntakeBench.WarmUp, connections, null);
            }
            var measured = builds.Select(_ => new List<(MatterBench.Load Load, double Cpu, double Server)>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var i in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                {
                    var (app, token, _) = builds[i];
                    var (cpu, server) = (app.CpuSeconds(), Cpu.OfName("postgres"));
                    var load = await MatterBench.LoadAsync(app, "/api/matters", token, seconds, connections, null);
                    var requests = Math.Max(1, load.Created + load.Errors);
                    measured[i].Add((load, (app.CpuSeconds() - cpu) * 1000 / requests, (Cpu.OfName("postgres") - server) * 1000 / requests));
                }
            }
            for (var i = 0; i < builds.Length; i++)
            {
                var runs = measured[i];
                table.AddRow($"intake, {builds[i].Name}: POST /api/matters, {provider}", $"{IntakeBench.Median(runs.Select(r => r.Load.PerSecond)):F0}", "req/s",
                    $"median of {rounds} rounds of {seconds} s: {string.Join(", ", runs.Select(r => r.Load.PerSecond.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}; "
                    + $"p99 {IntakeBench.Median(runs.Select(r => r.Load.P99)):F1} ms; app CPU {IntakeBench.Median(runs.Select(r => r.Cpu)):F3} ms an intake"
                    + (pg is null ? "; " : $", the server's {IntakeBench.Median(runs.Select(r => r.Server)):F3} ms; ")
                    + $"{MatterBench.Load.ErrorsOf(runs.Select(r => r.Load))}; {connections} connections");
            }
            var ratios = measured[0].Zip(measured[1], (a, b) => a.Load.PerSecond / b.Load.PerSecond).ToList();
            table.AddRow("intake, this build ÷ the other", $"{IntakeBench.Median(ratios):F3}", "×",
                $"round by round: {string.Join(", ", ratios.Select(r => r.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}; the other: {other}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
            foreach (var connection in databases)
            {
                await IntakeBench.DropAsync(pg!, connection);
            }
        }
    }
}
