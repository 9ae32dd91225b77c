using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Heritage.Pages;

/// <summary>
/// The patrol list: the sites by when their next patrol is due, overdue first — a party member's own zones' sites, the
/// whole city's for those who keep them — each opening the site's card to check in.
/// </summary>
[Authorize(Policy = HeritagePolicies.Read)]
public sealed class PatrolModel(HeritageSites sites, HeritagePatrols patrols) : PageModel
{
    public string? Division { get; private set; }
    public List<PatrolDue> Due { get; private set; } = [];
    public bool Mine { get; private set; }

    public async Task OnGetAsync(string? division, CancellationToken ct)
    {
        Division = await sites.DivisionAsync(division, ct);
        Mine = User.Holds(Policies.PartyMember);
        Due = Division is null ? [] : await patrols.DueAsync(Division, Mine, ct);
    }
}
