using Microsoft.Playwright;

namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ProxyBrowserTests(BrowserFixture browser)
{
    private static FilePayload Scan(string name) => new() { Name = name, MimeType = "image/png", Buffer = TestImages.Png };

    [Fact]
    public async Task StaffTakeAnApplicationOnAPhoneTheOfficeAsksForAPaperThenGrantsItAndTheResidentRatesIt()
    {
        // The counter on a 360 px phone: 一次性交通补贴 by proxy, two scans and the authorisation.
        var staff = await browser.NewPageAsync(360);
        await staff.SignInAsync("xueyuan.staff");
        await staff.GotoAsync("/proxy");
        await staff.SeeAsync("#cases");
        await staff.ClickAsync("#new-application");
        await staff.SeeAsync("#choose-item");
        await staff.SelectOptionAsync("#serviceId", new SelectOptionValue { Label = "一次性交通补贴" });
        await staff.ClickAsync("#choose-item button[type=submit]");
        await staff.SeeAsync("#application-form");
        await staff.FillAsync("#Input_ApplicantName", "柴建军");
        await staff.FillAsync("#Input_RegistrationCode", "140827104201");
        await staff.CheckAsync("#mode-ByProxy");
        foreach (var check in await staff.Locator("#checks input[type=checkbox]").AllAsync())
        {
            await check.CheckAsync();
        }
        foreach (var material in await staff.Locator("#materials input[type=checkbox]").AllAsync())
        {
            await material.CheckAsync();
        }
        await staff.SetInputFilesAsync("#Input_Scans", [Scan("id-card.png"), Scan("contract.png")]);
        await staff.SetInputFilesAsync("#Input_Authorisation", Scan("authorisation.png"));
        await staff.ShotAsync("proxy-new-360.png");
        await staff.ClickAsync("#application-form button[type=submit]");
        await staff.SeeAsync("#case-facts");
        Assert.Contains("已预审", await staff.InnerTextAsync("#case-state"));
        Assert.Equal(3, await staff.Locator("#documents a").CountAsync());
        var caseUrl = staff.Url;
        var code = (await staff.InnerTextAsync("#case-facts dd >> nth=0")).Trim();
        await staff.ClickAsync("#forward-form button");
        await staff.SeeAsync("#case-steps");
        Assert.Contains("已转办", await staff.InnerTextAsync("#case-state"));

        // The office's liaison finds it in the inbox and asks for a missing paper.
        var office = await browser.NewPageAsync(1280);
        await office.SignInAsync("unit.rsj");
        await office.ClickAsync(".hy-nav >> text=同城通办");
        await office.SeeAsync("#cases");
        await office.ClickAsync($"#cases a >> text=柴建军");
        await office.SeeAsync("#ask-form");
        await office.FillAsync("#missing", "务工所在地社保缴费证明");
        await office.ClickAsync("#ask-form button");
        await office.SettledAsync();

        // The counter adds it; the case goes back to the office, which accepts and grants it.
        await staff.GotoAsync(caseUrl);
        await staff.SeeAsync("#case-missing");
        await staff.SetInputFilesAsync("#scans", Scan("social-security.png"));
        await staff.ClickAsync("#materials-form button[type=submit]");
        await staff.SeeAsync("#case-facts");
        Assert.Contains("已预审", await staff.InnerTextAsync("#case-state"));
        await staff.ClickAsync("#forward-form button");
        await staff.SeeAsync("#case-steps");
        await office.GotoAsync(caseUrl);
        await office.SeeAsync("#accept-form");
        await office.ClickAsync("#accept-form button");
        await office.SeeAsync("#decide-form");
        await office.ShotAsync("proxy-office-1280.png");
        await office.ClickAsync("#decide-form button[value=true]");
        await office.SeeAsync("#decide-form");
        Assert.Contains("请填写办理结果", await office.InnerTextAsync("#action-error"));
        await office.FillAsync("#result", "补贴 500 元已发放至社保卡");
        await office.ClickAsync("#decide-form button[value=true]");
        await office.SeeAsync("#case-steps");
        Assert.Contains("已办结", await office.InnerTextAsync("#case-state"));

        // The resident, with the code on a phone: every step, the result, and 好差评.
        var resident = await browser.NewPageAsync(360);
        await resident.GotoAsync($"/track?q={code}");
        await resident.SeeAsync("#track-steps");
        Assert.Contains("已办结", await resident.InnerTextAsync("#track-state"));
        Assert.Contains("补贴 500 元已发放至社保卡", await resident.InnerTextAsync("#track-result"));
        await resident.CheckAsync("#rating-VerySatisfied");
        await resident.ShotAsync("proxy-track-360.png");
        await resident.ClickAsync("#rate-form button[type=submit]");
        await resident.SeeAsync("#rated");
        Assert.Contains("非常满意", await resident.InnerTextAsync("#rated"));
        await staff.Context.CloseAsync();
        await office.Context.CloseAsync();
        await resident.Context.CloseAsync();
    }
}
