using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Huying.Platform.Web;

namespace Huying.Modules.Notices.Pages.Public;

/// <summary>An A4 poster of a notice for the physical board, with a QR code to its public page.</summary>
[AllowAnonymous]
[EnableRateLimiting(Platform.Web.RateLimits.Public)]
public sealed class PosterModel(NoticeService notices) : PageModel
{
    public NoticeDto? Notice { get; private set; }
    public string CommunityName { get; private set; } = "";
    public string PageUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string community, long id, CancellationToken ct)
    {
        Notice = await notices.PublicNoticeAsync(community, id, ct);
        if (Notice is null)
        {
            return NotFound();
        }
        CommunityName = await notices.CommunityNameAsync(community, ct) ?? "";
        PageUrl = $"{Huying.Platform.Web.PublicUrl.Absolute(HttpContext)}/c/{community}/notices/{id}";
        QrSvg = QrCodes.Svg(PageUrl);
        return Page();
    }
}
