using Microsoft.Playwright;

namespace Huying.BrowserTests;

/// <summary>The big committee on the demo: a unit's liaison on a phone, the secretary at a desk, the summary table.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectsBrowserTests(BrowserFixture browser)
{
    private const string Ditch = "河边一巷排水沟清淤";

    [Fact]
    public async Task ALiaisonReportsProgressWithAPhotoFromAPhoneTheSecretaryAcceptsAndTheSummaryShowsItDone()
    {
        var phone = await browser.NewPageAsync(360, 780);
        await phone.SignInAsync("unit.xmtj");
        await phone.ClickAsync("#nav-projects");
        await phone.SeeAsync("#summary-table");
        await phone.ShotAsync("projects-summary-liaison-360");
        await phone.ClickAsync($"#summary-table a >> text={Ditch}");
        await phone.SeeAsync("#update-form");
        Assert.Equal("实施中", (await phone.Locator("#project-status").InnerTextAsync()).Trim());

        // A progress update with a photo taken on the spot.
        await phone.FillAsync("#Input_Text", "通水检查完毕，排水顺畅，无渗漏。");
        await phone.SetInputFilesAsync("#Photos", new FilePayload { Name = "ditch.png", MimeType = "image/png", Buffer = TestImages.Png });
        await phone.ClickAsync("#update-form button[type=submit]");
        await phone.SeeAsync("#updates img.hy-thumb");
        Assert.Contains("通水检查完毕，排水顺畅，无渗漏。", await phone.Locator("#updates").InnerTextAsync());

        // The last milestone is done; the unit asks for acceptance.
        await phone.ClickAsync("#milestones form button");
        await phone.SeeAsync("#request-acceptance");
        Assert.Equal("100%", (await phone.Locator("#project-progress").InnerTextAsync()).Trim());
        await phone.ClickAsync("#request-acceptance");
        await phone.SeeAsync("#awaiting");
        Assert.Equal("待验收", (await phone.Locator("#project-status").InnerTextAsync()).Trim());
        await phone.ShotAsync("project-liaison-360");

        // The secretary accepts at a desk, with the resident representatives.
        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("fuqian.secretary");
        await desk.GotoAsync("/projects?status=AwaitingAcceptance");
        await desk.SettledAsync();
        await desk.ClickAsync($"#summary-table a >> text={Ditch}");
        await desk.SeeAsync("#accept-form");
        await desk.ClickAsync("#accept");
        await desk.SeeAsync("#Input_Residents.is-invalid");
        Assert.Equal("请填写参加验收的居民代表", (await desk.Locator("#Input_Residents ~ .invalid-feedback").InnerTextAsync()).Trim());
        await desk.FillAsync("#Input_Residents", "河边一巷住户代表 2 人");
        await desk.FillAsync("#Input_Note", "排水沟畅通，盖板齐全。");
        await desk.ClickAsync("#accept");
        await desk.SeeAsync("#acceptance");
        Assert.Equal("已验收", (await desk.Locator("#project-status").InnerTextAsync()).Trim());
        await desk.ShotAsync("project-accepted-1280");

        // The summary table shows it done today.
        await desk.GotoAsync("/projects?status=Accepted");
        await desk.SettledAsync();
        var row = desk.Locator("#summary-table tbody tr", new PageLocatorOptions { HasText = Ditch });
        Assert.Equal("已验收", (await row.Locator(".status").InnerTextAsync()).Trim());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"), (await row.Locator(".completed").InnerTextAsync()).Trim());
        Assert.Equal("100%", (await row.Locator(".progress-bar").InnerTextAsync()).Trim());
        await desk.ShotAsync("projects-summary-1280");
        await phone.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task StaffWalkTheNeedsMeetingsAgreementsAndServicePages(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.SignInAsync("fuqian.staff");
        await page.GotoAsync("/projects/needs");
        await page.SettledAsync();
        await page.SeeAsync("#suggestions");
        Assert.Contains("河边三巷", await page.Locator("#suggestions").InnerTextAsync());
        await page.ShotAsync($"projects-needs-{width}");
        await page.ClickAsync("#project-tabs >> text=联席会议");
        await page.SeeAsync("#meetings");
        await page.ClickAsync("#meetings a >> nth=0");
        await page.SeeAsync("#record-form");
        await page.ShotAsync($"projects-meeting-{width}");
        await page.GotoAsync("/projects/agreements");
        await page.SettledAsync();
        await page.SeeAsync("#coverage");
        Assert.Contains("15/15", await page.Locator("#coverage").InnerTextAsync());
        await page.ShotAsync($"projects-agreements-{width}");
        await page.GotoAsync("/projects/service");
        await page.SettledAsync();
        await page.SeeAsync("#members");
        await page.ShotAsync($"projects-service-{width}");
        var first = page.Locator("#members tbody tr").First;
        await first.Locator("details summary").ClickAsync();
        await first.Locator("input[name='Input.Reason']").FillAsync("安排服务联系");
        await first.Locator("button[type=submit]").ClickAsync();
        await page.SeeAsync("#members .revealed");
        Assert.Matches(@"^1\d{10}$", (await page.Locator("#members .revealed").InnerTextAsync()).Trim());
        await page.GotoAsync("/c/140827400016/projects");
        await page.SettledAsync();
        await page.SeeAsync("#public-project-list");
        await page.ShotAsync($"projects-public-{width}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task TheCountyOfficerComparesTheCommunitiesAndDrillsIntoOne(int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.SignInAsync("county");
        await page.ClickAsync("#nav-projects");
        await page.SeeAsync("#by-community");
        Assert.Equal(15, await page.Locator("#by-community tbody tr").CountAsync());
        await page.ShotAsync($"projects-county-{width}");
        await page.ClickAsync("#by-community a >> text=府前社区");
        await page.ArriveAsync("**/projects?community=140827400016");
        Assert.Equal("15/15", (await page.Locator("#agreements-signed").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnInServiceMemberReportsToTheHomeCommunityAndPicksATaskOnAPhone()
    {
        var page = await browser.NewPageAsync(360, 780);
        await page.SignInAsync("member");
        await page.ClickAsync("#nav-service");
        await page.SeeAsync("#report-form");
        await page.ClickAsync("#report");
        await page.SeeAsync("#me");
        Assert.Contains("垣曲县项目推进中心", await page.Locator("#me").InnerTextAsync());
        var task = page.Locator("#tasks li[data-task]", new PageLocatorOptions { Has = page.Locator("button[type=submit]") }).First;
        var title = (await task.Locator("strong").First.InnerTextAsync()).Trim();
        await task.Locator("button[type=submit]").ClickAsync();
        await page.SeeAsync("#tasks .badge.text-bg-success");
        var picked = page.Locator("#tasks li[data-task]", new PageLocatorOptions { HasText = title });
        Assert.Equal("已认领", (await picked.Locator(".badge.text-bg-success").InnerTextAsync()).Trim());
        await page.ShotAsync("projects-member-360");
        await page.Context.CloseAsync();
    }
}
