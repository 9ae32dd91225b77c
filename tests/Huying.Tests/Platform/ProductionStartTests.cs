using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

/// <summary>The app started as in production, on an empty database.</summary>
public sealed class ProductionStartTests
{
    [Fact]
    public async Task AProductionStartOnAnEmptyDatabaseCreatesOneAdministratorWithAOneTimePasswordAndNoDemo()
    {
        await using var factory = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite);
        factory.Environment = "Production";
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        await using var db = factory.Services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
        var admin = Assert.Single(await db.Users.ToListAsync());
        Assert.Equal("admin", admin.UserName);
        Assert.True(admin.MustChangePassword);
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.Communities.CountAsync());
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "create-first-administrator");
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Contains(Roles.Admin, await users.GetRolesAsync(admin));
            Assert.False(await users.CheckPasswordAsync(admin, ClientExtensions.Password));
        }
        // The demo's known password opens nothing.
        var demo = await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = ClientExtensions.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "county", password = ClientExtensions.Password })).StatusCode);
        // A second start finds an account and creates none.
        using (var scope = factory.Services.CreateScope())
        {
            Assert.Null(await Huying.Platform.Demo.DemoSeeder.FirstAdministratorAsync(scope.ServiceProvider));
        }

        // Without App:PublicUrl nor named hosts, a forged Host header is not written into links.
        var request = new HttpRequestMessage(HttpMethod.Get, "/open311/discovery.json");
        request.Headers.Host = "evil.example";
        var discovery = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var url = discovery.GetProperty("endpoints")[0].GetProperty("url").GetString();
        Assert.Equal("/open311/v2/", url);
    }
}
