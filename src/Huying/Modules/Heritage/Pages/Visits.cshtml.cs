using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Heritage.Pages;

/// <summary>The education bases' bookings: those ahead soonest first (or the past ones); the base receives a group — who came, who guided — or calls it off.</summary>
[Authorize(Policy = HeritagePolicies.Read)]
public sealed class VisitsModel(HeritageSites sites, HeritageVisits visits, TimeProvider clock) : ActionPage
{
    public string? Division { get; private set; }
    public List<HeritageVisit> Visits { get; private set; } = [];
    public Dictionary<long, string> Bases { get; private set; } = [];
    public bool Past { get; private set; }
    public bool Keeps { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(string? division, bool past, CancellationToken ct) => await LoadAsync(division, past, ct);

    [Requires(HeritagePolicies.Keep)]
    public Task<IActionResult> OnPostReceiveAsync(long id, int? attended, string? guide, string? division, CancellationToken ct) =>
        ActOnAsync(id, division, v => visits.ReceiveAsync(v, attended, guide, ct), ct);

    [Requires(HeritagePolicies.Keep)]
    public Task<IActionResult> OnPostCancelAsync(long id, string? division, CancellationToken ct) =>
        ActOnAsync(id, division, v => visits.CancelAsync(v, ct), ct);

    private async Task<IActionResult> ActOnAsync(long id, string? division, Func<HeritageVisit, Task> act, CancellationToken ct) =>
        await visits.FindAsync(id, ct) is { } v
            ? await ActAsync(() => act(v), () => Redirect($"/heritage/visits?division={Uri.EscapeDataString(division ?? "")}"),
                () => LoadAsync(division, false, ct), prefix: null)
            : NotFound();

    private async Task LoadAsync(string? division, bool past, CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));
        Past = past;
        Division = await sites.DivisionAsync(division, ct);
        Visits = Division is null ? [] : await visits.ListAsync(Division, past, ct);
        Bases = (await visits.BasesAsync(ct)).ToDictionary(b => b.Id, b => b.Name);
        Keeps = User.Holds(HeritagePolicies.Keep);
    }
}
