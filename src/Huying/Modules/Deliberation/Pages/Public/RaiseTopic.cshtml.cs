using Huying.Modules.Notices;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Deliberation.Pages.Public;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
[RequestSizeLimit(Platform.Files.FileStore.MaxRequestBytes)]
public sealed class RaiseTopicModel(DeliberationService deliberation, NoticeService notices) : ActionPage
{
    public sealed class TopicForm
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Place { get; set; }
        public int? PeopleAffected { get; set; }
        public string? RaiserName { get; set; }
        public string? RaiserPhone { get; set; }
        public List<IFormFile> Photos { get; set; } = [];
    }

    [BindProperty]
    public TopicForm Input { get; set; } = new();

    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string community, CancellationToken ct) => await FindAsync(community, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string community, CancellationToken ct)
    {
        if (!await FindAsync(community, ct))
        {
            return NotFound();
        }
        Topic? topic = null;
        return await ActAsync(async () => topic = await deliberation.RaisePublicAsync(new TopicInput(community, Input.Title, Input.Description, Input.Place,
                Input.PeopleAffected, null, Input.RaiserName, Input.RaiserPhone), Input.Photos, ct),
            () => Redirect($"/c/{community}/topics/{topic!.TrackingCode}"), () => Task.CompletedTask);
    }

    private async Task<bool> FindAsync(string community, CancellationToken ct)
    {
        Community = community;
        CommunityName = await notices.CommunityNameAsync(community, ct) ?? "";
        return CommunityName.Length > 0;
    }
}
