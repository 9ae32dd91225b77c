using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Playwright;

namespace Huying.BrowserTests;

/// <summary>
/// axe-core (npm) on every page the suite visits: each time a page settles at an address it has not been checked
/// at, axe runs against WCAG 2.x A/AA and best-practice rules, and any serious or critical violation fails the test
/// with the rule, the page and the offending elements.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));
    private static readonly ConditionalWeakTable<IPage, HashSet<string>> Checked = [];
    private static readonly ConditionalWeakTable<IPage, Func<Task<IPage>>> NoScript = [];

    /// <summary>
    /// A page whose context runs no script (a resident's phone without JavaScript): axe cannot run in it, so each
    /// address it settles at is checked in a scripted twin page of the same size holding the same cookies.
    /// </summary>
    public static void WithoutScript(IPage page, IBrowser browser, int width, int height) =>
        NoScript.AddOrUpdate(page, async () =>
        {
            var twin = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = null, Locale = "zh-CN",
                StorageState = await page.Context.StorageStateAsync(),
            });
            return await twin.NewPageAsync();
        });

    /// <summary>True when the page runs no script (its settling is the browser's load, not htmx's).</summary>
    public static bool IsWithoutScript(IPage page) => NoScript.TryGetValue(page, out _);

    public static async Task CheckAsync(IPage page)
    {
        var seen = Checked.GetValue(page, _ => []);
        var address = page.Url.Split('#')[0];
        if (!address.StartsWith("http", StringComparison.Ordinal) || !seen.Add(address))
        {
            return;
        }
        if (NoScript.TryGetValue(page, out var twinOf))
        {
            var twin = await twinOf();
            try
            {
                await twin.GotoAsync(address);
                await Run(twin, address);
            }
            finally
            {
                await twin.Context.CloseAsync();
            }
            return;
        }
        await Run(page, address);
    }

    private static async Task Run(IPage page, string address)
    {
        if (!await page.EvaluateAsync<bool>("() => document.contentType === 'text/html'"))
        {
            return;
        }
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (script-src 'self') does not stop.
            await page.EvaluateAsync("() => {\n" + Axe.Value + "\n}");
        }
        // The steady page: no hover left by the last click, no transition half-way (axe would measure its colours).
        await page.Mouse.MoveAsync(0, 0);
        await page.EvaluateAsync("() => { const s = document.createElement('style'); s.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }'; document.head.append(s); }");
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
              return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\n').slice(1, 2).join('')) })));
            }
            """);
        using var found = JsonDocument.Parse(json);
        if (found.RootElement.GetArrayLength() > 0)
        {
            var width = page.ViewportSize?.Width;
            var lines = found.RootElement.EnumerateArray().Select(v =>
                $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}): "
                + string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())));
            throw new Xunit.Sdk.XunitException($"axe-core at {address} ({width} px):\n" + string.Join("\n", lines));
        }
    }
}
