using System.Globalization;
using Microsoft.Playwright;

namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PledgesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AMemberClaimsOnAPhoneTheBranchApprovesTheTownFilesItIsOnTheBoardAndTheMonthEndClosesIt()
    {
        // The member claims from the opinion list on a 360 px phone and submits.
        var member = await browser.NewPageAsync(360);
        await member.SignInAsync("peishe.member");
        await member.ClickAsync(".hy-nav >> text=我的承诺");
        await member.SeeAsync("#claim-form");
        await member.ClickAsync("#opinion-list a >> nth=0");
        await member.SeeAsync("#claim-form");
        var title = $"修好村东头的路灯 {DateTime.UtcNow:HHmmss}";
        await member.FillAsync("#Input_Title", title);
        await member.SelectOptionAsync("#Input_Kind", "LivelihoodService");
        await member.FillAsync("#Input_DueOn", DateTime.UtcNow.AddHours(8).AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await member.FillAsync("#Input_DoneWhen", "路灯全部亮起");
        await member.ShotAsync("pledges-claim-360.png");
        await member.ClickAsync("#claim-form button[type=submit]");
        await member.SeeAsync("#my-pledges");
        var mine = member.Locator("#my-pledges li", new() { HasText = title });
        await mine.Locator("button").ClickAsync();
        await member.ShowsAsync("#my-pledges li:has-text('" + title + "')", "已提交");
        Assert.Contains("已提交", await member.Locator("#my-pledges li", new() { HasText = title }).InnerTextAsync());
        var pledgeUrl = await member.Locator("#my-pledges li", new() { HasText = title }).Locator("a").First.GetAttributeAsync("href");

        // The branch studies it at the committee; the town files; the branch shows the month's list on the board.
        var branch = await browser.NewPageAsync(1280);
        await branch.SignInAsync("peishe.branch");
        await branch.GotoAsync(pledgeUrl!);
        await branch.SeeAsync("#review-form");
        await branch.FillAsync("#review-note", "支委会研究，5人参加");
        await branch.ClickAsync("#review-form button[value=true]");
        await branch.SeeAsync("#pledge-steps");
        var town = await browser.NewPageAsync(1280);
        await town.SignInAsync("peishe.town");
        await town.ClickAsync(".hy-nav >> text=每月一件事");
        await town.SeeAsync("#compliance");
        await town.ShotAsync("pledges-town-1280.png");
        await town.ClickAsync("#compliance [data-file='140823109200']");
        await town.SeeAsync("#compliance");
        await branch.GotoAsync("/pledges?community=140823109200");
        await branch.SeeAsync("#compliance");
        await branch.ClickAsync("#compliance [data-publish='140823109200']");
        await branch.SeeAsync("#compliance");
        await branch.GotoAsync(pledgeUrl!);
        await branch.SeeAsync("#board-link");
        await branch.ClickAsync("#board-link");
        await branch.SettledAsync();
        Assert.Contains(title, await branch.ContentAsync());

        // Mid-month progress, then the month-end report on the phone; the branch evaluates.
        await member.GotoAsync("/pledges/me");
        await member.SeeAsync("#my-pledges");
        var item = member.Locator("#my-pledges li", new() { HasText = title });
        await item.Locator("input[name=note]").FillAsync("已买好灯泡，等电工");
        await item.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "lamp.png", MimeType = "image/png", Buffer = TestImages.Png });
        await item.Locator("button").ClickAsync();
        await member.ShowsAsync("#my-pledges li", "已买好灯泡，等电工");
        Assert.Contains("已买好灯泡，等电工", await member.Locator("#my-pledges li", new() { HasText = title }).InnerTextAsync());
        item = member.Locator("#my-pledges li", new() { HasText = title });
        await item.Locator("input[name=note]").FillAsync("路灯已全部修好");
        await item.Locator("button").ClickAsync();
        await member.SeeAsync("#my-pledges");
        await member.ShotAsync("pledges-member-360.png");
        await branch.GotoAsync(pledgeUrl!);
        await branch.SeeAsync("#close-form");
        // The progress report's photo is on the pledge's steps for the branch.
        Assert.Equal(1, await branch.Locator("#pledge-steps img.hy-thumb").CountAsync());
        await branch.SelectOptionAsync("#close-rating", "Excellent");
        await branch.FillAsync("#close-commendation", "党员大会通报表扬");
        await branch.ClickAsync("#close-form button[type=submit]");
        await branch.SeeAsync("#pledge-steps");
        Assert.Contains("已完成", await branch.InnerTextAsync("#pledge-state"));
        Assert.Contains("党员大会通报表扬", await branch.InnerTextAsync("#pledge-facts"));
        await branch.ShotAsync("pledges-pledge-1280.png");
        // The residents' board shows the result without an account.
        var resident = await browser.NewPageAsync(360);
        await resident.GotoAsync("/c/140823109200/pledges");
        await resident.SettledAsync();
        Assert.Contains(title, await resident.ContentAsync());
        await resident.Context.CloseAsync();

        // The member's year on the phone counts the praise.
        await member.GotoAsync("/pledges/me");
        await member.SeeAsync("#my-year");
        Assert.Contains("党员大会通报表扬", await member.InnerTextAsync("#my-year"));
        await member.Locator("#my-year").ScrollIntoViewIfNeededAsync();
        await member.ShotAsync("pledges-year-360.png");
        await member.Context.CloseAsync();
        await branch.Context.CloseAsync();
        await town.Context.CloseAsync();
    }

    [Fact]
    public async Task TheBranchKeepsItsListsRemindsTheMembersBehindAndPrintsTheMonthsSheet()
    {
        var branch = await browser.NewPageAsync(360);
        await branch.SignInAsync("peishe.branch");
        await branch.ClickAsync(".hy-nav >> text=每月一件事");
        await branch.SeeAsync("#compliance");
        await branch.ClickAsync("#compliance >> text=党员与民意清单");
        await branch.SeeAsync("#members");
        await branch.ShotAsync("pledges-branch-360.png");
        // An empty name is refused beside the field, and nothing is added.
        var before = await branch.Locator("#members li").CountAsync();
        await branch.ClickAsync("#member-form button[type=submit]");
        await branch.SeeAsync("#member-form");
        Assert.Contains("请填写党员姓名", await branch.InnerTextAsync("#member-form"));
        Assert.Equal(before, await branch.Locator("#members li").CountAsync());
        // An opinion gathered at a talk meeting goes onto the list.
        var opinion = $"村西头排水沟清淤 {DateTime.UtcNow:HHmmss}";
        await branch.FillAsync("#Opinion_Title", opinion);
        await branch.FillAsync("#Opinion_GatheredOn", DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await branch.ClickAsync("#opinion-form button[type=submit]");
        await branch.SeeAsync("#opinions");
        Assert.Contains(opinion, await branch.InnerTextAsync("#opinions"));
        // One tap reminds the members who are behind; those without an account are counted to be told in person.
        await branch.ClickAsync("#remind-button");
        await branch.SeeAsync("#remind-result");
        Assert.Contains("当面告知", await branch.InnerTextAsync("#remind-result"));
        // The month's sheet for the party meeting.
        await branch.ClickAsync("#sheet-link");
        await branch.SeeAsync("#sheet");
        Assert.True(await branch.Locator("#sheet tbody tr").CountAsync() > 1);
        await branch.ShotAsync("pledges-sheet-360.png");
        await branch.SetViewportSizeAsync(1280, 900);
        await branch.ShotAsync("pledges-sheet-1280.png");
        await branch.Context.CloseAsync();
    }
}
