using Microsoft.Playwright;

namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class OrganisationBrowserTests(BrowserFixture browser)
{
    private static async Task<string> Stat(IPage page, string key) =>
        (await page.Locator($"#four-levels [data-key={key}] .v").InnerTextAsync()).Trim();

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task TheCountyOfficerSeesTheFourLevelsSwitchesLanguageAndDrillsDownToAHousehold(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.SignInAsync("county");

        Assert.Equal("15", await Stat(page, "bigCommittees"));
        Assert.Equal("130", await Stat(page, "partnerUnitOrganisations"));
        Assert.Equal("237", await Stat(page, "buildingPartyGroups"));
        Assert.Equal("404", await Stat(page, "centralHouseholds"));
        Assert.Equal("131", await Stat(page, "countyUnits"));
        Assert.Contains("社区“大党委”", await page.Locator("#four-levels").InnerTextAsync());
        await page.ShotAsync($"overview-{width}.png");

        await page.ClickAsync("#language-switch");
        await page.WaitForSelectorAsync("text=Big committees");
        Assert.Contains("Partner-unit party organisations", await page.Locator("#four-levels").InnerTextAsync());
        await page.ShotAsync($"overview-en-{width}.png", fullPage: false);
        await page.ClickAsync("#language-switch");
        await page.WaitForSelectorAsync("text=党员中心户");

        await page.ClickAsync("#community-table >> text=府前社区");
        await page.ArriveAsync("**/org/communities/140827400016");
        Assert.Equal("15", await Stat(page, "partnerUnitOrganisations"));
        await page.ClickAsync("#grid-tree summary:has-text('河边网格')");
        await page.ClickAsync("#grid-tree >> text=河边三巷");
        await page.ArriveAsync("**/org/buildings/*");
        await page.ShotAsync($"building-{width}.png", fullPage: false);
        await page.Locator("#households a").First.ClickAsync();
        await page.ArriveAsync("**/org/households/*");
        var table = await page.Locator("#people-table").InnerTextAsync();
        Assert.Matches(@"1\*{16}[\dX]", table);
        Assert.DoesNotMatch(@"\d{6}", table);
        await page.ShotAsync($"household-{width}.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignInErrorsAreShownBesideTheField()
    {
        var page = await browser.NewPageAsync(360);
        var answer = await page.GotoAsync("/account/login");
        // Served by the real Kestrel, which names itself nowhere.
        Assert.False(answer!.Headers.ContainsKey("server"));
        await page.FillAsync("#Input_UserName", "county");
        await page.ClickAsync("button[type=submit].btn-hy");
        await page.WaitForSelectorAsync("#Input_Password.is-invalid");
        var error = page.Locator("#Input_Password ~ .invalid-feedback");
        Assert.Equal("请输入密码", (await error.InnerTextAsync()).Trim());
        Assert.True(await error.IsVisibleAsync());
        await page.FillAsync("#Input_Password", "wrong-password");
        await page.ClickAsync("button[type=submit].btn-hy");
        await page.WaitForSelectorAsync("text=用户名或密码错误");
        Assert.True(await page.Locator("#Input_Password.is-invalid").IsVisibleAsync());
        await page.ShotAsync("login-error-360.png", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AGridWorkerOnAPhoneRevealsAPhoneNumberWithAReason()
    {
        var page = await browser.NewPageAsync(360, 780);
        await page.SignInAsync("fuqian.grid");
        await page.GotoAsync("/people");
        await page.SettledAsync();
        await page.Locator("#people-table tbody a").First.ClickAsync();
        await page.ArriveAsync("**/people/*");
        var masked = (await page.Locator("#phone").InnerTextAsync()).Trim();
        Assert.Matches(@"^1\d{2}\*{6}\d{2}$", masked);
        await page.SelectOptionAsync("#Field", "phone");
        await page.ClickAsync("#reveal-form button");
        await page.WaitForSelectorAsync("#Reason.is-invalid");
        await page.FillAsync("#Reason", "入户走访");
        await page.ClickAsync("#reveal-form button");
        await page.WaitForFunctionAsync("() => !document.querySelector('#phone').innerText.includes('*')");
        var full = (await page.Locator("#phone").InnerTextAsync()).Trim();
        Assert.Matches(@"^1[3-9]\d{9}$", full);
        Assert.Equal(masked[..3], full[..3]);
        Assert.Equal(masked[^2..], full[^2..]);
        await page.ShotAsync("reveal-360.png");
        await page.Context.CloseAsync();
    }
}
