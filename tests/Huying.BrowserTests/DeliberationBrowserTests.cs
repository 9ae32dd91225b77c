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
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_UserName", "xueyuan.secretary");
        await page.FillAsync("#Input_Password", "Huying@2026");
        await page.ClickAsync("button[type=submit].btn-hy");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.ClickAsync(".hy-nav >> text=议事");
        await page.WaitForSelectorAsync("#topics");
        Assert.Contains("已落实", await page.Locator("#figures").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, $"deliberation-{width}.png"), FullPage = true });
        await page.ClickAsync("#topics >> text=一期、二期共用门禁，车辆乱停乱放");
        await page.WaitForSelectorAsync("#topic-stage");
        Assert.Equal("已完成", (await page.Locator("#topic-stage").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, $"topic-{width}.png"), FullPage = true });
        await page.ClickAsync("dt:has-text('会议') + dd a");
        await page.WaitForSelectorAsync("#quorum");
        Assert.Contains("已达到法定人数", await page.Locator("#quorum").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, $"meeting-{width}.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
