using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

/// <summary>Two app instances on one PostgreSQL database, as behind a load balancer: one key ring, one chain, one cache truth.</summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private const string Fuqian = DemoRecords.Fuqian;
    private HuyingFactory first = null!;
    private HuyingFactory second = null!;

    public async Task InitializeAsync()
    {
        first = await HuyingFactory.CreateAsync(DatabaseProvider.Postgres);
        second = new HuyingFactory(DatabaseProvider.Postgres, first.ConnectionString);
        // The chain's key is configuration every instance shares (the key ring is in the database).
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        foreach (var instance in new[] { first, second })
        {
            instance.Settings["Audit:Key"] = key;
        }
        first.CreateClient().Dispose();
        second.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task ATokenIssuedByOneInstanceIsTakenByTheOther()
    {
        var token = await first.CreateClient().TokenAsync("fuqian.staff");
        var other = second.CreateClient().WithBearer(token);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/home")).StatusCode);
    }

    [Fact]
    public async Task APageKeptByOneInstanceIsForgottenWhenTheOtherPublishes()
    {
        var board = $"/c/{Fuqian}/notices";
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync(board)).StatusCode);
        Assert.NotNull((await second.CreateClient().GetAsync(board)).Headers.Age);

        var title = "另一实例发布的公示" + Guid.NewGuid().ToString("N")[..6];
        var staff = first.CreateClient().WithBearer(await first.CreateClient().TokenAsync("fuqian.staff"));
        var published = await staff.PostAsJsonAsync("/api/notices", new
        {
            communityCode = Fuqian, kind = "partyAffairs", title, body = "两个实例共用一个数据库。", objectionDays = 0, publishDays = 10,
        });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        // The notice reaches the other instance over PostgreSQL's NOTIFY, well within the five minutes a page is kept.
        for (var i = 0; i < 100 && !(await second.CreateClient().GetStringAsync(board)).Contains(title, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }
        Assert.Contains(title, await second.CreateClient().GetStringAsync(board));
    }

    [Fact]
    public async Task BothInstancesWritingAtOnceKeepOneIntactChain()
    {
        var clients = new[] { first, second }.Select(f => f.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false })).ToArray();
        var token = await clients[0].TokenAsync("fuqian.staff");
        foreach (var client in clients)
        {
            client.WithBearer(token);
        }
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => clients[i % 2].PostAsJsonAsync("/api/matters", new
        {
            categoryCode = "drainage", description = $"两个实例同时受理 {i}", communityCode = Fuqian, address = "府前社区河边三巷",
        })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        await using var db = first.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
        var verified = await AuditVerifier.VerifyAsync(db);
        Assert.True(verified.Intact, verified.Reason);
    }
}
