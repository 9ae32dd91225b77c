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

    [Fact]
    public async Task TheCountyOfficerClicksACommunityOnTheMapThenItsOverdueFigureAndLandsOnThoseMatters()
    {
        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("county");
        await desk.ClickAsync("#nav-dashboard");
        await desk.SeeAsync("#dashboard-map canvas");
        Assert.Contains("垣曲县", await desk.InnerTextAsync("#dashboard-division"));
        await desk.ShotAsync("dashboard-county-map-1280.png");
        // 府前社区 is a point on the county's outline: click where ECharts drew it.
        var spot = await desk.EvaluateAsync<double[]>(@"() => {
            const el = document.getElementById('dashboard-map');
            const spec = JSON.parse(el.dataset.dashboardMap);
            const p = spec.points.find(x => x.code === '140827400016');
            const xy = echarts.getInstanceByDom(el).convertToPixel({ geoIndex: 0 }, [p.value[0], p.value[1]]);
            const box = el.getBoundingClientRect();
            return [box.left + xy[0], box.top + xy[1]];
        }");
        await desk.Mouse.ClickAsync((float)spot[0], (float)spot[1]);
        await desk.ArriveAsync("**/dashboard?division=140827400016*");
        await desk.SeeAsync("#dashboard-worst");
        Assert.Contains("府前社区", await desk.InnerTextAsync("#dashboard-division"));
        var overdue = int.Parse(await desk.InnerTextAsync("[data-tile='overdue'] .fs-3"));
        await desk.ShotAsync("dashboard-community-1280.png");
        await desk.ClickAsync("[data-tile='overdue']");
        await desk.ArriveAsync("**/matters?view=Overdue&division=140827400016*");
        await desk.SeeAsync("#matter-list");
        Assert.Equal(overdue.ToString(), await desk.InnerTextAsync("#tab-overdue .n"));
        Assert.Equal(Math.Min(overdue, 50), await desk.Locator("#matter-list > a.hy-card").CountAsync());
        Assert.Contains("府前社区", await desk.InnerTextAsync("#queue-narrowed"));
        await desk.ShotAsync("dashboard-overdue-matters-1280.png");

        var phone = await browser.NewPageAsync(360);
        await phone.SignInAsync("fuqian.grid");
        await phone.GotoAsync("/dashboard");
        await phone.SeeAsync("#dashboard-worst");
        Assert.Contains("河边网格", await phone.InnerTextAsync("#dashboard-division"));
        await phone.ShotAsync("dashboard-grid-360.png");

        // A partner unit's liaison: the matters dispatched to the unit, no practices.
        var unit = await browser.NewPageAsync(360);
        await unit.SignInAsync("unit.xmtj");
        await unit.GotoAsync("/dashboard");
        await unit.SeeAsync("#dashboard-tiles");
        Assert.Equal(0, await unit.Locator("#dashboard-practices").CountAsync());
        await unit.ShotAsync("dashboard-unit-360.png");
    }
}
