using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Heritage.Pages;

/// <summary>The hazards of the place in scope (a member's own zones' villages), open ones first by their deadline; urgent ones marked.</summary>
[Authorize(Policy = HeritagePolicies.Read)]
public sealed class HazardsModel(HeritageSites sites, HeritageHazards hazards, TimeProvider clock) : PageModel
{
    public string? Division { get; private set; }
    public List<HazardView> Hazards { get; private set; } = [];
    public bool All { get; private set; }
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(string? division, bool all, CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        All = all;
        Division = await sites.DivisionAsync(division, ct);
        Hazards = Division is null ? [] : [.. (await hazards.ListAsync(Division, !all, ct)).OrderByDescending(h => h.Open).ThenBy(h => h.DueAt ?? DateTime.MaxValue)];
    }
}
