namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class HeritageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheCentreReadsItsSitesOnAPhoneClosesAGapAndRaisesALevelWithItsBasisAtTheDesk()
    {
        // The centre's liaison on a 360 px phone: the figures and the sites, from the navigation.
        var phone = await browser.NewPageAsync(360);
        await phone.SignInAsync("yongji.heritage");
        await phone.GotoAsync("/heritage");
        await phone.SeeAsync("#heritage-figures");
        Assert.Contains("蒲津渡与蒲州故城遗址", await phone.InnerTextAsync("#sites"));
        await phone.ShotAsync("heritage-360.png");
        await phone.ClickAsync("#zones-link");
        await phone.SeeAsync("#zones");
        await phone.ShotAsync("heritage-zones-360.png");

        // A zone's party member on a phone at a site on the patrol list: the position found, a photo, all well.
        var member = await browser.NewPageAsync(360);
        await member.SignInAsync("yongji.member");
        await member.GotoAsync("/heritage/patrol");
        await member.SeeAsync("#due");
        await member.ClickAsync("#due li[data-due] a >> nth=0");
        await member.SeeAsync("#site-facts");
        var at = member.Locator("#site-position");
        var (lat, lon) = (double.Parse((await at.GetAttributeAsync("data-lat"))!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((await at.GetAttributeAsync("data-lon"))!, System.Globalization.CultureInfo.InvariantCulture));
        await member.Context.GrantPermissionsAsync(["geolocation"]);
        await member.Context.SetGeolocationAsync(new Microsoft.Playwright.Geolocation { Latitude = (float)(lat + 0.0001), Longitude = (float)lon });
        await member.ReloadAsync();
        await member.SeeAsync("#patrol-form");
        await Microsoft.Playwright.Assertions.Expect(member.Locator("[data-position-status]")).ToContainTextAsync("已定位");
        await member.SetInputFilesAsync("#photos", new Microsoft.Playwright.FilePayload { Name = "site.png", MimeType = "image/png", Buffer = TestImages.Png });
        await member.CheckAsync("#allWell");
        await member.ShotAsync("heritage-patrol-360.png");
        await member.ClickAsync("#patrol-form button");
        await member.SeeAsync("#patrols li[data-patrol]");
        Assert.Contains("一切正常", await member.InnerTextAsync("#patrols li[data-patrol] >> nth=0"));
        Assert.Equal(0, await member.Locator("#patrols li[data-patrol] >> nth=0 >> .text-bg-danger").CountAsync());

        // At the desk: the national sites only, one site's card, its level raised with the document that published it.
        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("yongji.heritage");
        await desk.ClickAsync(".hy-nav >> text=文物保护");
        await desk.SeeAsync("#sites");
        await desk.SelectOptionAsync("#level", "National");
        await desk.ClickAsync("#site-filter button");
        await desk.SeeAsync("#sites");
        Assert.Equal(8, await desk.Locator("#sites li[data-site]").CountAsync());
        await desk.ShotAsync("heritage-1280.png");
        await desk.ClickAsync("#sites li[data-site] a >> nth=0");
        await desk.SeeAsync("#site-facts");
        await desk.SelectOptionAsync("#level-form #level", "Provincial");
        await desk.ClickAsync("#level-form button");
        await desk.SeeAsync("#action-error");
        await desk.SelectOptionAsync("#level-form #level", "Provincial");
        await desk.FillAsync("#basis", "晋政发〔2026〕9号");
        await desk.ClickAsync("#level-form button");
        await desk.SeeAsync("#level-history");
        Assert.Contains("晋政发〔2026〕9号", await desk.InnerTextAsync("#level-history"));
        Assert.Contains("省级", await desk.InnerTextAsync("#site-level"));
        await desk.ShotAsync("heritage-site-1280.png");

        // The census import from the heritage page: a file with a bad row comes back with the row and nothing saved.
        await desk.GotoAsync("/heritage");
        await desk.ClickAsync("#census-link");
        await desk.SeeAsync("#census-form");
        var csv = "普查编号,名称,类别,年代,所在村（社区）代码,纬度,经度,调查日期,调查人员,调查方式\n"
            + "B-0001,测试遗址,古遗址,汉,140881999999,34.87,110.45,2025-06-01,王强,无人机航测\n";
        await desk.SetInputFilesAsync("#census-form input[type=file]",
            new Microsoft.Playwright.FilePayload { Name = "census.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await desk.ClickAsync("#census-form button");
        await desk.SeeAsync("#import-result");
        Assert.Contains("辖区内没有这个村", await desk.InnerTextAsync("main"));
        Assert.Equal(1, await desk.Locator("main table tbody tr").CountAsync());
        await desk.ShotAsync("heritage-census-1280.png");
    }

    [Fact]
    public async Task AMemberReportsAHazardFromAPatrolOnAPhoneAndTheCentreSeesItOnTheMapAndClosesIt()
    {
        // A zone's party member on a 360 px phone finds a crack on patrol: the check-in goes on to the hazard report, prefilled.
        var member = await browser.NewPageAsync(360);
        await member.SignInAsync("yongji.member");
        await member.GotoAsync("/heritage/patrol");
        await member.ClickAsync("#due li[data-due] a >> nth=1");
        await member.SeeAsync("#site-facts");
        var site = (await member.InnerTextAsync("h1")).Split([' ', '\n'])[0];
        var at = member.Locator("#site-position");
        var (lat, lon) = (double.Parse((await at.GetAttributeAsync("data-lat"))!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((await at.GetAttributeAsync("data-lon"))!, System.Globalization.CultureInfo.InvariantCulture));
        await member.Context.GrantPermissionsAsync(["geolocation"]);
        await member.Context.SetGeolocationAsync(new Microsoft.Playwright.Geolocation { Latitude = (float)lat, Longitude = (float)(lon + 0.0001) });
        await member.ReloadAsync();
        await Microsoft.Playwright.Assertions.Expect(member.Locator("[data-position-status]")).ToContainTextAsync("已定位");
        await member.SetInputFilesAsync("#photos", new Microsoft.Playwright.FilePayload { Name = "crack.png", MimeType = "image/png", Buffer = TestImages.Png });
        await member.FillAsync("#findings", "东山墙新见竖向裂缝，宽约5毫米");
        await member.ClickAsync("#patrol-form button");
        await member.SeeAsync("#hazard-form");
        Assert.Equal("东山墙新见竖向裂缝，宽约5毫米", await member.InputValueAsync("#Input_Description"));
        await member.CheckAsync("#hazard-form input[value='heritage.crack']");
        await member.SetInputFilesAsync("#Photos", new Microsoft.Playwright.FilePayload { Name = "crack.png", MimeType = "image/png", Buffer = TestImages.Png });
        await member.ShotAsync("heritage-hazard-360.png");
        await member.ClickAsync("#submit-hazard");
        await member.SeeAsync("#raised");
        var code = await member.InnerTextAsync("#tracking-code");

        // At the desk the centre sees the sites on the offline map, and the hazard in its list.
        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("yongji.heritage");
        await desk.GotoAsync("/heritage");
        await Microsoft.Playwright.Assertions.Expect(desk.Locator("#heritage-map canvas")).ToHaveCountAsync(1);
        await Microsoft.Playwright.Assertions.Expect(desk.Locator("#heritage-map")).ToHaveAttributeAsync("data-sites", "102");
        // The open hazards ring their sites: the demo's open one and the one just reported.
        await Microsoft.Playwright.Assertions.Expect(desk.Locator("#heritage-map")).ToHaveAttributeAsync("data-hazards", "2");
        await desk.Locator("#heritage-map").ScrollIntoViewIfNeededAsync();
        await desk.ShotAsync("heritage-map-1280.png", fullPage: false);
        await desk.ClickAsync("#hazards-link");
        await desk.SeeAsync("#hazards");
        Assert.Contains(site, await desk.InnerTextAsync("#hazards"));
        await desk.ClickAsync($"#hazards li:has-text('{code}') a");
        await desk.SeeAsync("#hazard-facts");
        await desk.FillAsync("#respond-note", "文保员已出发");
        await desk.ClickAsync("#respond-form button");
        await desk.SeeAsync("#close-form");
        // Closing without a photo is refused beside the form; with one it closes.
        await desk.FillAsync("#close-note", "裂缝已灌浆加固，设置监测点");
        await desk.ClickAsync("#close-form button");
        await desk.SeeAsync("#action-error");
        await desk.FillAsync("#close-note", "裂缝已灌浆加固，设置监测点");
        await desk.SetInputFilesAsync("#close-photos", new Microsoft.Playwright.FilePayload { Name = "after.png", MimeType = "image/png", Buffer = TestImages.Png });
        await desk.ClickAsync("#close-form button");
        await desk.ShowsAsync("#hazard-reports li[data-report]", "裂缝已灌浆加固");
        Assert.Contains("裂缝已灌浆加固", await desk.InnerTextAsync("#hazard-reports"));
        Assert.Equal(0, await desk.Locator("#close-form").CountAsync());
        await desk.ShotAsync("heritage-hazard-1280.png");

        // A school books a visit to the red base on a phone, and sees its booking with the code.
        var school = await browser.NewPageAsync(360);
        await school.GotoAsync("/heritage/visit");
        await school.FillAsync("#Input_VisitOn", DateTime.UtcNow.AddHours(8).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await school.FillAsync("#Input_GroupName", "永济中学初二研学班");
        await school.FillAsync("#Input_Size", "48");
        await school.FillAsync("#Input_ContactName", "王老师");
        await school.FillAsync("#Input_ContactPhone", "13912345678");
        await school.ShotAsync("heritage-visit-360.png");
        await school.ClickAsync("#submit-visit");
        await school.SeeAsync("#booked");
        Assert.Contains("139****5678", await school.InnerTextAsync("#visit-status"));
    }
}
