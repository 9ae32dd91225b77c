using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// Intake against its two ceilings, on the demo data, per database (SQLite with synchronous FULL; PostgreSQL when
/// HUYING_BENCH_POSTGRES names a server, fsync on): <c>POST /api/matters</c> on the Release app as its own process,
/// and the bare baseline process on the same database (<see cref="BaselineServer"/>) answering one raw INSERT a
/// request and, as the group-commit ceiling, one writer committing up to 256 rows a transaction. All three at the
/// same connections for the same seconds, one after the other in the same run; every 201 counted in the database.
/// </summary>
internal static class IntakeBench
{
    public static async Task RunAsync(Table table, int seconds, int connections)
    {
        var folder = Directory.CreateTempSubdirectory("huying-intake-").FullName;
        var settings = AppSettings();
        try
        {
            var database = Path.Combine(folder, "huying.db");
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_SKIP_SQLITE") != "1")
            {
                await MeasureAsync(table, "SQLite", seconds, connections, database, false, settings,
                    () => new SqliteConnection($"Data Source={database}"));
            }
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_POSTGRES") is { Length: > 0 } pg)
            {
                var name = $"huying_intake_{Guid.NewGuid():N}";
                await using (var admin = new NpgsqlConnection(pg))
                {
                    await admin.OpenAsync();
                    await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
                }
                var connection = new NpgsqlConnectionStringBuilder(pg) { Database = name, MaxPoolSize = connections + 8 }.ToString();
                var postgres = new Dictionary<string, string>(settings) { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Huying"] = connection };
                await MeasureAsync(table, "PostgreSQL", seconds, connections, connection, true, postgres, () => new NpgsqlConnection(connection));
                NpgsqlConnection.ClearAllPools();
                await using (var admin = new NpgsqlConnection(pg))
                {
                    await admin.OpenAsync();
                    await new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Seconds each endpoint is loaded, unmeasured, right before its measured run (see below).</summary>
    internal const int WarmUp = 20;

    /// <summary>The intake app's settings: no rate limits, and what HUYING_BENCH_APP_ENV="NAME=value;…" adds to its
    /// environment (runtime settings such as DOTNET_GCConserveMemory, to compare).</summary>
    internal static Dictionary<string, string> AppSettings()
    {
        var settings = new Dictionary<string, string> { ["RateLimits__PublicPerMinute"] = "100000000", ["RateLimits__UserPerMinute"] = "100000000" };
        foreach (var pair in (Environment.GetEnvironmentVariable("HUYING_BENCH_APP_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            settings[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }
        return settings;
    }

    private static async Task MeasureAsync(Table table, string provider, int seconds, int connections, string database, bool postgres,
        Dictionary<string, string> settings, Func<DbConnection> open)
    {
        await using var app = await AppProcess.StartAsync(postgres ? "" : database, settings, connections);
        await using var bare = await BaselineServer.StartAsync(database, connections, postgres);
        var token = await app.TokenAsync("fuqian.staff");
        // Each endpoint is first loaded, unmeasured, right before its measured run, so no run pays for the JIT or the
        // first connections. Ten seconds: the runtime compiles a method again, optimised, only after it has been called
        // a while, and the app has hundreds on its path; with three, and forty idle seconds between the warm-up and the
        // measured run, the app still compiled ~0.5 s of CPU in the run's first seconds (dotnet-counters, 6 December).
        await MatterBench.LoadAsync(bare, "/bench/baseline-intake", null, WarmUp, connections, null);
        var single = await MatterBench.LoadAsync(bare, "/bench/baseline-intake", null, seconds, connections, null);
        await MatterBench.LoadAsync(bare, "/bench/baseline-batch", null, WarmUp, connections, null);
        var batch = await MatterBench.LoadAsync(bare, "/bench/baseline-batch", null, seconds, connections, null);
        await MatterBench.LoadAsync(app, "/api/matters", token, WarmUp, connections, null);
        var rss = new List<double>();
        var (appCpu, databaseCpu, benchCpu) = (app.CpuSeconds(), Cpu.OfName("postgres"), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
        var huying = await MatterBench.LoadAsync(app, "/api/matters", token, seconds, connections, rss);
        (appCpu, databaseCpu, benchCpu) = (app.CpuSeconds() - appCpu, Cpu.OfName("postgres") - databaseCpu,
            Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchCpu);
        string Row(MatterBench.Load l) => $"p50 {l.P50:F1} ms, p99 {l.P99:F1} ms, {l.ErrorsText}, {connections} connections, {seconds} s";
        table.AddRow($"intake baseline, {provider}: one raw INSERT a request", $"{single.PerSecond:F0}", "req/s", Row(single));
        table.AddRow($"intake ceiling, {provider}: one writer, ≤ 256 rows a commit", $"{batch.PerSecond:F0}", "req/s", Row(batch));
        table.AddRow($"intake Huying, {provider}: POST /api/matters", $"{huying.PerSecond:F0}", "req/s", Row(huying) + $", RSS ≤ {rss.DefaultIfEmpty(0).Max():F0} MiB ({app.PeakRssParts}; the demo seeded in the same process)");
        var requests = huying.Created + huying.Errors;
        table.AddRow($"CPU per Huying intake, {provider}", $"{appCpu * 1000 / requests:F2}", "ms",
            $"the app; PostgreSQL's server {databaseCpu * 1000 / requests:F2} ms, the load generator {benchCpu * 1000 / requests:F2} ms (2 cores: {2000.0 / (appCpu * 1000 / requests + databaseCpu * 1000 / requests + benchCpu * 1000 / requests):F0} req/s at most)");
        table.AddRow($"intake Huying ÷ single INSERT, {provider}", $"{huying.PerSecond / single.PerSecond:F2}", "×", "goal ≥ 1.0");
        table.AddRow($"intake Huying ÷ group-commit ceiling, {provider}", $"{huying.PerSecond / batch.PerSecond:F2}", "×", postgres ? "printed" : "goal ≥ 0.5");
        await using var connection = open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Matters\" WHERE \"Description\" LIKE @marker";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@marker";
        parameter.Value = huying.Marker + "%";
        command.Parameters.Add(parameter);
        var durable = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        table.AddRow($"201s that are in the database, {provider}", $"{durable:N0} / {huying.Created:N0}", "rows",
            durable == huying.Created ? "every acknowledged intake saved" : "LOST INTAKES");
        await using var unlinked = connection.CreateCommand();
        unlinked.CommandText = "SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Sequence\" IS NULL";
        table.AddRow($"audit lines not yet linked when the load ended, {provider}", $"{await unlinked.ExecuteScalarAsync():N0}", "lines", "read right after the last request");
    }
}
