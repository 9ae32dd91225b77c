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
    }
}
