using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Platform.Accounts;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    /// <summary>A token request as it comes from a given address (the test server has none of its own).</summary>
    private async Task<HttpResponseMessage> TokenFrom(string address, string userName, string password)
    {
        var context = await app.Factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            c.Request.Method = "POST";
            c.Request.Path = "/api/auth/token";
            c.Request.ContentType = "application/json";
            var body = JsonSerializer.SerializeToUtf8Bytes(new { userName, password });
            c.Request.Body = new MemoryStream(body);
            c.Request.ContentLength = body.Length;
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
        });
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            Content = new StreamContent(context.Response.Body),
        };
        if (context.Response.Headers.RetryAfter.Count > 0)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", context.Response.Headers.RetryAfter.ToString());
        }
        return response;
    }

    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private async Task<AppUser> CreateUserAsync(string userName, bool mustChange = false)
    {
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = userName, MustChangePassword = mustChange };
        Assert.True((await users.CreateAsync(user, ClientExtensions.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.CountyOfficer);
        return user;
    }

    [Fact]
    public async Task AStrangerSlowsGuessingButNeitherLocksTheOwnerOutNorLearnsWhetherTheAccountExists()
    {
        await CreateUserAsync("throttle.test");
        // Three free failures, then each failure doubles the wait; a known and an unknown name answer alike.
        foreach (var name in new[] { "throttle.test", "throttle.nobody" })
        {
            for (var i = 0; i < 4; i++)
            {
                var failed = await TokenFrom("203.0.113.7", name, "Wrong@2026");
                Assert.True(failed.StatusCode == HttpStatusCode.Unauthorized, await failed.Content.ReadAsStringAsync());
            }
            var delayed = await TokenFrom("203.0.113.7", name, ClientExtensions.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, delayed.StatusCode);
            Assert.InRange(int.Parse(delayed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 30);
        }
        // The owner, elsewhere, signs in at once.
        Assert.Equal(HttpStatusCode.OK, (await TokenFrom("198.51.100.20", "throttle.test", ClientExtensions.Password)).StatusCode);

        await using var db = app.Database();
        var lines = await db.AuditEntries.Where(a => a.UserName == "throttle.test" || a.UserName == "throttle.nobody").ToListAsync();
        Assert.Equal(8, lines.Count(l => l.Action == "sign-in-failed" && l.Details == "token: failed"));
        Assert.Equal(2, lines.Count(l => l.Details == "token: delayed"));
        var success = Assert.Single(lines, l => l.Action == "sign-in");
        Assert.Equal("198.51.100.20", success.Address);
        Assert.NotNull(success.UserId);
    }

    [Fact]
    public async Task TheWaitGrowsWithEachFailureIsCappedForAnAccountAndIsForgottenAfterAQuietQuarterHour()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var throttle = new SignInThrottle(clock, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        for (var i = 0; i < 3; i++)
        {
            throttle.Failed("admin", "a");
        }
        Assert.Equal(TimeSpan.Zero, throttle.Wait("admin", "a"));
        throttle.Failed("admin", "a");
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.Wait("ADMIN ", "a"));
        throttle.Failed("admin", "a");
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.Wait("admin", "a"));
        Assert.Equal(TimeSpan.Zero, throttle.Wait("admin", "b"));
        for (var i = 0; i < 20; i++)
        {
            throttle.Failed("admin", "a");
        }
        Assert.Equal(TimeSpan.FromMinutes(15), throttle.Wait("admin", "a"));
        // From many addresses a stranger slows the account by a minute at most: never locks it.
        for (var i = 0; i < 30; i++)
        {
            throttle.Failed("admin", $"x{i}");
        }
        Assert.Equal(TimeSpan.FromMinutes(1), throttle.Wait("admin", "owner"));
        // One address guessing many names is slowed after twenty.
        for (var i = 0; i < 21; i++)
        {
            throttle.Failed($"name{i}", "sprayer");
        }
        Assert.True(throttle.Wait("anyone", "sprayer") > TimeSpan.Zero);
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(TimeSpan.Zero, throttle.Wait("admin", "a"));
        throttle.Failed("admin", "a");
        Assert.Equal(TimeSpan.Zero, throttle.Wait("admin", "a"));
    }

    [Fact]
    public async Task SigningOutEndsTheCookieAndTheTokenOfTheAccount()
    {
        await CreateUserAsync("signout.test");
        var token = await app.Anonymous().TokenAsync("signout.test");
        var browser = app.Anonymous();
        var signedIn = await browser.SubmitAsync("/account/login", new() { ["Input.UserName"] = "signout.test", ["Input.Password"] = ClientExtensions.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/matters")).StatusCode);
        var api = app.Anonymous().WithBearer(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/kpis/matters")).StatusCode);

        // Signing out on the page ends the token too.
        var html = await browser.GetStringAsync("/");
        var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Pages.AntiforgeryToken(html) }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/kpis/matters")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/matters")).StatusCode);

        // And through the API: a new token and a new cookie, ended by the token's own sign-out.
        var second = app.Anonymous().WithBearer(await app.Anonymous().TokenAsync("signout.test"));
        var again = app.Anonymous();
        await again.SubmitAsync("/account/login", new() { ["Input.UserName"] = "signout.test", ["Input.Password"] = ClientExtensions.Password });
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/matters")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/kpis/matters")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/matters")).StatusCode);
        await using var db = app.Database();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.UserName == "signout.test" && a.Action == "sign-out"));
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedEveryTimeThoughItsTicketIsRemembered()
    {
        var protector = app.Service<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).BearerTokenProtector;
        Assert.IsType<RememberedTickets>(protector);
        var valid = protector.Unprotect(await app.Anonymous().TokenAsync("volunteer"))!;
        var expired = protector.Protect(new AuthenticationTicket(valid.Principal,
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(-1) }, valid.AuthenticationScheme));
        var fresh = protector.Protect(new AuthenticationTicket(valid.Principal,
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(1) }, valid.AuthenticationScheme));
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().WithBearer(fresh).GetAsync("/api/home")).StatusCode);
        var client = app.Anonymous().WithBearer(expired);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/home")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/home")).StatusCode);
    }

    [Fact]
    public async Task AOneTimePasswordMustBeChangedBeforeAnythingElse()
    {
        await CreateUserAsync("onetime.test", mustChange: true);
        var refused = await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "onetime.test", password = ClientExtensions.Password });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("请先修改一次性密码", await refused.Content.ReadAsStringAsync());

        var browser = app.Anonymous();
        var signedIn = await browser.SubmitAsync("/account/login", new() { ["Input.UserName"] = "onetime.test", ["Input.Password"] = ClientExtensions.Password });
        Assert.Equal("/account/password", signedIn.Headers.Location!.OriginalString);
        Assert.Equal("/account/password", (await browser.GetAsync("/org")).Headers.Location!.OriginalString);
        Assert.Contains("此账号使用的是一次性密码", await browser.GetStringAsync("/account/password"));

        var weak = await browser.SubmitAsync("/account/password", new() { ["Input.Current"] = ClientExtensions.Password, ["Input.New"] = "short", ["Input.Confirm"] = "short" });
        Assert.Contains("至少 8 位", await weak.Content.ReadAsStringAsync());
        var wrong = await browser.SubmitAsync("/account/password", new() { ["Input.Current"] = "Wrong@2026", ["Input.New"] = "Better#2027", ["Input.Confirm"] = "Better#2027" });
        Assert.Contains("当前密码不正确", await wrong.Content.ReadAsStringAsync());
        var mismatch = await browser.SubmitAsync("/account/password", new() { ["Input.Current"] = ClientExtensions.Password, ["Input.New"] = "Better#2027", ["Input.Confirm"] = "Better#2028" });
        Assert.Contains("两次输入的密码不一致", await mismatch.Content.ReadAsStringAsync());
        var changed = await browser.SubmitAsync("/account/password", new() { ["Input.Current"] = ClientExtensions.Password, ["Input.New"] = "Better#2027", ["Input.Confirm"] = "Better#2027" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/matters")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "onetime.test", password = "Better#2027" })).StatusCode);
    }

    [Fact]
    public async Task BehindAnHttpsProxyOnThisMachineCookiesAreSecure()
    {
        var context = await app.Factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            c.Request.Method = "GET";
            c.Request.Path = "/account/login";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });
        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        var plain = await app.Anonymous().GetAsync("/account/login");
        Assert.DoesNotContain("secure", string.Join(";", plain.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
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
        var page = await client.GetAsync("/matters");
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
