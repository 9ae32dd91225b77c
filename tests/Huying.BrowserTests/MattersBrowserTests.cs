using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Huying.BrowserTests;

/// <summary>The closed loop on the demo, each person on their own device.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class MattersBrowserTests(BrowserFixture browser)
{

    private async Task<IPage> SignInAsync(string user, int width)
    {
        var page = await browser.NewPageAsync(width);
        await page.SignInAsync(user);
        return page;
    }

    private static async Task OpenMatterAsync(IPage page, string code)
    {
        await page.GotoAsync($"/matters?view=All&q={code}");
        await page.SettledAsync();
        await page.ClickAsync($"#matter-list a[data-code='{code}']");
        await page.SeeAsync("#matter-state");
    }

    private static async Task<string> StateAsync(IPage page) => (await page.Locator("#matter-state").InnerTextAsync()).Trim();

    [Fact]
    public async Task AFloodReportedOnAPhoneIsHandledAcrossTheLoopAndCountedByTheCounty()
    {
        var county = await SignInAsync("county", 1280);
        await county.GotoAsync("/matters/kpis?groupBy=community");
        await county.SettledAsync();
        var before = int.Parse(await county.Locator("#total-submitted").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        // A resident on a 360 px phone, without an account.
        var resident = await browser.NewPageAsync(360, 780);
        await resident.GotoAsync("/c/140827400016");
        await resident.SettledAsync();
        await resident.ClickAsync("#raise-matter");
        await resident.ClickAsync(".hy-choice:has-text('排水防汛')");
        await resident.FillAsync("#Input_Description", "河边三巷一下雨就积水，没过脚踝，老人出不了门");
        await resident.SelectOptionAsync("#Input_BuildingId", new SelectOptionValue { Label = "河边三巷" });
        await resident.FillAsync("#Input_ReporterPhone", "13903591234");
        await resident.ShotAsync("matter-raise-360");
        await resident.ClickAsync("#submit-matter");
        await resident.WaitForSelectorAsync("#raised");
        var code = (await resident.Locator("#tracking-code").InnerTextAsync()).Trim();
        Assert.Matches(TrackingCode(), code);
        Assert.Equal("已提交", (await resident.Locator("#matter-state").InnerTextAsync()).Trim());
        await resident.ShotAsync("matter-track-360");

        // The 府前 grid worker accepts on a phone and blows the whistle.
        var grid = await SignInAsync("fuqian.grid", 360);
        await grid.ClickAsync("#nav-matters");
        await grid.WaitForSelectorAsync($"#matter-list a[data-code='{code}']");
        await grid.ShotAsync("matter-queue-360");
        await grid.ClickAsync($"#matter-list a[data-code='{code}']");
        await grid.ClickAsync("#do-accept");
        await grid.WaitForSelectorAsync("#do-escalate", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Assert.Equal("已受理", await StateAsync(grid));
        await grid.ClickAsync("summary:has-text('吹哨上报')");
        await grid.FillAsync("textarea[name='Input.Reason']", "排水管网老化，需要专业单位改造");
        await grid.ClickAsync("#do-escalate");
        await grid.WaitForSelectorAsync("#matter-state:has-text('已吹哨')");

        // Community staff dispatch it to 垣曲县项目推进中心.
        var staff = await SignInAsync("fuqian.staff", 1280);
        await OpenMatterAsync(staff, code);
        // A unit that handled this category here before is offered first, with its count; pick the centre by its name.
        var centre = await staff.Locator("#dispatch-unit option", new() { HasText = "垣曲县项目推进中心" }).First.GetAttributeAsync("value");
        await staff.SelectOptionAsync("#dispatch-unit", centre!);
        await staff.FillAsync("#dispatch-form input[name='Input.Note']", "请尽快实施雨污分流");
        await staff.ShotAsync("matter-detail-1280");
        await staff.ClickAsync("#do-dispatch");
        await staff.WaitForSelectorAsync("#matter-state:has-text('已派单')");

        // The unit's liaison reports for duty and resolves it, with a photo.
        var unit = await SignInAsync("unit.xmtj", 360);
        await OpenMatterAsync(unit, code);
        await unit.ClickAsync("#do-report");
        await unit.WaitForSelectorAsync("#matter-state:has-text('单位已报到')");
        await unit.FillAsync("#resolve-form textarea[name='Input.Note']", "雨污分流管道已铺设，路面已硬化");
        await unit.SetInputFilesAsync("#resolve-form input[type=file]", new FilePayload { Name = "after.png", MimeType = "image/png", Buffer = TestImages.Png });
        await unit.ClickAsync("#do-resolve");
        await unit.WaitForSelectorAsync("#matter-state:has-text('已办结(待核查)')");
        Assert.Equal(1, await unit.Locator("#matter-files img").CountAsync());

        // The grid worker verifies on site.
        await OpenMatterAsync(grid, code);
        await grid.ClickAsync("#do-verify");
        await grid.WaitForSelectorAsync("#matter-state:has-text('已核查')");

        // The resident rates it on the tracking page.
        await resident.GotoAsync($"/track/{code}");
        await resident.SettledAsync();
        Assert.Contains("垣曲县项目推进中心", await resident.Locator("#timeline").InnerTextAsync());
        Assert.DoesNotContain("13903591234", await resident.ContentAsync());
        await resident.ClickAsync("#rate-form .hy-choice:has-text('满意') >> nth=0");
        await resident.ClickAsync("#rate-submit");
        await resident.WaitForSelectorAsync("#matter-state:has-text('已结案')");
        Assert.Equal("满意", (await resident.Locator("#rating").InnerTextAsync()).Trim());
        await resident.ShotAsync("matter-closed-360");

        // The county's KPI page counts it.
        await county.GotoAsync("/matters/kpis?groupBy=community");
        await county.SettledAsync();
        var after = int.Parse(await county.Locator("#total-submitted").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(before + 1, after);
        Assert.Contains("府前社区", await county.Locator("#kpi-table").InnerTextAsync());
        await county.ShotAsync("matter-kpis-1280");
        var phone = await SignInAsync("county", 360);
        await phone.GotoAsync("/matters/kpis?groupBy=category");
        await phone.SettledAsync();
        await phone.ShotAsync("matter-kpis-360");

        foreach (var page in new[] { county, resident, grid, staff, unit, phone })
        {
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex("^M-[2-9A-Z]{8}$")]
    private static partial Regex TrackingCode();
}
