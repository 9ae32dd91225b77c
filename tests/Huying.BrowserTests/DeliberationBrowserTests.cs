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

    [Fact]
    public async Task TheSecretarySchedulesAMeetingWithChineseKindsGetsOneFieldWrongAndKeepsEverythingElse()
    {
        var page = await browser.NewPageAsync(360);
        await page.SignInAsync("xueyuan.secretary");
        await page.GotoAsync("/deliberation");
        await page.SettledAsync();
        await page.FillAsync("#meeting-title", "晋海花园停车议事会");
        await page.FillAsync("input[name='Meeting.Participants[0].Name']", "张秀英");
        await page.SelectOptionAsync("select[name='Meeting.Participants[0].Kind']", new SelectOptionValue { Label = "居民代表" });
        await page.FillAsync("input[name='Meeting.Participants[1].Name']", "李建国");
        await page.SelectOptionAsync("select[name='Meeting.Participants[1].Kind']", new SelectOptionValue { Label = "支部成员" });
        // The date is forgotten: refused beside the field, the rest stays as typed.
        await page.ClickAsync("#schedule-form button[type=submit]");
        await page.SeeAsync("#schedule-form .alert-danger");
        Assert.Equal("晋海花园停车议事会", await page.InputValueAsync("#meeting-title"));
        Assert.Equal("张秀英", await page.InputValueAsync("input[name='Meeting.Participants[0].Name']"));
        Assert.Equal("BranchMember", await page.InputValueAsync("select[name='Meeting.Participants[1].Kind']"));
        Assert.Contains("请填写日期和时间", await page.InnerTextAsync("#schedule-form"));
        await page.ShotAsync("meeting-refused-360.png");
        await page.FillAsync("#meeting-at", DateTime.Now.AddDays(5).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#schedule-form button[type=submit]");
        await page.ArriveAsync("**/deliberation/meetings/*");
        var meeting = await page.InnerTextAsync("main");
        Assert.Contains("张秀英", meeting);
        Assert.Contains("支部成员", meeting);
        await page.Context.CloseAsync();
    }
}
