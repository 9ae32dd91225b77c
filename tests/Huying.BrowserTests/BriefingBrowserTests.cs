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

    [Fact]
    public async Task TheSecretaryKeepsTheBriefingAsADraftEditsANumberSeesItMarkedAndPublishesIt()
    {
        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("fuqian.secretary");
        await desk.GotoAsync("/briefing");
        await desk.SeeAsync("#draft-form");
        await desk.ClickAsync("#draft-form button");
        await desk.SeeAsync("#edit-form");
        var first = desk.Locator("#text-0");
        await first.FillAsync(await first.InputValueAsync() + "另有88名群众参与。");
        await desk.ClickAsync("#edit-form button[type=submit]");
        await desk.ShowsAsync(".issue-section", "数字有改动");
        await desk.ShotAsync("briefing-issue-1280.png");
        await desk.ClickAsync("#publish-form button");
        await desk.SeeAsync("#issue-published");
        Assert.Contains("已公开", await desk.InnerTextAsync("#issue-status"));

        var phone = await browser.NewPageAsync(360);
        await phone.SignInAsync("fuqian.secretary");
        await phone.GotoAsync(desk.Url);
        await phone.SeeAsync("#issue-published");
        await phone.ShotAsync("briefing-issue-360.png");
    }
}
