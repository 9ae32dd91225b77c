namespace Huying.BrowserTests;

/// <summary>The home page on a phone and a desk: each card's first link leads to where the thing is done.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomeBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("resident", 360, "#home-notices", "**/c/*/notices/*")]
    [InlineData("fuqian.grid", 360, "#home-matters", "**/matters?view=*")]
    [InlineData("unit.xmtj", 1280, "#home-milestones", "**/projects/*")]
    [InlineData("member", 1280, "#home-service", "**/projects/service")]
    public async Task ARoleSeesItsCardsAndTheirLinksLeadOn(string user, int width, string card, string lands)
    {
        var page = await browser.NewPageAsync(width);
        await page.SignInAsync(user);
        await page.SeeAsync(card);
        Assert.DoesNotContain("将在开放后", await page.ContentAsync());
        await page.ShotAsync($"home-{user}-{width}.png");
        await page.Locator($"{card} a").First.ClickAsync();
        await page.ArriveAsync(lands);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAnonymousVisitorOnAPhoneFindsXueyuanByXyAndAMistypedCodeKeepsTheBox()
    {
        var page = await browser.NewPageAsync(360);
        await page.GotoAsync("/");
        await page.FillAsync("#find", "xy");
        await page.ClickAsync("#find-form button");
        await page.SeeAsync("#find-results >> text=学苑社区");
        await page.ShotAsync("public-entry-360.png");
        await page.ClickAsync("#find-results >> text=学苑社区");
        await page.ArriveAsync("**/c/140827400017");
        await page.GotoAsync("/");
        await page.FillAsync("#track-code", "M-ZZZZ2222");
        await page.ClickAsync("#home-track button");
        await page.SeeAsync("#track-help");
        Assert.Equal("M-ZZZZ2222", await page.InputValueAsync("#track-form input[name=q]"));
        await page.Context.CloseAsync();
    }
}
