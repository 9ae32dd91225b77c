using System.Globalization;

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
        await member.SeeAsync("#my-pledges");
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
        await town.ClickAsync("#compliance tr[data-branch='140823109200'] form button");
        await town.SeeAsync("#compliance");
        await branch.GotoAsync("/pledges?community=140823109200");
        await branch.SeeAsync("#compliance");
        await branch.ClickAsync("#compliance tr[data-branch='140823109200'] form button");
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
        await item.Locator("button").ClickAsync();
        await member.SeeAsync("#my-pledges");
        item = member.Locator("#my-pledges li", new() { HasText = title });
        await item.Locator("input[name=note]").FillAsync("路灯已全部修好");
        await item.Locator("button").ClickAsync();
        await member.SeeAsync("#my-pledges");
        await member.ShotAsync("pledges-member-360.png");
        await branch.GotoAsync(pledgeUrl!);
        await branch.SeeAsync("#close-form");
        await branch.ClickAsync("#close-form button[type=submit]");
        await branch.SeeAsync("#pledge-steps");
        Assert.Contains("已完成", await branch.InnerTextAsync("#pledge-state"));
        await branch.ShotAsync("pledges-pledge-1280.png");
        await member.Context.CloseAsync();
        await branch.Context.CloseAsync();
        await town.Context.CloseAsync();
    }
}
