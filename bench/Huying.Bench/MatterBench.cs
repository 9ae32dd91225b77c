using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using NpgsqlTypes;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// Matters at scale, on the Release app as its own process and a database holding a million matters (a SQLite file, and
/// a PostgreSQL database when HUYING_BENCH_POSTGRES names a server):
/// a grid worker's queue, county KPIs for a year, and intake at 64 connections against a bare baseline server
/// (<see cref="BaselineServer"/>: its own process on the same file, one raw INSERT a request), with the app's RSS under that load.
/// </summary>
internal static class MatterBench
{
    private const string Fuqian = "140827400016";

    public static Task RunAsync(Table table, int matters, int seconds, int connections) =>
        BenchTarget.EachAsync("matters", t => MeasureAsync(table, t, matters, seconds, connections));

    private static async Task MeasureAsync(Table table, BenchTarget t, int matters, int seconds, int connections)
    {
        var database = t.DatabaseFile;
        var postgres = t.Provider == DatabaseProvider.Postgres;
        // First start: migrate and seed the demo; then a million matters straight into the database.
        await using (await AppProcess.StartAsync(database, t.Settings))
        {
        }
        var watch = Stopwatch.StartNew();
        if (matters > 0)
        {
            await FillAsync(t.Provider, t.Connection, matters);
            await RecountAsync(t.Settings.Count > 0 ? t.Settings : new() { ["ConnectionStrings__Huying"] = t.Connection });
            if (postgres)
            {
                // The recount gave each loaded matter its next notice: that table too as autovacuum would leave it. Then
                // the load's gigabyte written out: a checkpoint the server would otherwise spread over the next minutes,
                // under the catch-up (every page the catch-up then changes first costs a whole page in the log).
                await ScalarAsync(t, "VACUUM ANALYZE \"NextNotices\"");
                await ScalarAsync(t, "CHECKPOINT");
            }
            table.AddRow($"matters loaded for the run ({t.Name})", $"{matters:N0}", "rows", $"{watch.Elapsed.TotalSeconds:F0} s bulk insert + rollup rebuild");
            if (!postgres)
            {
                AppProcess.KeepCopy(database);
            }
            else if (Environment.GetEnvironmentVariable("HUYING_BENCH_KEEP_PG_DB") is { Length: > 0 } keep)
            {
                // The loaded database kept (HUYING_BENCH_KEEP_PG_DB names it) as a template on the same server, to time start-ups on copies of it.
                await OnServerAsync(t, name => $"DROP DATABASE IF EXISTS \"{keep}\" WITH (FORCE)", name => $"CREATE DATABASE \"{keep}\" TEMPLATE {name}");
            }
        }

        var settings = new Dictionary<string, string>(t.Settings) { ["RateLimits__PublicPerMinute"] = "100000000", ["RateLimits__UserPerMinute"] = "100000000", ["Demo__Enabled"] = "false" };
        watch.Restart();
        await using (var app = await AppProcess.StartAsync(database, settings, connections))
        {
            var (caughtUp, notices) = await QuietAsync(t, watch);
            table.AddRow($"deadline sweep catching up on the loaded matters ({t.Name})", $"{caughtUp.TotalSeconds:F1}", "s", $"{notices:N0} supervision notices, from the app's start to the last one written; goal < 10 s");
            await ReadsAsync(app, table, t.Name);
            // Started after the reads: its start-up (JIT, first connections) stays out of their times.
            await using var bare = await BaselineServer.StartAsync(postgres ? t.Connection : database, connections, postgres);

            var baseline = await LoadAsync(bare, "/bench/baseline-intake", null, seconds, connections, null);
            var rss = new List<double>();
            var huying = await LoadAsync(app, "/api/matters", await app.TokenAsync("fuqian.staff"), seconds, connections, rss);
            var parts = $"at the most {app.PeakRssParts}; at the end {app.RssParts()}";
            table.AddRow($"intake baseline: raw INSERT a request ({t.Name})", $"{baseline.PerSecond:F0}", "req/s", $"p50 {baseline.P50:F1} ms, p99 {baseline.P99:F1} ms, {baseline.ErrorsText}, {connections} connections, {seconds} s");
            table.AddRow($"intake Huying: POST /api/matters ({t.Name})", $"{huying.PerSecond:F0}", "req/s", $"p50 {huying.P50:F1} ms, p99 {huying.P99:F1} ms, {huying.ErrorsText}, {connections} connections, {seconds} s");
            table.AddRow($"intake Huying ÷ baseline ({t.Name})", $"{huying.PerSecond / baseline.PerSecond:F2}", "×", "goal ≥ 1.0");
            var durable = await ScalarAsync(t, "SELECT COUNT(*) FROM \"Matters\" WHERE \"Description\" LIKE @marker", huying.Marker + "%");
            table.AddRow($"201s that are in the database ({t.Name})", $"{durable:N0} / {huying.Created:N0}", "rows", durable == huying.Created ? "every acknowledged intake saved" : "LOST INTAKES");
            table.AddRow($"RSS under intake load ({t.Name})", $"{rss.DefaultIfEmpty(0).Max():F0}", "MiB", $"max of {rss.Count} samples, {matters:N0}+ matters; {parts}");
        }
        if (postgres)
        {
            // A million matters are a gigabyte on the bench's server: dropped once measured.
            await OnServerAsync(t, name => $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    /// <summary>
    /// Statements about the bench's PostgreSQL database (each given its name), run from the server's own database with
    /// every pooled connection to it closed first.
    /// </summary>
    private static async Task OnServerAsync(BenchTarget t, params Func<string, string>[] statements)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        var name = new Npgsql.NpgsqlConnectionStringBuilder(t.Connection).Database!;
        await using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(t.Connection) { Database = "postgres" }.ToString());
        await admin.OpenAsync();
        foreach (var statement in statements)
        {
            await new Npgsql.NpgsqlCommand(statement(name), admin).ExecuteNonQueryAsync();
        }
    }

    private static async Task ReadsAsync(AppProcess app, Table table, string target)
    {
        var grid = new HttpClient { BaseAddress = app.Client.BaseAddress }.WithBearer(await app.TokenAsync("fuqian.grid"));
        var county = new HttpClient { BaseAddress = app.Client.BaseAddress }.WithBearer(await app.TokenAsync("county"));
        // The catch-up leaves work behind it (its log copied into the file, its notices through the outbox): the queue is
        // timed once in that, then every read once the app has settled, as a grid worker meets it most of the day.
        await QueryBench.Measure(table, $"grid worker's queue (open, page 1), right after the catch-up ({target})", grid, "/api/matters");
        var settled = await SettledAsync(app);
        table.AddRow($"the app busy after the catch-up ({target})", $"{settled.TotalSeconds:F1}", "s",
            "until it (and PostgreSQL's server) used under 5 % of a core for a second; the reads below are timed after that");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var year = $"/api/kpis/matters?division=140827&from={today.AddYears(-1).AddDays(1 - today.Day).AddMonths(1):yyyy-MM-dd}&to={today.AddDays(-today.Day):yyyy-MM-dd}&groupBy=community";
        foreach (var (name, client, url) in new[]
        {
            ("grid worker's queue (open, page 1)", grid, "/api/matters"),
            ("grid worker's overdue list", grid, "/api/matters?view=overdue"),
            ("grid worker's workbench (GET /api/home)", grid, "/api/home"),
            ("county officer's workbench (GET /api/home)", county, "/api/home"),
            ("county KPIs by community, 12 whole months", county, year),
            ("county KPIs by community, ragged period", county, year.Replace("-01&to", "-10&to", StringComparison.Ordinal)),
            ("county KPIs by category, this month", county, "/api/kpis/matters?division=140827&groupBy=category"),
        })
        {
            await QueryBench.Measure(table, $"{name} ({target})", client, url);
        }
    }

    /// <summary>How long until the app's process and PostgreSQL's, together, used under 5 % of a core over a second (at most a minute).</summary>
    private static async Task<TimeSpan> SettledAsync(AppProcess app)
    {
        var watch = Stopwatch.StartNew();
        var before = app.CpuSeconds() + Cpu.OfName("postgres");
        while (watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(1000);
            var now = app.CpuSeconds() + Cpu.OfName("postgres");
            if (now - before < 0.05)
            {
                break;
            }
            before = now;
        }
        return watch.Elapsed;
    }

    internal sealed record Load(double PerSecond, double P50, double P99, int Created, int Errors, string Marker, IReadOnlyDictionary<int, int> Refused)
    {
        /// <summary>"2 errors (1× 429, 1× 503)": how many answers were not 201, by status.</summary>
        public string ErrorsText => ErrorsOf([this]);

        /// <summary>The same over several loads (rounds of one build).</summary>
        public static string ErrorsOf(IEnumerable<Load> loads)
        {
            var all = loads.SelectMany(l => l.Refused).GroupBy(r => r.Key).OrderBy(g => g.Key).Select(g => $"{g.Sum(r => r.Value)}× {g.Key}").ToList();
            return $"{loads.Sum(l => l.Errors)} errors" + (all.Count == 0 ? "" : $" ({string.Join(", ", all)})");
        }
    }

    internal static async Task<Load> LoadAsync(AppProcess app, string url, string? token, int seconds, int connections, List<double>? rss)
    {
        var marker = $"负载{Guid.NewGuid():N}"[..12];
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = app.Client.BaseAddress };
        if (token is not null)
        {
            client.WithBearer(token);
        }
        // One category (a courtyard's flooding), or with HUYING_BENCH_CATEGORIES=spread the demo's ten top categories in
        // turn, as a county's intake is spread: a batch then touches a rollup row a category.
        string[] categories = Environment.GetEnvironmentVariable("HUYING_BENCH_CATEGORIES") == "spread"
            ? ["roads", "drainage", "sanitation", "parking", "lighting", "disputes", "property", "care", "facilities", "other"]
            : ["drainage"];
        var bodies = categories.Select(category => JsonSerializer.Serialize(new
        {
            categoryCode = category, description = $"{marker} 河边三巷下雨后积水，没过脚踝", communityCode = Fuqian, address = "府前社区河边三巷",
            reporterPhone = "13903591234",
        })).ToArray();
        var sent = 0;
        var latencies = new ConcurrentBag<double>();
        var created = 0;
        var errors = 0;
        var refused = new ConcurrentDictionary<int, int>();
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        using var sampler = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!sampler.IsCancellationRequested && rss is not null)
            {
                rss.Add(app.RssMiB());
                await Task.Delay(1000);
            }
        });
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < stop)
            {
                var watch = Stopwatch.StartNew();
                var body = bodies[(int)((uint)Interlocked.Increment(ref sent) % (uint)bodies.Length)];
                using var response = await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref created);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    refused.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                }
            }
        })));
        var elapsed = total.Elapsed.TotalSeconds;
        await sampler.CancelAsync();
        await sampling;
        var sorted = latencies.OrderBy(x => x).ToList();
        return new Load(created / elapsed, sorted[sorted.Count / 2], sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1], created, errors, marker, refused);
    }

    private static DbConnection Connect(DatabaseProvider provider, string connection) =>
        provider == DatabaseProvider.Postgres ? new Npgsql.NpgsqlConnection(connection) : new SqliteConnection(connection);

    private static async Task<long> ScalarAsync(BenchTarget t, string sql, string? marker = null)
    {
        await using var connection = Connect(t.Provider, t.Connection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (marker is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@marker";
            parameter.Value = marker;
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits until the first deadline sweep has written its notices (the count unchanged for 5 s, looked at every
    /// 250 ms), so the runs below measure steady work; returns when the last notice was seen, on the watch, and the count.
    /// </summary>
    private static async Task<(TimeSpan CaughtUp, long Notices)> QuietAsync(BenchTarget t, Stopwatch watch)
    {
        long last = -1;
        var changed = watch.Elapsed;
        while (watch.Elapsed - changed < TimeSpan.FromSeconds(5))
        {
            var count = await ScalarAsync(t, "SELECT COUNT(*) FROM \"Supervisions\"");
            if (count != last)
            {
                last = count;
                changed = watch.Elapsed;
            }
            await Task.Delay(250);
        }
        return (changed, last);
    }

    internal static Task RecountAsync(string database) => RecountAsync(new Dictionary<string, string> { ["ConnectionStrings__Huying"] = $"Data Source={database}" });

    /// <summary>Rebuilds the matters' rollups with the app's own command, on the database the settings name.</summary>
    private static async Task RecountAsync(IDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [AppProcess.Dll(), "recount"]) { WorkingDirectory = Path.GetDirectoryName(AppProcess.Dll())!, RedirectStandardOutput = true };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        AppProcess.UseChain(start);
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }

    internal static Task FillAsync(string database, int count) => FillAsync(DatabaseProvider.Sqlite, $"Data Source={database}", count);

    /// <summary>
    /// A year of matters across the demo's grids: nine in ten closed, the rest at every open stage. Into SQLite through
    /// one prepared INSERT in one transaction; into PostgreSQL through a binary COPY.
    /// </summary>
    internal static async Task FillAsync(DatabaseProvider provider, string connectionString, int count)
    {
        await using var connection = Connect(provider, connectionString);
        await connection.OpenAsync();
        var places = new List<(long Id, long Grid, string Community)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT \"Id\", \"GridId\", \"CommunityCode\" FROM \"Buildings\"";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                places.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }
        string[] categories = ["roads", "drainage", "sanitation", "parking", "lighting", "disputes", "property", "care", "facilities", "other"];
        var random = new Random(1_000_000);
        var now = DateTime.UtcNow;
        (string Name, NpgsqlDbType Type)[] columns =
        [
            ("TrackingCode", NpgsqlDbType.Varchar), ("CommunityCode", NpgsqlDbType.Varchar), ("GridId", NpgsqlDbType.Bigint), ("BuildingId", NpgsqlDbType.Bigint),
            ("CategoryCode", NpgsqlDbType.Varchar), ("Description", NpgsqlDbType.Varchar), ("Channel", NpgsqlDbType.Integer), ("State", NpgsqlDbType.Integer),
            ("Handler", NpgsqlDbType.Integer), ("SubmittedAt", NpgsqlDbType.TimestampTz), ("SubmittedMonth", NpgsqlDbType.Integer), ("SubmittedDay", NpgsqlDbType.Integer),
            ("RespondDueAt", NpgsqlDbType.TimestampTz), ("AcceptedAt", NpgsqlDbType.TimestampTz), ("ResolveDueAt", NpgsqlDbType.TimestampTz),
            ("ResolvedAt", NpgsqlDbType.TimestampTz), ("ClosedAt", NpgsqlDbType.TimestampTz), ("DueAt", NpgsqlDbType.TimestampTz), ("WarnAt", NpgsqlDbType.TimestampTz),
            ("ReopenCount", NpgsqlDbType.Integer), ("ExtensionCount", NpgsqlDbType.Integer), ("Counted", NpgsqlDbType.Boolean),
            ("WasAccepted", NpgsqlDbType.Boolean), ("AcceptedOnTime", NpgsqlDbType.Boolean), ("WasResolved", NpgsqlDbType.Boolean), ("ResolvedOnTime", NpgsqlDbType.Boolean),
            ("HandlingMinutes", NpgsqlDbType.Bigint), ("Rated", NpgsqlDbType.Boolean), ("Satisfied", NpgsqlDbType.Boolean), ("Version", NpgsqlDbType.Integer),
            ("Rating", NpgsqlDbType.Integer), ("UpdatedAt", NpgsqlDbType.TimestampTz),
        ];
        var names = string.Join(",", columns.Select(c => $"\"{c.Name}\""));
        object?[] Next(int i)
        {
            var place = places[random.Next(places.Count)];
            var submitted = now.AddMinutes(-random.Next(2, 365 * 24 * 60));
            var open = random.Next(100) < 6;
            var state = open ? new[] { 1, 2, 3, 5, 7 }[random.Next(5)] : 9;
            var accepted = state >= 2;
            var resolved = state >= 7;
            var acceptedAt = submitted.AddMinutes(random.Next(5, 200));
            var resolveDue = acceptedAt.AddDays(7);
            var resolvedAt = acceptedAt.AddHours(random.Next(2, 240));
            var due = state switch { 1 => submitted.AddHours(24), 7 => resolvedAt.AddHours(24), 9 => (DateTime?)null, _ => resolveDue };
            var rated = state == 9 && random.Next(100) < 85;
            return
            [
                $"X-{i:D9}", place.Community, place.Grid, place.Id, categories[random.Next(categories.Length)], "河边三巷下雨后积水，没过脚踝（规模测试）",
                1 + random.Next(4), state, 1, submitted, Huying.Modules.Matters.Matter.MonthOf(submitted), Huying.Modules.Matters.Matter.DayOf(submitted),
                submitted.AddHours(24),
                accepted ? acceptedAt : null, accepted ? resolveDue : null, resolved ? resolvedAt : null, state == 9 ? resolvedAt.AddDays(3) : null,
                due, due?.AddHours(-4), 0, 0, true, accepted, accepted && acceptedAt <= submitted.AddHours(24), resolved,
                resolved && resolvedAt <= resolveDue, resolved ? (long)(resolvedAt - submitted).TotalMinutes : 0L, rated,
                rated && random.Next(100) < 92, 0, rated ? 1 : null, state == 9 ? resolvedAt.AddDays(3) : resolved ? resolvedAt : submitted,
            ];
        }
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            await using (var copy = await postgres.BeginBinaryImportAsync($"COPY \"Matters\" ({names}) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < count; i++)
                {
                    await copy.StartRowAsync();
                    var values = Next(i);
                    for (var c = 0; c < columns.Length; c++)
                    {
                        if (values[c] is { } value)
                        {
                            await copy.WriteAsync(value, columns[c].Type);
                        }
                        else
                        {
                            await copy.WriteNullAsync();
                        }
                    }
                }
                await copy.CompleteAsync();
            }
            // As the server's own autovacuum would have done over the year the rows stand for: statistics for the
            // planner, and the visibility map that lets a count read an index alone.
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM ANALYZE \"Matters\"";
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync();
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"Matters\" ({names}) VALUES ({string.Join(",", columns.Select(c => "@" + c.Name))})";
        var parameters = columns.Select(c =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "@" + c.Name;
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await insert.PrepareAsync();
        for (var i = 0; i < count; i++)
        {
            var values = Next(i);
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[c].Value = values[c] ?? DBNull.Value;
            }
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
