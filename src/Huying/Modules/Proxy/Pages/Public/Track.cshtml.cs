using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Proxy.Pages.Public;

/// <summary>The resident's phone: every step of their application with dates, what is missing, the result — and 好差评 once decided. No login; never a material.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class TrackModel(ProxyTracking tracking) : ActionPage
{
    public TrackedApplication Case { get; private set; } = null!;

    [BindProperty]
    public string? Rating { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct) =>
        await LoadAsync(code, ct)
            ? await ActAsync(() => tracking.RateAsync(code, new RatingInput(Rating, Reason), ct), () => Redirect($"/proxy/track/{Case.TrackingCode}#rated"),
                async () => await LoadAsync(code, ct), prefix: null)
            : NotFound();

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        if (await tracking.TrackAsync(code, ct) is not { } found)
        {
            return false;
        }
        Case = found;
        return true;
    }
}
