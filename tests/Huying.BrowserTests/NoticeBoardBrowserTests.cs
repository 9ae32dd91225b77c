using Microsoft.Playwright;

namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class NoticeBoardBrowserTests(BrowserFixture browser)
{
    private const string Xueyuan = "140827400017";

    [Fact]
    public async Task AResidentWithoutJavaScriptObjectsOnAPhoneAndSeesTheStaffAnswer()
    {
        var phone = await browser.NewPageAsync(360, 780, javaScript: false);
        await phone.GotoAsync($"/c/{Xueyuan}/notices");
        await phone.SettledAsync();
        Assert.Contains("学苑社区", await phone.TitleAsync());
        await phone.ShotAsync("board-360-nojs.png");
        await phone.ClickAsync("#notices >> text=议事结果公示：地下室竞拍事宜");
        await phone.WaitForSelectorAsync("#objection-form");
        await phone.FillAsync("#Input_Name", "刘晓红");
        await phone.FillAsync("#Input_Phone", "1370000");
        await phone.FillAsync("#Input_Content", "建议给困难户留出优先名额。");
        await phone.ClickAsync("#objection-form button[type=submit]");
        await phone.WaitForSelectorAsync("#Input_Phone.is-invalid");
        Assert.Equal("手机号应为 13 至 19 开头的 11 位数字", (await phone.Locator("#Input_Phone ~ .invalid-feedback").InnerTextAsync()).Trim());
        Assert.Equal("建议给困难户留出优先名额。", await phone.InputValueAsync("#Input_Content"));
        await phone.FillAsync("#Input_Phone", "13700001234");
        await phone.ClickAsync("#objection-form button[type=submit]");
        await phone.WaitForSelectorAsync("#tracking-code");
        var trackUrl = phone.Url;
        await phone.ShotAsync("objection-received-360-nojs.png");

        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("xueyuan.staff");
        await desk.GotoAsync($"/notices?community={Xueyuan}");
        await desk.SettledAsync();
        await desk.ClickAsync("#notice-list >> text=议事结果公示：地下室竞拍事宜");
        await desk.WaitForSelectorAsync("#staff-objections");
        var objection = desk.Locator("#staff-objections > div", new PageLocatorOptions { HasText = "建议给困难户留出优先名额。" });
        Assert.Contains("137****1234", await objection.InnerTextAsync());
        await objection.Locator("textarea[name=answer]").FillAsync("已采纳：困难户可优先竞拍一间。");
        await objection.Locator("button[type=submit]").ClickAsync();
        await desk.WaitForSelectorAsync("text=已采纳：困难户可优先竞拍一间。");
        await desk.ShotAsync("notice-staff-1280.png");

        await phone.GotoAsync(trackUrl);
        await phone.SettledAsync();
        Assert.Contains("已采纳：困难户可优先竞拍一间。", await phone.Locator("#objection-answer").InnerTextAsync());
        await phone.GotoAsync(await NoticeUrl(phone));
        await phone.SettledAsync();
        var objections = await phone.Locator("#objections").InnerTextAsync();
        Assert.Contains("建议给困难户留出优先名额。", objections);
        Assert.Contains("已采纳：困难户可优先竞拍一间。", objections);
        Assert.Contains("刘**", objections);
        Assert.DoesNotContain("刘晓红", await phone.ContentAsync());
        Assert.DoesNotContain("13700001234", await phone.ContentAsync());
        await phone.ShotAsync("notice-360-nojs.png");
        await phone.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }

    private static async Task<string> NoticeUrl(IPage page)
    {
        await page.GotoAsync($"/c/{Xueyuan}/notices");
        await page.SettledAsync();
        return await page.Locator("#notices a", new PageLocatorOptions { HasText = "地下室竞拍事宜" }).GetAttributeAsync("href") ?? "";
    }

    [Fact]
    public async Task ThePosterPrintsOnOneA4PageWithItsQrCode()
    {
        var page = await browser.NewPageAsync(1280, 1800);
        await page.GotoAsync($"/c/{Xueyuan}/notices");
        await page.SettledAsync();
        await page.ClickAsync("#notices >> text=议事结果公示：地下室竞拍事宜");
        await page.ClickAsync("text=打印 A4 海报");
        await page.WaitForSelectorAsync("#qr svg");
        Assert.True(await page.Locator("#qr svg").IsVisibleAsync());
        await page.ShotAsync("poster-1280.png");
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        var pages = System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
        Assert.Equal(1, pages);
        await page.Context.CloseAsync();
    }
}
