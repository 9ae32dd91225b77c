using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Proxy.Pages;

/// <summary>
/// The community's counter (its cases, what waits, what runs out of time) or the office's inbox (what was forwarded
/// to it), one list; open cases by due date first, overdue and due-soon marked.
/// </summary>
[Authorize(Policy = ProxyPolicies.Handle)]
public sealed class IndexModel(ProxyLists lists) : PageModel
{
    public List<ProxyRow> Rows { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Show = Show is "open" or "overdue" or "correction" or "finished" ? Show : null;
        Rows = await lists.ListAsync(Show, ct);
    }
}
