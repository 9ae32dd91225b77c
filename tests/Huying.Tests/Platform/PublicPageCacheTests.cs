using System.Net;
using System.Net.Http.Json;
using Huying.Tests.Infrastructure;

namespace Huying.Tests.Platform;

/// <summary>A community's public pages from memory for anonymous visitors, forgotten when the community changes.</summary>
public abstract class PublicPageCacheTests(AppFixture app)
{
    private const string Fuqian = DemoRecords.Fuqian;

    [Fact]
    public async Task AnAnonymousBoardComesFromMemoryUntilANoticeIsPublishedAndThenShowsIt()
    {
        var board = $"/c/{Fuqian}/notices";
        var visitor = app.Anonymous();
        var first = await visitor.GetAsync(board);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // A page kept for everyone carries no one's form token or cookie.
        Assert.DoesNotContain("__RequestVerificationToken", await first.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Set-Cookie"));
        var again = await app.Anonymous().GetAsync(board);
        Assert.NotNull(again.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());

        var title = "缓存之后的公示" + Guid.NewGuid().ToString("N")[..6];
        var published = await (await app.As("fuqian.staff")).PostAsJsonAsync("/api/notices", new
        {
            communityCode = Fuqian, kind = "partyAffairs", title, body = "发布后公开栏立即可见。", objectionDays = 0, publishDays = 10,
        });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var after = await app.Anonymous().GetAsync(board);
        Assert.Null(after.Headers.Age);
        Assert.Contains(title, await after.Content.ReadAsStringAsync());
        // The community's home, kept too, forgot itself with the board.
        Assert.Contains(title, await app.Anonymous().GetStringAsync($"/c/{Fuqian}"));
    }

    [Fact]
    public async Task SignedInPeopleAndOtherLanguagesNeverGetTheAnonymousChinesePage()
    {
        var home = $"/c/{Fuqian}";
        await app.Anonymous().GetAsync(home);
        Assert.NotNull((await app.Anonymous().GetAsync(home)).Headers.Age);
        var staff = await app.As("fuqian.staff");
        var signedIn = await staff.GetAsync(home);
        Assert.Null(signedIn.Headers.Age);
        Assert.Contains("/account/logout", await signedIn.Content.ReadAsStringAsync());
        var english = app.Anonymous();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");
        var page = await english.GetAsync(home);
        Assert.Null(page.Headers.Age);
        Assert.Contains("lang=\"en", await page.Content.ReadAsStringAsync());
        Assert.NotNull((await english.GetAsync(home)).Headers.Age);
    }

    [Fact]
    public async Task AnAnonymousVisitorSwitchesLanguageWithoutAFormToken()
    {
        var switched = await app.Anonymous().PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en-US", ["returnUrl"] = $"/c/{Fuqian}" }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        // A signed-in person's switch still needs the page's token (their cookie would otherwise be forged from elsewhere).
        var browser = app.Anonymous();
        await browser.SubmitAsync("/account/login", new() { ["Input.UserName"] = "fuqian.staff", ["Input.Password"] = ClientExtensions.Password });
        Assert.Contains("/account/logout", await browser.GetStringAsync("/"));
        var forged = await browser.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en-US", ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublicPageCacheTestsOnSqlite(SqliteApp app) : PublicPageCacheTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PublicPageCacheTestsOnPostgres(PostgresApp app) : PublicPageCacheTests(app);
