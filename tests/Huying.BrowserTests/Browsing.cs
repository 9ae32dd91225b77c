using Microsoft.Playwright;

namespace Huying.BrowserTests;

/// <summary>
/// Steps every browser story shares. htmx pushes the new URL before it swaps the page in and attaches its handlers
/// (and scrolls) only when the swap settles, so a test that acts as soon as the URL changes can click an element
/// that is still moving; <see cref="SettledAsync"/> waits until no request, swap or settle is under way.
/// </summary>
public static class Browsing
{
    public const string DemoPassword = "Huying@2026";

    public static async Task SignInAsync(this IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button[type=submit].btn-hy");
        // The address is looked at, not awaited as a navigation (see ArriveAsync): a full CI run once failed here with
        // the home page showing, signed in, at "/" — Playwright's wait had missed the navigation.
        if (!await page.ReachesAsync(url => !url.Contains("/account/login", StringComparison.Ordinal)))
        {
            // Say what the page said (a lockout, an error page…) rather than only that it did not move on.
            await page.ShotAsync($"sign-in-stuck-{userName}.png");
            var said = await page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 2000 });
            throw new TimeoutException($"{userName} still on the sign-in page at {page.Url}: {said[..Math.Min(600, said.Length)]}");
        }
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.SettledAsync();
    }

    /// <summary>
    /// Waits for the URL (a glob: <c>**</c> anything, <c>*</c> anything but a slash), then for the load and for htmx
    /// to finish putting the page in place. The address is looked at every 50 ms rather than awaited as a navigation:
    /// Playwright's wait for a URL checks the address and then listens for navigations, and a boosted swap landing
    /// between the two was missed (the page sat at the address it waited for until the timeout: in CI and once here, in full runs).
    /// </summary>
    public static async Task ArriveAsync(this IPage page, string urlGlob)
    {
        var pattern = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(urlGlob)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
        if (!await page.ReachesAsync(pattern.IsMatch))
        {
            throw new TimeoutException($"Did not arrive at {urlGlob}: {Traffic.Describe(page)}");
        }
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.SettledAsync();
    }

    /// <summary>Whether the page's address comes to match within 30 s, looked at every 50 ms.</summary>
    private static async Task<bool> ReachesAsync(this IPage page, Func<string, bool> arrived)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!arrived(page.Url))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>Waits for a selector of the page a click leads to, then for htmx to finish putting it in place.</summary>
    public static async Task SeeAsync(this IPage page, string selector)
    {
        try
        {
            await page.WaitForSelectorAsync(selector);
        }
        catch (TimeoutException stuck)
        {
            throw new TimeoutException($"Did not see {selector}: {Traffic.Describe(page)}", stuck);
        }
        await page.SettledAsync();
    }

    /// <summary>
    /// Waits for an element of the selector showing the text, then for htmx to settle: after a post that comes back to
    /// the same page the old page already matches the bare selector, so wait for what the post changed.
    /// </summary>
    public static async Task ShowsAsync(this IPage page, string selector, string text)
    {
        await page.Locator(selector, new PageLocatorOptions { HasText = text }).First.WaitForAsync();
        await page.SettledAsync();
    }

    /// <summary>Waits until htmx is done, then runs axe-core on the page if it has not been checked at this address.</summary>
    public static async Task SettledAsync(this IPage page)
    {
        if (Accessibility.IsWithoutScript(page))
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        else
        {
            await page.WaitForFunctionAsync("() => document.readyState === 'complete' && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')");
        }
        Traffic.ThrowOnServerErrors(page);
        await Accessibility.CheckAsync(page);
    }

    public static Task ShotAsync(this IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.Screenshots, name.EndsWith(".png", StringComparison.Ordinal) ? name : name + ".png"),
            FullPage = fullPage,
        });
}
