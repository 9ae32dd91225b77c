using Huying.Modules.Notices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Deliberation.Pages.Public;

[AllowAnonymous]
[EnableRateLimiting(Platform.Web.RateLimits.Public)]
public sealed class TrackTopicModel(DeliberationService deliberation, NoticeService notices) : PageModel
{
    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public Topic? Topic { get; private set; }

    public async Task<IActionResult> OnGetAsync(string community, string code, CancellationToken ct)
    {
        Topic = await deliberation.TrackAsync(community, code, ct);
        if (Topic is null)
        {
            return NotFound();
        }
        Community = community;
        CommunityName = await notices.CommunityNameAsync(community, ct) ?? "";
        return Page();
    }
}
