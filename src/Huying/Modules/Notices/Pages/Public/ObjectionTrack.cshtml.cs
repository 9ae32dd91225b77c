using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Notices.Pages.Public;

[AllowAnonymous]
[EnableRateLimiting(Platform.Web.RateLimits.Public)]
public sealed class ObjectionTrackModel(NoticeService notices) : PageModel
{
    public string Community { get; private set; } = "";
    public Objection? Objection { get; private set; }
    public long NoticeId { get; private set; }
    public string NoticeTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string community, string code, CancellationToken ct)
    {
        var found = await notices.TrackObjectionAsync(community, code, ct);
        if (found is null)
        {
            return NotFound();
        }
        (Community, Objection, NoticeId, NoticeTitle) = (community, found.Value.Objection, found.Value.Notice.Id, found.Value.Notice.Title);
        return Page();
    }
}
