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
}
