using Huying.Modules.Notices;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Deliberation.Pages.Public;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class RaiseTopicModel(DeliberationService deliberation, NoticeService notices) : PageModel
{
    public sealed class TopicForm
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Place { get; set; }
        public int? PeopleAffected { get; set; }
        public string? RaiserName { get; set; }
        public string? RaiserPhone { get; set; }
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
        var (errors, topic) = await deliberation.RaiseAsync(new TopicInput(community, Input.Title, Input.Description, Input.Place,
            Input.PeopleAffected, null, Input.RaiserName, Input.RaiserPhone), publicForm: true, ct);
        if (topic is not null)
        {
            return Redirect($"/c/{community}/topics/{topic.TrackingCode}");
        }
        ModelState.AddFieldErrors(errors, "Input");
        return Page();
    }

    private async Task<bool> FindAsync(string community, CancellationToken ct)
    {
        Community = community;
        CommunityName = await notices.CommunityNameAsync(community, ct) ?? "";
        return CommunityName.Length > 0;
    }
}
