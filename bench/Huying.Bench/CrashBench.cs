using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// The app killed with SIGKILL (kill -9) under intake load, round after round on the same database: every matter
/// answered 201 must be there after the restart, the database's own check must pass (SQLite integrity_check,
/// PostgreSQL amcheck over every B-tree index) and the audit chain must verify.
/// </summary>
internal static class CrashBench
{
    private const string Fuqian = "140827400016";

    public static Task RunAsync(Table table, int rounds, int connections) => BenchTarget.EachAsync("crash", async t =>
    {
        var settings = new Dictionary<string, string>(t.Settings) { ["RateLimits__UserPerMinute"] = "100000000" };
        var acknowledged = new ConcurrentDictionary<string, byte>();
        var answered = 0;
        var failed = 0;
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            var (ok, errors) = await KillOneAsync(t, settings, null, acknowledged, connections);
            answered += ok;
            failed += errors;
        }
        var elapsed = watch.Elapsed.TotalSeconds;
        // A last start recovers the database the way a restarted service would, then everything is checked.
        await using (await AppProcess.StartAsync(t.DatabaseFile, settings))
        {
        }
        var contexts = new HuyingContextFactory(t.Provider, t.Connection, TimeProvider.System,
            new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        await using var db = contexts.Create(DataScope.System);
        var codes = acknowledged.Keys.ToList();
        var found = 0;
        foreach (var chunk in codes.Chunk(1000))
        {
            found += await db.Matters.IgnoreQueryFilters().CountAsync(m => chunk.Contains(m.TrackingCode));
        }
        var integrity = await IntegrityAsync(db);
        var audit = await AuditVerifier.VerifyAsync(db);
        table.AddRow($"crash: kill -9 under intake, {rounds} rounds ({t.Name})", $"{codes.Count - found:N0} lost",
            $"of {codes.Count:N0} acknowledged",
            $"{answered:N0} answered 201 and {failed:N0} cut off by the kills in {elapsed:F0} s, {connections} connections; integrity: {integrity}; "
            + (audit.Intact ? $"audit chain intact ({audit.Checked:N0} lines)" : $"AUDIT CHAIN BROKEN at {audit.BrokenAt}: {audit.Reason}"));
        if (found != codes.Count || integrity != "ok" || !audit.Intact)
        {
            throw new InvalidOperationException($"Crash rounds on {t.Name}: {codes.Count - found} acknowledged matters lost, integrity {integrity}, audit intact {audit.Intact}");
        }
        if (t.Provider == DatabaseProvider.Postgres)
        {
            await TwoInstancesAsync(table, t, settings, contexts, rounds, connections);
        }
    });

    /// <summary>
    /// Two instances on one PostgreSQL, both under intake; one is killed each round and started again while the other
    /// goes on serving: the survivor answers every request, nothing acknowledged by either is lost, the chain verifies.
    /// </summary>
    private static async Task TwoInstancesAsync(Table table, BenchTarget t, Dictionary<string, string> settings, HuyingContextFactory contexts,
        int rounds, int connections)
    {
        var acknowledged = new ConcurrentDictionary<string, byte>();
        await using var survivor = await AppProcess.StartAsync(t.DatabaseFile, settings, connections);
        var token = await survivor.TokenAsync("fuqian.staff");
        using var stopSurvivor = new CancellationTokenSource();
        var survivorLoad = IntakeAsync(survivor, token, acknowledged, connections / 2, stopSurvivor.Token);
        var (killedOk, cut) = (0, 0);
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            // The token the survivor issued: the key ring is shared through the database.
            var (ok, errors) = await KillOneAsync(t, settings, token, acknowledged, connections / 2);
            killedOk += ok;
            cut += errors;
        }
        await Task.Delay(1000);
        await stopSurvivor.CancelAsync();
        var (survivorOk, survivorCut) = await survivorLoad;
        var elapsed = watch.Elapsed.TotalSeconds;
        await using var db = contexts.Create(DataScope.System);
        var codes = acknowledged.Keys.ToList();
        var found = 0;
        foreach (var chunk in codes.Chunk(1000))
        {
            found += await db.Matters.IgnoreQueryFilters().CountAsync(m => chunk.Contains(m.TrackingCode));
        }
        var audit = await AuditVerifier.VerifyAsync(db);
        table.AddRow($"crash: two instances, one killed each of {rounds} rounds ({t.Name})", $"{codes.Count - found:N0} lost",
            $"of {codes.Count:N0} acknowledged",
            $"the killed instances answered {killedOk:N0} (and {cut:N0} cut off), the survivor {survivorOk:N0} "
            + $"({survivorCut:N0} cut by the end of its own load, at most one a connection), {elapsed:F0} s; "
            + (audit.Intact ? $"audit chain intact ({audit.Checked:N0} lines)" : $"AUDIT CHAIN BROKEN at {audit.BrokenAt}: {audit.Reason}"));
        if (found != codes.Count || !audit.Intact)
        {
            throw new InvalidOperationException($"Two instances on {t.Name}: {codes.Count - found} acknowledged matters lost, audit intact {audit.Intact}");
        }
    }

    /// <summary>One round: an instance started, put under intake and killed at a moment of its own (mid-batch, mid-commit, mid-checkpoint).</summary>
    private static async Task<(int Ok, int Errors)> KillOneAsync(BenchTarget t, Dictionary<string, string> settings, string? token,
        ConcurrentDictionary<string, byte> acknowledged, int connections)
    {
        var app = await AppProcess.StartAsync(t.DatabaseFile, settings, connections);
        using var stop = new CancellationTokenSource();
        var load = IntakeAsync(app, token ?? await app.TokenAsync("fuqian.staff"), acknowledged, connections, stop.Token);
        await Task.Delay(Random.Shared.Next(300, 2500));
        await app.DisposeAsync();
        await stop.CancelAsync();
        return await load;
    }

    /// <summary>Posts matters from many connections until stopped or cut off; keeps the tracking code of every 201.</summary>
    private static async Task<(int Ok, int Errors)> IntakeAsync(AppProcess app, string token, ConcurrentDictionary<string, byte> acknowledged, int connections,
        CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.WithBearer(token);
        var body = JsonSerializer.Serialize(new
        {
            categoryCode = "drainage", description = "崩溃测试：河边三巷下雨后积水，没过脚踝", communityCode = Fuqian, address = "府前社区河边三巷", reporterPhone = "13903591234",
        });
        var (ok, errors) = (0, 0);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.PostAsync("/api/matters", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), stop);
                    var text = await response.Content.ReadAsStringAsync(stop);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException($"The intake answered {(int)response.StatusCode}: {text}");
                    }
                    acknowledged[JsonDocument.Parse(text).RootElement.GetProperty("trackingCode").GetString()!] = 0;
                    Interlocked.Increment(ref ok);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    // Cut off by the kill: never acknowledged, so never owed.
                    Interlocked.Increment(ref errors);
                    return;
                }
            }
        })));
        return (ok, errors);
    }

    private static async Task<string> IntegrityAsync(HuyingDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            var rows = await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync();
            return string.Join("; ", rows);
        }
        await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS amcheck");
        // Every B-tree index checked (an error here is corruption); the count says how many.
        var checkedIndexes = await db.Database.SqlQueryRaw<int>("""
            SELECT COUNT(*) AS "Value" FROM (SELECT bt_index_check(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = 'public') AS checked
            """).SingleAsync();
        return checkedIndexes > 0 ? "ok" : "no index checked";
    }
}
