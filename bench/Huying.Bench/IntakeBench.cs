using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// Intake against its two ceilings, on the demo data, per database (SQLite with synchronous FULL; PostgreSQL when
/// HUYING_BENCH_POSTGRES names a server, fsync on): <c>POST /api/matters</c> on the Release app as its own process,
/// and the bare baseline process on the same database (<see cref="BaselineServer"/>) answering one raw INSERT a
/// request and, as the group-commit ceiling, one writer committing up to 256 rows a transaction. All three at the
/// same connections, in rounds of the same seconds in the same run, each ratio taken within its round; every 201
/// counted in the database.
/// </summary>
internal static class IntakeBench
{
    public static async Task RunAsync(Table table, int seconds, int connections, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("huying-intake-").FullName;
        var settings = AppSettings();
        try
        {
            var database = Path.Combine(folder, "huying.db");
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_SKIP_SQLITE") != "1")
            {
                await MeasureAsync(table, "SQLite", seconds, connections, rounds, database, false, settings,
                    () => new SqliteConnection($"Data Source={database}"));
            }
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_POSTGRES") is { Length: > 0 } pg)
            {
                var (connection, postgres) = await PostgresAsync(pg, connections, settings);
                await MeasureAsync(table, "PostgreSQL", seconds, connections, rounds, connection, true, postgres, () => new NpgsqlConnection(connection));
                await DropAsync(pg, connection);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    /// <summary>A new database on the server <paramref name="pg"/> names (the app seeds it): its connection string (a pool for
    /// <paramref name="connections"/>) and the app's settings pointing at it.</summary>
    internal static async Task<(string Connection, Dictionary<string, string> Settings)> PostgresAsync(string pg, int connections,
        Dictionary<string, string> settings)
    {
        var name = $"huying_intake_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(pg))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(pg) { Database = name, MaxPoolSize = connections + 8 }.ToString();
        return (connection, new Dictionary<string, string>(settings) { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Huying"] = connection });
    }

    /// <summary>Drops a database <see cref="PostgresAsync"/> made.</summary>
    internal static async Task DropAsync(string pg, string connection)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(pg);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE {new NpgsqlConnectionStringBuilder(connection).Database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }

    /// <summary>Seconds each endpoint is loaded, unmeasured, right before its measured run (see below).</summary>
    internal const int WarmUp = 20;

    /// <summary>The intake app's settings: no rate limits, and what HUYING_BENCH_APP_ENV="NAME=value;…" (or the variable
    /// <paramref name="variable"/> names) adds to its environment (runtime settings such as DOTNET_GCConserveMemory, to compare).</summary>
    internal static Dictionary<string, string> AppSettings(string variable = "HUYING_BENCH_APP_ENV")
    {
        var settings = new Dictionary<string, string> { ["RateLimits__PublicPerMinute"] = "100000000", ["RateLimits__UserPerMinute"] = "100000000" };
        foreach (var pair in (Environment.GetEnvironmentVariable(variable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            settings[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }
        return settings;
    }

    private static async Task MeasureAsync(Table table, string provider, int seconds, int connections, int rounds, string database, bool postgres,
        Dictionary<string, string> settings, Func<DbConnection> open)
    {
        await using var app = await AppProcess.StartAsync(postgres ? "" : database, settings, connections);
        await using var bare = await BaselineServer.StartAsync(database, connections, postgres);
        var token = await app.TokenAsync("fuqian.staff");
        // Each endpoint is first loaded, unmeasured, so no run pays for the JIT or the first connections. Twenty
        // seconds: the runtime compiles a method again, optimised, only after it has been called a while, and the app
        // has hundreds on its path; with ten, dotnet-counters still saw ~0.5 s of CPU compiling in the measured run's
        // first seconds (6 December).
        (AppProcess Server, string Url, string? Token)[] endpoints =
            [(bare, "/bench/baseline-intake", null), (bare, "/bench/baseline-batch", null), (app, "/api/matters", token)];
        foreach (var (server, url, bearer) in endpoints)
        {
            await MatterBench.LoadAsync(server, url, bearer, WarmUp, connections, null);
        }
        // Then in rounds, the three one after the other (the order turned each round), each round's ratios taken within
        // it: the machine's speed drifts by ±15 % over minutes here, the ceiling's with it (10,000 to 13,800 req/s in
        // runs of one morning), and a ratio of two runs a minute apart carried that drift. The median round is the figure.
        var loads = endpoints.Select(_ => new List<MatterBench.Load>()).ToArray();
        var rss = new List<double>();
        // Each endpoint's rounds: CPU seconds of its server's process, PostgreSQL's and the load generator's, and the
        // whole machine's idle and total CPU seconds.
        var cpu = new (double Server, double Database, double Bench, double Idle, double All)[endpoints.Length];
        for (var round = 0; round < rounds; round++)
        {
            foreach (var i in round % 2 == 0 ? new[] { 0, 1, 2 } : [2, 1, 0])
            {
                var (server, url, bearer) = endpoints[i];
                var (a, d, b, m) = (server.CpuSeconds(), Cpu.OfName("postgres"), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Cpu.OfMachine());
                loads[i].Add(await MatterBench.LoadAsync(server, url, bearer, seconds, connections, i == 2 ? rss : null));
                var machine = Cpu.OfMachine();
                cpu[i] = (cpu[i].Server + server.CpuSeconds() - a, cpu[i].Database + Cpu.OfName("postgres") - d,
                    cpu[i].Bench + Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - b, cpu[i].Idle + machine.Idle - m.Idle, cpu[i].All + machine.All - m.All);
            }
        }
        var (single, batch, huying) = (loads[0], loads[1], loads[2]);
        string Row(List<MatterBench.Load> l) =>
            $"median of {rounds} rounds of {seconds} s: {string.Join(", ", l.Select(x => x.PerSecond.ToString("F0", CultureInfo.InvariantCulture)))}; "
            + $"p50 {Median(l.Select(x => x.P50)):F1} ms, p99 {Median(l.Select(x => x.P99)):F1} ms (worst {l.Max(x => x.P99):F1}), {MatterBench.Load.ErrorsOf(l)}, {connections} connections";
        table.AddRow($"intake baseline, {provider}: one raw INSERT a request", $"{Median(single.Select(l => l.PerSecond)):F0}", "req/s", Row(single));
        table.AddRow($"intake ceiling, {provider}: one writer, ≤ 256 rows a commit", $"{Median(batch.Select(l => l.PerSecond)):F0}", "req/s", Row(batch));
        table.AddRow($"intake Huying, {provider}: POST /api/matters", $"{Median(huying.Select(l => l.PerSecond)):F0}", "req/s", Row(huying) + $", RSS ≤ {rss.DefaultIfEmpty(0).Max():F0} MiB ({app.PeakRssParts}; the demo seeded in the same process)");
        // Milliseconds of CPU a request: the server's process, the database server's (PostgreSQL's processes; SQLite runs in
        // the server's), the load generator's, and the rate two cores could carry at that cost.
        double PerRequest(int i, double seconds) => seconds * 1000 / loads[i].Sum(l => l.Created + l.Errors);
        string Budget(int i, string server)
        {
            var (own, database, bench) = (PerRequest(i, cpu[i].Server), postgres ? PerRequest(i, cpu[i].Database) : 0, PerRequest(i, cpu[i].Bench));
            return $"{server} {own:F3} ms{(postgres ? $", PostgreSQL's server {database:F3} ms" : "")}, the load generator {bench:F3} ms "
                + $"(2 cores: {2000.0 / (own + database + bench):F0} req/s at most; the machine {100 * cpu[i].Idle / cpu[i].All:F0} % idle)";
        }
        table.AddRow($"CPU per Huying intake, {provider}", $"{PerRequest(2, cpu[2].Server):F2}", "ms", Budget(2, "the app"));
        table.AddRow($"CPU per baseline request, {provider}", $"{PerRequest(0, cpu[0].Server):F2}", "ms",
            $"one INSERT a request: {Budget(0, "its process")}; one writer's batches: {Budget(1, "its process")}");
        string Ratios(List<MatterBench.Load> baseline, string goal)
        {
            var ratios = huying.Zip(baseline, (h, b) => h.PerSecond / b.PerSecond).ToList();
            return $"{goal}; round by round: {string.Join(", ", ratios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))}";
        }
        double MedianRatio(List<MatterBench.Load> baseline) => Median(huying.Zip(baseline, (h, b) => h.PerSecond / b.PerSecond));
        table.AddRow($"intake Huying ÷ single INSERT, {provider}", $"{MedianRatio(single):F2}", "×", Ratios(single, "goal ≥ 1.0"));
        table.AddRow($"intake Huying ÷ group-commit ceiling, {provider}", $"{MedianRatio(batch):F2}", "×", Ratios(batch, postgres ? "printed" : "goal ≥ 0.5"));
        await using var connection = open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Matters\" WHERE \"Description\" LIKE @marker";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@marker";
        command.Parameters.Add(parameter);
        var durable = 0L;
        foreach (var load in huying)
        {
            parameter.Value = load.Marker + "%";
            durable += Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        var created = huying.Sum(l => (long)l.Created);
        table.AddRow($"201s that are in the database, {provider}", $"{durable:N0} / {created:N0}", "rows",
            durable == created ? "every acknowledged intake saved" : "LOST INTAKES");
        await using var unlinked = connection.CreateCommand();
        unlinked.CommandText = "SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Sequence\" IS NULL";
        table.AddRow($"audit lines not yet linked when the load ended, {provider}", $"{await unlinked.ExecuteScalarAsync():N0}", "lines", "read right after the last request");
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
