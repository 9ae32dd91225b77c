using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Notices.Pages.Public;

[EnableRateLimiting(Platform.Web.RateLimits.Public)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Platform.Web.PublicPages.Policy)]
public sealed class BoardModel(NoticeService notices, TimeProvider clock) : PageModel
{
    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public NoticeKind? Kind { get; private set; }
    public List<NoticeListItem> Items { get; private set; } = [];
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(string community, NoticeKind? kind, CancellationToken ct)
    {
        var name = await notices.CommunityNameAsync(community, ct);
        if (name is null)
        {
            return NotFound();
        }
        (Community, CommunityName, Kind) = (community, name, kind);
        Items = await notices.PublicBoardAsync(community, kind, ct);
        return Page();
    }
}
