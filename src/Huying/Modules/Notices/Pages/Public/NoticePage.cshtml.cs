using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Notices.Pages.Public;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class NoticePageModel(NoticeService notices) : ActionPage
{
    public sealed class ObjectionForm
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? Content { get; set; }
    }

    [BindProperty]
    public ObjectionForm Input { get; set; } = new();

    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public NoticeDto? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string community, long id, CancellationToken ct) =>
        await LoadAsync(community, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string community, long id, CancellationToken ct)
    {
        if (!await LoadAsync(community, id, ct))
        {
            return NotFound();
        }
        Objection? objection = null;
        return await ActAsync(async () => objection = await notices.ObjectAsync(community, id, new ObjectionInput(Input.Name, Input.Phone, Input.Content), ct),
            () => objection is null ? NotFound() : Redirect($"/c/{community}/objections/{objection.TrackingCode}"), () => LoadAsync(community, id, ct));
    }

    private async Task<bool> LoadAsync(string community, long id, CancellationToken ct)
    {
        Community = community;
        CommunityName = await notices.CommunityNameAsync(community, ct) ?? "";
        Notice = await notices.PublicNoticeAsync(community, id, ct);
        return Notice is not null;
    }
}
