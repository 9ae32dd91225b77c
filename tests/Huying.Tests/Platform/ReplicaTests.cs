using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Huying.Tests.Platform;

/// <summary>
/// The app on the test PostgreSQL with a real streaming replica of it (test.sh starts one with pg_basebackup -R,
/// HUYING_TEST_POSTGRES_REPLICA): replay on the replica is paused to tell which server a read came from.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private const string Kpis = "/api/kpis/matters?division=140827400016";
    private HuyingFactory factory = null!;
    private string replica = "";

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("HUYING_TEST_POSTGRES_REPLICA")
            ?? throw new InvalidOperationException("HUYING_TEST_POSTGRES_REPLICA is not set: run ./test.sh, which starts a streaming replica.");
        factory = await HuyingFactory.CreateAsync(DatabaseProvider.Postgres);
        replica = new NpgsqlConnectionStringBuilder(server) { Database = new NpgsqlConnectionStringBuilder(factory.ConnectionString).Database }.ToString();
        factory.Settings["ConnectionStrings:HuyingReadOnly"] = replica;
        factory.Settings["Database:ReadYourWritesSeconds"] = "5";
        await CaughtUpAsync();
        factory.CreateClient().Dispose();
        await CaughtUpAsync();
    }

    public async Task DisposeAsync()
    {
        await ReplayAsync("resume");
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task FiguresReadTheReplicaWhileWhoeverJustWroteReadsThePrimaryUntilTheReplicaCatchesUp()
    {
        var county = await ClientAsync("county");
        var staff = await ClientAsync("fuqian.staff");
        // Signing in writes (its audit line): past the window, both read the replica.
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        var before = await SubmittedAsync(county);
        Assert.Equal(before, await SubmittedAsync(staff));

        await ReplayAsync("pause");
        string? wroteCookie;
        try
        {
            var posted = await staff.PostAsJsonAsync("/api/matters", new
            {
                categoryCode = "drainage", description = "副本测试：河边三巷下雨后积水", communityCode = "140827400016", address = "府前社区河边三巷",
            });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            wroteCookie = posted.Headers.TryGetValues("Set-Cookie", out var cookies)
                ? cookies.FirstOrDefault(c => c.StartsWith(RecentWriters.Cookie + "=", StringComparison.Ordinal))?.Split(';')[0]
                : null;
            Assert.NotNull(wroteCookie);

            // The writer reads the primary: their matter is counted.
            Assert.Equal(before + 1, await SubmittedAsync(staff));
            // The county reads the replica, which has not replayed it yet.
            Assert.Equal(before, await SubmittedAsync(county));
            // A browser bringing the writer's cookie reads the primary on any instance.
            using var withCookie = new HttpRequestMessage(HttpMethod.Get, Kpis);
            withCookie.Headers.Add("Cookie", wroteCookie);
            var fresh = await (await county.SendAsync(withCookie)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(before + 1, fresh.GetProperty("total").GetProperty("submitted").GetInt32());
            // Every page and endpoint that reads the replica answers from it (none of them writes).
            var marked = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<ReplicaReadAttribute>() is not null)
                .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();
            Assert.True(marked.Count >= 12, string.Join(", ", marked));
            foreach (var url in marked)
            {
                var response = await county.GetAsync($"{url}?division=140827");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
            }
        }
        finally
        {
            await ReplayAsync("resume");
        }
        await CaughtUpAsync();
        Assert.Equal(before + 1, await SubmittedAsync(county));
    }

    [Fact]
    public async Task AReplicaFallingBehindIsLeftAndTheFiguresComeFromThePrimaryUntilItIsFitAgain()
    {
        var monitor = factory.Services.GetRequiredService<ReplicaMonitor>();
        var county = await ClientAsync("county");
        var staff = await ClientAsync("fuqian.staff");
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        var before = await SubmittedAsync(county);
        await ReplayAsync("pause");
        try
        {
            await monitor.CheckAsync(default);
            var posted = await staff.PostAsJsonAsync("/api/matters", new
            {
                categoryCode = "drainage", description = "副本落后测试：路灯不亮", communityCode = "140827400016", address = "府前社区河边三巷",
            });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            // While the monitor has not seen it fall behind, the county reads the paused replica.
            Assert.Equal(before, await SubmittedAsync(county));
            // Two looks later it has not replayed what the primary had written at the look before: left.
            await monitor.CheckAsync(default);
            await monitor.CheckAsync(default);
            Assert.False(monitor.Fit);
            Assert.Equal(before + 1, await SubmittedAsync(county));
        }
        finally
        {
            await ReplayAsync("resume");
        }
        // A look records where the primary is; once the replica has replayed past it, the next look finds it fit (other
        // tests write all the while, so two looks in a row would find it a moment behind).
        await monitor.CheckAsync(default);
        await CaughtUpAsync();
        await monitor.CheckAsync(default);
        Assert.True(monitor.Fit);
        Assert.Equal(before + 1, await SubmittedAsync(county));
    }

    [Fact]
    public async Task HealthzChecksTheReplicaToo()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(string user)
    {
        // No cookie jar: an API client, read-your-writes by its user alone.
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        return client.WithBearer(await client.TokenAsync(user));
    }

    private static async Task<int> SubmittedAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>(Kpis)).GetProperty("total").GetProperty("submitted").GetInt32();

    private async Task ReplayAsync(string what)
    {
        await using var connection = new NpgsqlConnection(replica);
        await connection.OpenAsync();
        await new NpgsqlCommand($"SELECT pg_wal_replay_{what}()", connection).ExecuteNonQueryAsync();
    }

    /// <summary>Waits until the replica has replayed everything the primary has written so far.</summary>
    private async Task CaughtUpAsync()
    {
        string lsn;
        await using (var primary = new NpgsqlConnection(factory.ConnectionString))
        {
            await primary.OpenAsync();
            lsn = (string)(await new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", primary).ExecuteScalarAsync())!;
        }
        var server = new NpgsqlConnectionStringBuilder(replica) { Database = "postgres" }.ToString();
        for (var i = 0; i < 300; i++)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            if (await new NpgsqlCommand($"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn", connection).ExecuteScalarAsync() is true)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The replica did not replay up to {lsn} in 30 s");
    }
}
