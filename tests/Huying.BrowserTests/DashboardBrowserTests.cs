namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheCityOfficerClicksACountyOnTheMapThenACommunityAndTheWallScreenShowsTheSameWithoutTheMenu()
    {
        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("city");
        await desk.ClickAsync("#nav-dashboard");
        await desk.SeeAsync("#dashboard-map canvas");
        Assert.Contains("运城市", await desk.InnerTextAsync("#dashboard-division"));
        await desk.ShotAsync("dashboard-city-1280.png");
        // The county's row (and its area on the map) opens the county's dashboard; a community's row opens the community's.
        await desk.ClickAsync("#dashboard-areas tr[data-area='140827'] a");
        await desk.SeeAsync("#dashboard-areas tr[data-area='140827400016']");
        Assert.Contains("垣曲县", await desk.InnerTextAsync("#dashboard-division"));
        await desk.ClickAsync("#dashboard-areas tr[data-area='140827400016'] a");
        await desk.SeeAsync("#dashboard-tiles");
        Assert.Contains("府前社区", await desk.InnerTextAsync("#dashboard-division"));
        await desk.ClickAsync("[data-tile='submitted']");
        await desk.SeeAsync("main");
        Assert.Contains("/matters/kpis", desk.Url);
        Assert.Contains("division=140827400016", desk.Url);

        var wall = await browser.NewPageAsync(1920, 1080);
        await wall.SignInAsync("city");
        await wall.GotoAsync("/dashboard?division=1408&screen=true");
        await wall.SeeAsync("#dashboard-map canvas");
        Assert.Equal(0, await wall.Locator("nav.hy-nav").CountAsync());
        await wall.ShotAsync("dashboard-wall-1920.png", fullPage: false);

        var phone = await browser.NewPageAsync(360);
        await phone.SignInAsync("county");
        await phone.GotoAsync("/dashboard");
        await phone.SeeAsync("#dashboard-areas");
        await phone.ShotAsync("dashboard-county-360.png");
    }
}
