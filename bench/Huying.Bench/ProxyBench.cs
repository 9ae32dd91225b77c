using Huying.Modules.Proxy;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// Same-city services at a county's scale, served by the real app as its own process on SQLite: 100k cases over the
/// county's communities and the catalogue's offices (SQLite, and PostgreSQL when HUYING_BENCH_POSTGRES is set); the office's inbox (人社局, the office with most cases), 学苑's list,
/// and the county's figures for the year (added up from the tallies every save keeps), against /healthz in the same run.
/// </summary>
internal static class ProxyBench
{
    private const string County = "140827";

    public static Task RunAsync(Table table, int cases) =>
        BenchTarget.EachAsync("proxy", target => MeasureAsync(table, target, cases));

    private static async Task MeasureAsync(Table table, BenchTarget t, int cases)
    {
        var (target, provider, connection, settings, database) = (t.Name, t.Provider, t.Connection, t.Settings, t.DatabaseFile);
        await using (await AppProcess.StartAsync(database, settings))
        {
        }
        var loaded = await FillAsync(provider, connection, cases);
        table.AddRow($"proxy cases loaded ({target})", $"{loaded:N0}", "cases", "垣曲's communities, this year and last, the catalogue's items; about one in eight open");
        // Reads only: no deadline sweep warning the loaded open cases mid-run (in a live county they were warned long ago).
        await using var app = await AppProcess.StartAsync(database, new Dictionary<string, string>(settings) { ["Demo__Enabled"] = "false", ["Background__Enabled"] = "false" }, connections: 64);
        HttpClient As(string token) => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.Client.BaseAddress }.WithBearer(token);
        var office = As(await app.TokenAsync("unit.rsj"));
        var staff = As(await app.TokenAsync("xueyuan.staff"));
        var county = As(await app.TokenAsync("county"));
        var year = DateTime.UtcNow.AddHours(8).Year;
        await QueryBench.Measure(table, $"baseline: GET /healthz (same run, {target})", staff, "/healthz");
        await QueryBench.Measure(table, $"proxy: the office's inbox (人社局, {target})", office, "/api/proxy/applications");
        await QueryBench.Measure(table, $"proxy: 学苑's list ({target})", staff, "/api/proxy/applications");
        await QueryBench.Measure(table, $"proxy: 学苑's open cases ({target})", staff, "/api/proxy/applications?show=open");
        var figures = $"/api/proxy/figures?division={County}&from={year}-01-01";
        await QueryBench.Measure(table, $"proxy figures, the county, this year ({target})", county, figures);
        // What the figures counted (from the tallies the loading's saves kept): a fast zero would measure nothing.
        var counted = System.Text.Json.JsonDocument.Parse(await county.GetStringAsync(figures)).RootElement;
        var applications = counted.GetProperty("applications").GetInt32();
        table.AddRow($"proxy figures counted ({target})", $"{applications:N0} / {counted.GetProperty("completed").GetInt32():N0}", "received / decided",
            "this year, from the monthly and daily tallies");
        if (applications == 0)
        {
            throw new InvalidOperationException("The county's figures counted no application: the tallies were not kept.");
        }
    }

    internal static async Task<int> FillAsync(DatabaseProvider provider, string connection, int count)
    {
        var contexts = new HuyingContextFactory(provider, connection, TimeProvider.System,
            new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        var random = new Random(31);
        await using var db = contexts.Create(DataScope.System);
        db.AuditChanges = false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var services = await db.Set<ProxyService>().AsNoTracking().Include(s => s.Materials).Where(s => s.CountyCode == County).ToListAsync();
        var communities = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(County)).Select(c => c.Code).ToListAsync();
        var now = DateTime.UtcNow;
        var batch = new List<ProxyApplication>();
        for (var i = 0; i < count; i++)
        {
            var service = services[random.Next(services.Count)];
            var received = now.AddMinutes(-random.Next(0, 700 * 24 * 60));
            var open = random.Next(8) == 0;
            var state = open ? (ProxyState)random.Next(1, 6) : random.Next(10) == 0 ? ProxyState.NotGranted : ProxyState.Delivered;
            var decided = open ? (DateTime?)null : received.AddDays(random.Next(1, 20));
            batch.Add(new ProxyApplication
            {
                TrackingCode = $"TB-B{i:0000000}", CommunityCode = communities[random.Next(communities.Count)], ServiceId = service.Id, OfficeUnitId = service.OfficeUnitId,
                ApplicantName = "申请人", RegistrationCode = "140827104201", Mode = (ProxyMode)random.Next(1, 3), State = state,
                MaterialsReceived = [.. service.Materials.Select(m => m.Id)], ReceivedAt = received, DueAt = received.AddDays(14), UpdatedAt = received,
                ForwardedAt = state >= ProxyState.Forwarded ? received.AddHours(2) : null, AcceptedAt = state >= ProxyState.OfficeAccepted ? received.AddDays(1) : null,
                DeliveredAt = state == ProxyState.Delivered ? decided?.AddDays(1) : null,
            });
            if (decided is { } at)
            {
                batch[^1].Decided(at, (at - received).TotalDays * 5 / 7);
            }
            if (!open && random.Next(3) == 0)
            {
                batch[^1].Rating = (ProxyRating)random.Next(1, 6);
                batch[^1].RatedAt = decided!.Value.AddDays(2);
            }
        }
        foreach (var chunk in batch.Chunk(5000))
        {
            db.Set<ProxyApplication>().AddRange(chunk);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        if (provider == DatabaseProvider.Postgres)
        {
            // A table grown over two years has been vacuumed and analysed by autovacuum; one loaded a moment ago has not.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"ProxyApplications\"");
        }
        return await db.Set<ProxyApplication>().CountAsync();
    }
}
