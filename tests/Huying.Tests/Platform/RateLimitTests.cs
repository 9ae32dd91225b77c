using System.Net;
using System.Net.Http.Json;
using Huying.Modules.Matters;
using Huying.Platform.Data;
using Microsoft.Extensions.DependencyInjection;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Huying.Tests.Platform;

public sealed class RateLimitTests
{
    [Fact]
    public async Task SignInAttemptsPastTheLimitAnswer429()
    {
        await using var factory = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite);
        factory.Settings["Demo:Enabled"] = "false";
        factory.Settings["RateLimits:SignInPerMinute"] = "3";
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "x" });
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }
        var limited = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task PublicEndpointsLimitAnonymousCallersByAddressAndSignedInClientsByAccountWithTheirOwnLimit()
    {
        await using var factory = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite);
        factory.Settings["RateLimits:PublicPerMinute"] = "2";
        factory.Settings["RateLimits:UserPerMinute"] = "4";
        factory.Settings["RateLimits:Users:county"] = "6";
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        const string feed = "/c/140827400016/notices/feed";
        async Task<int> PassedAsync(HttpClient client, int tries)
        {
            var passed = 0;
            for (var i = 0; i < tries; i++)
            {
                passed += (await client.GetAsync(feed)).StatusCode == HttpStatusCode.OK ? 1 : 0;
            }
            return passed;
        }
        // All from the same address: the anonymous visitors share 2 a minute; each account has its own window.
        Assert.Equal(2, await PassedAsync(factory.CreateClient(options), 5));
        var staff = factory.CreateClient(options);
        staff.WithBearer(await staff.TokenAsync("fuqian.staff"));
        Assert.Equal(4, await PassedAsync(staff, 8));
        var county = factory.CreateClient(options);
        county.WithBearer(await county.TokenAsync("county"));
        Assert.Equal(6, await PassedAsync(county, 8));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await factory.CreateClient(options).GetAsync(feed)).StatusCode);
    }

    [Fact]
    public async Task Open311ClientsAreLimitedPerApiKeyWithTheirOwnLimitWhileWrongKeysCountAgainstTheAddress()
    {
        await using var factory = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite);
        factory.Settings["RateLimits:PublicPerMinute"] = "2";
        factory.Settings["RateLimits:Open311PerMinute"] = "1";
        // The demo's one client (the first registered) has its own limit.
        factory.Settings["RateLimits:Open311Clients:1"] = "3";
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        async Task<List<HttpStatusCode>> CallsAsync(string key, int tries)
        {
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < tries; i++)
            {
                answers.Add((await client.GetAsync($"/open311/v2/requests.json?api_key={key}")).StatusCode);
            }
            return answers;
        }
        // Guessing keys from one address: the anonymous limit, then 429.
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests], await CallsAsync("guess", 3));
        // The registered client, from the same address: its own three a minute, untouched by the guesses.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await CallsAsync("demo-open311-key", 4));
        var limited = await client.GetAsync("/open311/v2/requests.json?api_key=demo-open311-key");
        Assert.Contains("api_key", await limited.Content.ReadAsStringAsync());
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HuyingDbContext>();
        Assert.Equal(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Open311Clients.Select(c => c.Id)));
    }
}
