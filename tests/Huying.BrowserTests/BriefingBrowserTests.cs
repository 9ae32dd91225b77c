namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class BriefingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheCountyOfficerOpensTheBriefingFromTheMenuSeesTheFiguresBehindASentenceAndTheCityReadsItsOwn()
    {
        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("county");
        await desk.ClickAsync("#nav-briefing");
        await desk.SeeAsync("#briefing");
        Assert.Contains("垣曲县党建引领基层治理工作简报", await desk.InnerTextAsync("#briefing h2"));
        var volunteering = desk.Locator("[data-practice='党建+志愿服务']");
        Assert.Contains("13000余人", await volunteering.Locator("p").InnerTextAsync());
        await volunteering.Locator("summary").ClickAsync();
        Assert.Contains("peopleServed", await volunteering.Locator(".briefing-figure").AllInnerTextsAsync() is var figures ? string.Join("\n", figures) : "");
        await desk.ShotAsync("briefing-1280.png");

        var phone = await browser.NewPageAsync(360);
        await phone.SignInAsync("city");
        await phone.GotoAsync("/briefing");
        Assert.Contains("运城市党建引领基层治理工作简报", await phone.InnerTextAsync("#briefing h2"));
        Assert.Contains("医疗帮扶", await phone.InnerTextAsync("#briefing"));
        await phone.ShotAsync("briefing-city-360.png");
    }
}
