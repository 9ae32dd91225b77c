using Microsoft.Playwright;

namespace Huying.BrowserTests;

/// <summary>
/// Boosted navigation behaves as the browser's own: an error page is shown rather than a tap doing nothing, and a
/// post that cannot reach the server keeps what was typed and says so.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NavigationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ALinkToAMatterThatIsNoLongerThereShowsTheNotFoundPageInsteadOfDoingNothing()
    {
        var page = await browser.NewPageAsync(360);
        await page.SignInAsync("fuqian.grid");
        await page.SeeAsync("#home-cards");
        // A link the page was rendered with, whose matter has since gone (merged away, moved to another grid).
        // (htmx reads a boosted link's address when it takes the link up, so the link is a new one it is given.)
        await page.EvalOnSelectorAsync("#home-cards .hy-home-list a[href^='/matters/']",
            "a => { const gone = a.cloneNode(true); gone.setAttribute('href', '/matters/987654321'); a.replaceWith(gone); htmx.process(gone); }");
        await page.Locator("#home-cards .hy-home-list a[href='/matters/987654321']").ClickAsync();
        await page.ArriveAsync("**/matters/987654321");
        await page.ShowsAsync("main", "返回总览");
        Assert.Equal(0, await page.Locator("#home-cards").CountAsync());
        await page.ShotAsync("navigation-not-found-360.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AResidentWhosePostCannotBeSentKeepsWhatSheTypedAndSendsItOnceTheNetworkIsBack()
    {
        var page = await browser.NewPageAsync(360, 780);
        await page.GotoAsync("/c/140827400016");
        await page.SettledAsync();
        await page.ClickAsync("#raise-matter");
        await page.ClickAsync(".hy-choice:has-text('环境卫生')");
        await page.FillAsync("#Input_Description", "菜市场门口垃圾桶满了没人清");
        await page.SelectOptionAsync("#Input_BuildingId", new SelectOptionValue { Label = "河边一巷" });

        // The network drops as she sends.
        await page.RouteAsync("**/matters/new**", route => route.Request.Method == "POST" ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
        await page.ClickAsync("#submit-matter");
        await page.Locator("#hy-offline").WaitForAsync();
        Assert.Equal("菜市场门口垃圾桶满了没人清", await page.InputValueAsync("#Input_Description"));
        Assert.Equal(0, await page.Locator("#raised").CountAsync());
        await page.ShotAsync("navigation-offline-360.png");

        // Back online: the same form sends, and the note goes.
        await page.UnrouteAllAsync();
        await page.ClickAsync("#submit-matter");
        await page.SeeAsync("#raised");
        Assert.False(await page.Locator("#hy-offline").IsVisibleAsync());
        await page.Context.CloseAsync();
    }
}
