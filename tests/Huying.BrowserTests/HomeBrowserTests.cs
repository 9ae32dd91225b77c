namespace Huying.BrowserTests;

/// <summary>The home page on a phone and a desk: each card's first link leads to where the thing is done.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomeBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("resident", 360, "#home-notices", "**/c/*/notices/*")]
    [InlineData("fuqian.grid", 360, "#home-today", "**/matters/*")]
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

    /// <summary>Every demo account (DESIGN §7) on a phone: a workbench with at least one real item that links on, and no placeholder text.</summary>
    [Theory]
    [InlineData("resident")]
    [InlineData("member")]
    [InlineData("volunteer")]
    [InlineData("unit.xmtj")]
    [InlineData("unit.fgj")]
    [InlineData("fuqian.grid")]
    [InlineData("fuqian.gridleader")]
    [InlineData("fuqian.staff")]
    [InlineData("fuqian.secretary")]
    [InlineData("xueyuan.staff")]
    [InlineData("xueyuan.secretary")]
    [InlineData("town")]
    [InlineData("county")]
    public async Task EveryDemoRoleOnAPhoneLandsOnAWorkbenchWithARealLinkedItem(string user)
    {
        var page = await browser.NewPageAsync(360);
        await page.SignInAsync(user);
        await page.SeeAsync("#home-cards");
        var text = await page.InnerTextAsync("body");
        foreach (var placeholder in new[] { "将在开放后", "敬请期待", "即将上线", "coming soon", "TODO", "lorem" })
        {
            Assert.DoesNotContain(placeholder, text, StringComparison.OrdinalIgnoreCase);
        }
        var items = page.Locator("#home-cards .hy-home-list a[href]");
        Assert.True(await items.CountAsync() > 0, $"{user} has no item on the workbench");
        await page.ShotAsync($"workbench-{user}-360.png");
        var href = await items.First.GetAttributeAsync("href");
        await items.First.ClickAsync();
        await page.ArriveAsync("**" + href!.Split('?')[0].Split('#')[0] + "*");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAnonymousVisitorOnAPhoneFindsXueyuanByXyAndAMistypedCodeKeepsTheBox()
    {
        var page = await browser.NewPageAsync(360);
        await page.GotoAsync("/");
        await page.SettledAsync();
        await page.FillAsync("#find", "xy");
        await page.ClickAsync("#find-form button");
        await page.SeeAsync("#find-results >> text=学苑社区");
        await page.ShotAsync("public-entry-360.png");
        await page.ClickAsync("#find-results >> text=学苑社区");
        await page.ArriveAsync("**/c/140827400017");
        await page.GotoAsync("/");
        await page.SettledAsync();
        await page.FillAsync("#track-code", "M-ZZZZ2222");
        await page.ClickAsync("#home-track button");
        await page.SeeAsync("#track-help");
        Assert.Equal("M-ZZZZ2222", await page.InputValueAsync("#track-form input[name=q]"));
        await page.Context.CloseAsync();
    }
}
