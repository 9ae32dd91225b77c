using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Huying.Tests.Platform;

/// <summary>The database going away and coming back, as the app sees it through a port that can be cut.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task WhileThePostgresServerIsAwayRequestsAnswer503AtOnceNothingIsHalfSavedAndTheAppRecoversByItself()
    {
        await using var owner = await HuyingFactory.CreateAsync(DatabaseProvider.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(owner.ConnectionString);
        await using var port = new TcpForwarder(direct.Host!, direct.Port);
        var through = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Host = "127.0.0.1", Port = port.Port };
        await using var factory = new HuyingFactory(DatabaseProvider.Postgres, through.ToString());
        var staff = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        staff.WithBearer(await staff.TokenAsync("fuqian.staff"));
        var admin = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        admin.WithBearer(await admin.TokenAsync("admin"));
        object Matter(string text) => new { categoryCode = "facilities", description = text, communityCode = DemoRecords.Fuqian };
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/matters", Matter("停电演练前：路灯不亮"))).StatusCode);

        port.Cut();
        var watch = Stopwatch.StartNew();
        var refused = await staff.PostAsJsonAsync("/api/matters", Matter("停电演练中：井盖松动"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("数据库暂时无法响应", await refused.Content.ReadAsStringAsync());
        Assert.Equal("5", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await staff.GetAsync("/api/matters")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await staff.GetAsync("/healthz")).StatusCode);
        // Fast: refused connections, not a wait for timeouts (the bound is loose; this is not a timing benchmark).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");

        port.Restore();
        // Nobody restarts anything: the next requests find the server again.
        var back = Stopwatch.StartNew();
        while ((await staff.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(back.Elapsed < TimeSpan.FromSeconds(20), "the app did not recover");
            await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/matters", Matter("停电演练后：井盖松动"))).StatusCode);
        await using (var db = new NpgsqlConnection(owner.ConnectionString))
        {
            await db.OpenAsync();
            await using var count = new NpgsqlCommand("""SELECT "Description", COUNT(*) FROM "Matters" WHERE "Description" LIKE '停电演练%' GROUP BY "Description" ORDER BY 1""", db);
            await using var reader = await count.ExecuteReaderAsync();
            var rows = new List<(string, long)>();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1)));
            }
            Assert.Equal([("停电演练前：路灯不亮", 1L), ("停电演练后：井盖松动", 1L)], rows);
        }
        var verified = await Answers.Json(await admin.GetAsync("/api/audit/verify"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, verified.GetProperty("brokenAt").ValueKind);
    }
}
