using Huying.Modules.Notices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Deliberation.Pages.Public;

[AllowAnonymous]
[EnableRateLimiting(Platform.Web.RateLimits.Public)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Platform.Web.PublicPages.Policy)]
public sealed class HomeModel(NoticeService notices, IEnumerable<Platform.Composition.IPublicEntries> entries) : PageModel
{
    public List<Platform.Composition.PublicEntry> Entries { get; private set; } = [];

    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public List<NoticeListItem> Latest { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string community, CancellationToken ct)
    {
        var name = await notices.CommunityNameAsync(community, ct);
        if (name is null)
        {
            return NotFound();
        }
        (Community, CommunityName) = (community, name);
        Latest = [.. (await notices.PublicBoardAsync(community, null, ct)).Take(5)];
        foreach (var source in entries)
        {
            Entries.AddRange(await source.ForCommunityAsync(community, ct));
        }
        return Page();
    }
}
