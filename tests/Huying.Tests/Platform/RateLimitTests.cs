using System.Net;
using System.Net.Http.Json;
using Huying.Platform.Data;
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
}
