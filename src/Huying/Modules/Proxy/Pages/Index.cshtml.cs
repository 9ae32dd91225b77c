using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Proxy.Pages;

/// <summary>
/// The community's counter (its cases, what waits, what runs out of time) or the office's inbox (what was forwarded
/// to it), one list; open cases by due date first, overdue and due-soon marked. The secretary watches the community's
/// time limits here and supervises (督办) a case that runs late.
/// </summary>
[Authorize(Policy = ProxyPolicies.Handle)]
public sealed class IndexModel(ProxyLists lists, ProxyCases cases, ProxySupervision supervision) : ActionPage
{
    public List<ProxyRow> Rows { get; private set; } = [];
    public ProxyWatch? Watch { get; private set; }
    public bool Supervises => User.Holds(Policies.CommunitySecretary);

    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [Requires(Policies.CommunitySecretary)]
    public async Task<IActionResult> OnPostSuperviseAsync(long id, string? note, CancellationToken ct) =>
        await cases.FindAsync(id, ct) is { } a
            ? await ActAsync(() => supervision.SuperviseAsync(a, new SupervisionInput(note), ct), () => Redirect(Request.Path + Request.QueryString),
                () => LoadAsync(ct), prefix: null)
            : NotFound();

    private async Task LoadAsync(CancellationToken ct)
    {
        Show = Show is "open" or "overdue" or "correction" or "finished" ? Show : null;
        Rows = await lists.ListAsync(Show, ct);
        Watch = User.Holds(Policies.UnitLiaison) ? null : await lists.WatchAsync(ct);
    }
}
