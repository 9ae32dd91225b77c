using System.Globalization;
using Microsoft.Playwright;

namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class VolunteeringBrowserTests(BrowserFixture browser)
{
    private static DateTime BeijingNow() => DateTime.UtcNow.AddHours(8);

    [Fact]
    public async Task ARiderOnAPhoneSignsUpChecksInByTheCodeAndSeesTheHoursTheLeaderConfirmed()
    {
        // The social-work department puts on an activity happening now, from the menu.
        var organiser = await browser.NewPageAsync(1280);
        await organiser.SignInAsync("hejin.social");
        await organiser.ClickAsync(".hy-nav >> text=志愿服务");
        await organiser.SeeAsync("#figures");
        await organiser.ShotAsync("volunteering-organiser-1280.png");
        await organiser.ClickAsync("#new-activity");
        await organiser.SeeAsync("#activity-form");
        var now = BeijingNow();
        var from = now.AddMinutes(-10).Date == now.Date ? now.AddMinutes(-10) : now.Date;
        var to = now.AddHours(2).Date == now.Date ? now.AddHours(2) : now.Date.AddMinutes(23 * 60 + 59);
        var title = $"护航中考 · 新就业群体志愿服务 {now:HHmmss}";
        await organiser.FillAsync("#Input_Title", title);
        await organiser.FillAsync("#Input_Venue", "河津中学");
        await organiser.FillAsync("#Input_Date", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await organiser.FillAsync("#Input_From", from.ToString("HH:mm", CultureInfo.InvariantCulture));
        await organiser.FillAsync("#Input_To", to.ToString("HH:mm", CultureInfo.InvariantCulture));
        await organiser.FillAsync("input[name='Input.Posts[0].Name']", "河津中学 · 交通引导");
        await organiser.FillAsync("input[name='Input.Posts[0].Capacity']", "6");
        await organiser.FillAsync("input[name='Input.Posts[1].Name']", "河津中学 · 补给点");
        await organiser.FillAsync("input[name='Input.Posts[1].Capacity']", "2");
        await organiser.ClickAsync("#activity-form button[type=submit]");
        await organiser.ArriveAsync("**/volunteering/activities/*");
        var activityUrl = organiser.Url;
        await organiser.ShotAsync("volunteering-activity-1280.png");

        // The rider finds it on the phone and signs up for the traffic post.
        var rider = await browser.NewPageAsync(360);
        await rider.SignInAsync("rider");
        await rider.GotoAsync("/volunteering/me");
        await rider.SettledAsync();
        var card = rider.Locator(".hy-card", new PageLocatorOptions { HasText = title });
        await card.Locator("button[aria-label='报名: 河津中学 · 交通引导']").ClickAsync();
        await rider.ArriveAsync("**/volunteering/me*");
        Assert.Contains(title, await rider.InnerTextAsync("#my-places"));
        await rider.ShotAsync("volunteering-rider-signed-up-360.png");

        // At the venue: the code the organiser shows leads the rider to check in.
        await organiser.GotoAsync(activityUrl);
        await organiser.SettledAsync();
        Assert.Contains("已报名 1/6", await organiser.InnerTextAsync("#roster"));
        var checkIn = await organiser.GetAttributeAsync("#checkin-link", "href");
        await rider.GotoAsync(new Uri(checkIn!).PathAndQuery);
        await rider.SettledAsync();
        await rider.ClickAsync("#check-in");
        await rider.SeeAsync("#check-out");
        Assert.Contains("已签到", await rider.InnerTextAsync("#place-state"));
        await rider.ShotAsync("volunteering-checkin-360.png");

        // The leader confirms; the hours appear on the rider's record.
        await organiser.GotoAsync(activityUrl);
        await organiser.SettledAsync();
        Assert.True(await organiser.IsCheckedAsync("#roster input[type=checkbox]"));
        await organiser.ClickAsync("#confirm-hours");
        await organiser.SeeAsync("#roster");
        Assert.Contains("0.5 小时", await organiser.InnerTextAsync("#roster"));
        await rider.GotoAsync("/volunteering/me");
        await rider.SettledAsync();
        var place = rider.Locator("#my-places li", new PageLocatorOptions { HasText = title });
        Assert.Contains("0.5 小时", await place.InnerTextAsync());
        await rider.ShotAsync("volunteering-rider-hours-360.png");
        await rider.Context.CloseAsync();
        await organiser.Context.CloseAsync();
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task AResidentSignsUpFromTheCommunitysPublicPage(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.SignInAsync("resident");
        await page.GotoAsync("/c/140827400016");
        await page.SettledAsync();
        await page.ClickAsync("#public-volunteering");
        await page.ArriveAsync("**/c/140827400016/volunteering");
        await page.ShotAsync($"volunteering-public-{width}.png");
        // Two different days, so the second width does not ask for a second post at the same time.
        var (activity, post) = width == 360 ? ("河边三巷环境清洁日", "清扫组") : ("逸景名苑义务巡逻", "巡逻岗");
        var card = page.Locator(".hy-card", new PageLocatorOptions { HasText = activity });
        await card.Locator($"button[aria-label='报名: {post}']").ClickAsync();
        await page.SeeAsync("#signed-up");
        Assert.Contains("报名成功", await page.InnerTextAsync("#signed-up"));
        await page.ShotAsync($"volunteering-public-signed-up-{width}.png");
        await page.GotoAsync("/volunteering/me");
        await page.SettledAsync();
        Assert.Contains(activity, await page.InnerTextAsync("#my-places"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task TheCountyReadsTheYearsFiguresAndTheTalentPool(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.SignInAsync("county");
        await page.ClickAsync(".hy-nav >> text=志愿服务");
        await page.SeeAsync("#figures-sentence");
        Assert.Contains("联动共驻单位开展志愿服务 33 次", await page.InnerTextAsync("#figures-sentence"));
        await page.ShotAsync($"volunteering-county-{width}.png");
        await page.ClickAsync("#volunteering-tabs >> text=志愿服务队");
        await page.SeeAsync("#team-list");
        Assert.Contains("蓝星星志愿服务队", await page.InnerTextAsync("#team-list"));
        await page.ClickAsync("#team-list >> text=爱心妈妈团");
        await page.SeeAsync("#members");
        // The organiser adds a volunteer to the team, opens their record and records an honour.
        var before = await page.Locator("#members tbody tr").CountAsync();
        var added = (await page.Locator("#new-member option").Nth(1).InnerTextAsync()).Split(" · ")[0].Trim();
        await page.SelectOptionAsync("#new-member", new SelectOptionValue { Index = 1 });
        await page.ClickAsync("#add-member button");
        await page.SeeAsync("#members");
        Assert.Equal(before + 1, await page.Locator("#members tbody tr").CountAsync());
        await page.ShotAsync($"volunteering-team-{width}.png");
        await page.ClickAsync($"#members >> text={added}");
        await page.SeeAsync("#commend-form");
        await page.FillAsync("#Commend_Title", "优秀志愿者");
        await page.FillAsync("#Commend_AwardedBy", "垣曲县委社会工作部");
        await page.FillAsync("#Commend_AwardedOn", DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd"));
        await page.ClickAsync("#commend-form button");
        await page.SeeAsync("#commendations");
        Assert.Contains("垣曲县委社会工作部", await page.InnerTextAsync("#commendations"));
        await page.ShotAsync($"volunteering-volunteer-{width}.png");
        await page.Context.CloseAsync();

        var silver = await browser.NewPageAsync(width);
        await silver.SignInAsync("wanrong.silver");
        await silver.GotoAsync("/volunteering?show=talent&q=剪纸");
        await silver.SettledAsync();
        var table = await silver.InnerTextAsync("#volunteer-table");
        Assert.Contains("剪纸", table);
        Assert.DoesNotContain("书法", table);
        await silver.ShotAsync($"volunteering-talent-{width}.png");
        await silver.Context.CloseAsync();
    }
}
