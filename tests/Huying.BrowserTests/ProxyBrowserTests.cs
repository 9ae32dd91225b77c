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
        // The item's own questions: where the applicant works and since when, how they travel.
        await staff.FillAsync("#answer-f1", "江苏省苏州市");
        await staff.FillAsync("#answer-f2", "2026-03-01");
        await staff.SelectOptionAsync("#answer-f3", "火车");
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

    [Fact]
    public async Task TheAdministratorAddsATemplateAndAFormFieldAndTheCounterPrintsTheTemplateAndAsksTheQuestion()
    {
        var admin = await browser.NewPageAsync(1280);
        await admin.SignInAsync("admin");
        await admin.ClickAsync(".hy-nav >> text=同城通办事项");
        await admin.SeeAsync("#catalogue");
        await admin.ClickAsync("[data-service]:has-text('稳岗补贴') .edit-item");
        await admin.SeeAsync("#item-form");
        await admin.SetInputFilesAsync("input[name='Input.Materials[1].Template']",
            new FilePayload { Name = "在岗证明样表.png", MimeType = "image/png", Buffer = TestImages.Png });
        var blank = admin.Locator("#fields .field-row").Last;
        await blank.Locator("input[name$='.Description']").FillAsync("是否在帮扶车间就业");
        await blank.Locator("select").SelectOptionAsync("singlevaluelist");
        await blank.Locator("input[name$='.Values']").FillAsync("是、否");
        await blank.Locator("input[type=checkbox]").CheckAsync();
        await admin.ShotAsync("proxy-item-1280.png");
        await admin.ClickAsync("#save-item");
        await admin.SeeAsync("#catalogue");
        Assert.Contains("是否在帮扶车间就业", await admin.InnerTextAsync("[data-service]:has-text('稳岗补贴')"));

        // The counter on a phone: the template is there to print, the question is asked.
        var staff = await browser.NewPageAsync(360);
        await staff.SignInAsync("xueyuan.staff");
        await staff.GotoAsync("/proxy/catalogue");
        await staff.SeeAsync("#catalogue");
        var template = staff.Locator("[data-service]:has-text('稳岗补贴') a.template");
        Assert.Equal(1, await template.CountAsync());
        var response = await staff.APIRequest.GetAsync(browser.BaseUrl + await template.GetAttributeAsync("href"));
        Assert.Equal("image/png", response.Headers["content-type"]);
        await staff.ShotAsync("proxy-catalogue-360.png");
        await staff.GotoAsync("/proxy/new");
        await staff.SelectOptionAsync("#serviceId", new SelectOptionValue { Label = "稳岗补贴（个人）" });
        await staff.ClickAsync("#choose-item button[type=submit]");
        await staff.SeeAsync("#fields");
        Assert.Contains("是否在帮扶车间就业", await staff.InnerTextAsync("#fields"));
        await admin.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task TheSecretarySeesTheLateCasesAndSupervisesOneFromAPhone()
    {
        var secretary = await browser.NewPageAsync(360);
        await secretary.SignInAsync("xueyuan.secretary");
        await secretary.GotoAsync("/proxy?show=overdue");
        await secretary.SeeAsync("#watch");
        var row = secretary.Locator("#cases li:has(form.supervise)").First;
        await row.Locator("input[name=note]").FillAsync("请本周内办结");
        await secretary.ShotAsync("proxy-watch-360.png");
        await row.Locator("button").ClickAsync();
        await secretary.SeeAsync("#cases");
        Assert.True(await secretary.Locator("#cases .badge:text('已督办')").CountAsync() >= 1);
        await secretary.Context.CloseAsync();
    }
}
