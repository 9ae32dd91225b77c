namespace Huying.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ChainBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheCommunityWorkerFollowsTheAlleyFromANeedToItsWholeChainThenToTheBannerAndBackToTheFirstCall()
    {
        var phone = await browser.NewPageAsync(360);
        await phone.SignInAsync("fuqian.staff");
        await phone.GotoAsync("/projects/needs?community=140827400016");
        await phone.ClickAsync("a:has-text('河边三巷土路硬化')");
        await phone.SeeAsync("#chain-links");
        // Both ways from the need: the resident's calls it grew from, the topic it carries out, the project answering it.
        var around = await phone.InnerTextAsync("#chain-links");
        Assert.Contains("河边三巷下雨后积水没过脚踝", around);
        Assert.Contains("河边三巷积水和土路问题怎么解决", around);
        Assert.Contains("河边三巷巷道硬化与污水分流", around);
        await phone.ShotAsync("chain-need-360.png");
        await phone.ClickAsync("#chain-link");
        await phone.SeeAsync("#chain");
        await phone.ShotAsync("chain-360.png");
        await phone.ClickAsync("#chain li[data-chain^='commendation'] a");
        await phone.SeeAsync("#project");
        Assert.Contains("心系民事无巨细，服务小区爱铸春秋", await phone.InnerTextAsync("main"));

        var desk = await browser.NewPageAsync(1280);
        await desk.SignInAsync("fuqian.staff");
        await desk.GotoAsync(phone.Url.Split('#')[0]);
        await desk.ClickAsync("#chain-link");
        await desk.SeeAsync("#chain");
        await desk.ShotAsync("chain-1280.png");
        await desk.ClickAsync("#chain li[data-chain^='matter'] a >> nth=0");
        await desk.SeeAsync("#matter");
        Assert.Contains("河边三巷下雨后积水没过脚踝", await desk.InnerTextAsync("#matter-description"));
        await desk.ShotAsync("chain-matter-1280.png");
    }
}
