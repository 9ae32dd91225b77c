using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Platform.Accounts;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Platform;

public abstract class AccountTests(AppFixture app)
{
    [Fact]
    public async Task ATokenNeedsTheRightPassword()
    {
        var client = app.Anonymous();
        var wrong = await client.PostAsJsonAsync("/api/auth/token", new { userName = "county", password = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unknown = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "Huying@2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var right = await client.PostAsJsonAsync("/api/auth/token", new { userName = "volunteer", password = "Huying@2026" });
        var body = await right.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.True(body.GetProperty("expiresIn").GetInt32() > 0);
    }

    [Fact]
    public async Task AnAccountIsLockedAfterFiveFailedSignIns()
    {
        using (var scope = app.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var created = await users.CreateAsync(new AppUser { UserName = "lockout.test", DisplayName = "锁定测试", LockoutEnabled = true }, "Huying@2026");
            Assert.True(created.Succeeded);
        }
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/auth/token", new { userName = "lockout.test", password = "Wrong@2026" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        var locked = await client.PostAsJsonAsync("/api/auth/token", new { userName = "lockout.test", password = "Huying@2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
    }

    [Fact]
    public async Task TheSignInPageShowsErrorsBesideTheFields()
    {
        var client = app.Anonymous();
        var form = await client.GetStringAsync("/account/login");
        var token = Pages.AntiforgeryToken(form);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "",
            ["Input.Password"] = "",
            ["__RequestVerificationToken"] = token,
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("请输入用户名", html);
        Assert.Contains("请输入密码", html);
        Assert.Contains("field-validation-error", html);
    }

    [Fact]
    public async Task AFormPostedWithoutTheAntiforgeryTokenIsRefused()
    {
        var response = await app.Anonymous().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "county",
            ["Input.Password"] = "Huying@2026",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PagesNeedASignInAndTheApiAnswers401()
    {
        var client = app.Anonymous();
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/people")).StatusCode);
    }

    [Fact]
    public async Task TheLanguageSwitchPersistsInACookie()
    {
        var client = app.Anonymous();
        var form = await client.GetStringAsync("/account/login");
        Assert.Contains("登录呼应", form);
        var switched = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en-US",
            ["returnUrl"] = "/account/login",
            ["__RequestVerificationToken"] = Pages.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await client.GetStringAsync("/account/login");
        Assert.Contains("Sign in to Huying", english);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccountTestsOnSqlite(SqliteApp app) : AccountTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AccountTestsOnPostgres(PostgresApp app) : AccountTests(app);
