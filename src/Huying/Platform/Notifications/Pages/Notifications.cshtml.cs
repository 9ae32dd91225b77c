using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Platform.Notifications.Pages;

/// <summary>The in-app inbox: what the reader's level is told, unread first in weight; opening one marks it read for them only.</summary>
public sealed class NotificationsModel(Inbox inbox) : PageModel
{
    public InboxPage Inbox { get; private set; } = new([], 0);

    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Inbox = await inbox.PageAsync(Unread, ct);

    /// <summary>Opens a notification: marks it read and goes to its record (or back to the list when it has none).</summary>
    public async Task<IActionResult> OnGetOpenAsync(long id, CancellationToken ct) =>
        await inbox.ReadAsync(id, ct) is { } item
            ? LocalRedirect(item.Link is { Length: > 0 } link && Url.IsLocalUrl(link) ? link : "/notifications")
            : NotFound();

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await inbox.ReadAllAsync(ct);
        return RedirectToPage();
    }
}
