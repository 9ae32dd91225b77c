namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class HealthAidBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheVillageDoctorFollowsUpAnOverduePatientAndRefersThemOnAPhoneWhileTheCountySeesFiguresOnly()
    {
        // The village doctor on a 360 px phone: the home card, the purpose of the session, today's overdue follow-ups.
        var phone = await browser.NewPageAsync(360);
        await phone.SignInAsync("jingcun.doctor");
        await phone.GotoAsync("/");
        Assert.Contains("逾期未随访", await phone.InnerTextAsync("main"));
        await phone.GotoAsync("/health");
        await phone.SeeAsync("#purpose-form");
        await phone.ShotAsync("health-purpose-360.png");
        await phone.ClickAsync("#purpose-form button");
        await phone.SeeAsync("#due-list li[data-enrolment]");
        await phone.ShotAsync("health-due-360.png");
        var patient = (await phone.InnerTextAsync("#due-list li[data-enrolment] a >> nth=0")).Trim();
        await phone.ClickAsync("#due-list li[data-enrolment] a >> nth=0");
        await phone.SeeAsync("#record-facts");
        // The overdue condition's form is open: blood pressure, the doctor ticked already.
        var form = phone.Locator("form.follow-up-form >> nth=0");
        await form.Locator("input[name=systolic]").FillAsync("146");
        await form.Locator("input[name=diastolic]").FillAsync("88");
        await form.Locator("select[name=control]").SelectOptionAsync("NotControlled");
        await phone.ShotAsync("health-follow-up-360.png");
        await form.Locator("button").ClickAsync();
        await phone.ShowsAsync("#follow-ups li[data-follow-up]", "146/88");
        Assert.Contains("146/88", await phone.InnerTextAsync("#follow-ups li[data-follow-up] >> nth=0"));
        // Referred through the green channel.
        await phone.FillAsync("#reason", "血压控制不佳，需调整治疗方案");
        await phone.ClickAsync("#refer-form button");
        await phone.ShowsAsync("#referrals li", "已转出");
        Assert.Contains("已转出", await phone.InnerTextAsync("#referrals"));
        await phone.ShotAsync("health-record-360.png", fullPage: true);
        await phone.GotoAsync("/health");
        Assert.DoesNotContain(patient + "\n", await phone.InnerTextAsync("#due-list") + "\n");

        // The county officer at the desk: no record, the figures.
        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("wanrong.silver");
        var missing = await desk.GotoAsync("/health/records/1");
        Assert.Equal(404, missing!.Status);
        await desk.GotoAsync("/health/figures");
        await desk.SeeAsync("#health-figures");
        if (DateTime.UtcNow.AddHours(8).DayOfYear > 91)
        {
            Assert.Contains("95%", await desk.InnerTextAsync("[data-figure=managed-rate]"));
        }
        Assert.Contains("润荆池", await desk.InnerTextAsync("#aid-projects"));
        await desk.ShotAsync("health-figures-1280.png");
        await desk.ClickAsync("#aid-projects a:has-text('润荆池')");
        await desk.SeeAsync("#outcomes");
        Assert.Contains("40", await desk.InnerTextAsync("#outcomes .outcome"));
        await desk.ShotAsync("aid-project-1280.png");
    }
}
