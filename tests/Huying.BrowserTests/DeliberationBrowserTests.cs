using Microsoft.Playwright;

namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DeliberationBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task StaffFollowTheParkingTopicFromTheListToItsMeeting(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.SignInAsync("xueyuan.secretary");
        await page.ClickAsync(".hy-nav >> text=议事");
        await page.SeeAsync("#topics");
        Assert.Contains("已落实", await page.Locator("#figures").InnerTextAsync());
        await page.ShotAsync($"deliberation-{width}.png");
        await page.ClickAsync("#topics >> text=一期、二期共用门禁，车辆乱停乱放");
        await page.SeeAsync("#topic-stage");
        Assert.Equal("已完成", (await page.Locator("#topic-stage").InnerTextAsync()).Trim());
        await page.ShotAsync($"topic-{width}.png");
        await page.ClickAsync("dt:has-text('会议') + dd a");
        await page.SeeAsync("#quorum");
        Assert.Contains("已达到法定人数", await page.Locator("#quorum").InnerTextAsync());
        await page.ShotAsync($"meeting-{width}.png");
        await page.Context.CloseAsync();
    }
}
