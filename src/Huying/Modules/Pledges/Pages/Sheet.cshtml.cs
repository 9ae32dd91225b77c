using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Pledges.Pages;

/// <summary>
/// The month's sheet the branch prints for the public reading at the party meeting (公开承诺): every filed pledge with
/// what done looks like and by when, a column for the member's signature; names as the town's board shows them.
/// </summary>
[Authorize(Policy = PledgePolicies.Oversee)]
public sealed class SheetModel(PledgeService pledges) : PageModel
{
    public string Branch { get; private set; } = "";
    public DateOnly Month { get; private set; }
    public List<PublicPledge> Rows { get; private set; } = [];
    public int Members { get; private set; }
    public int Pledged { get; private set; }

    public async Task<IActionResult> OnGetAsync(string community, string? month, CancellationToken ct)
    {
        if (await pledges.BranchAsync(community, ct) is not { } branch || (month is { Length: > 0 } && PledgeService.ParseMonth(month) is null))
        {
            return NotFound();
        }
        Branch = PledgeService.BranchName(branch.Name);
        Month = PledgeService.ParseMonth(month) ?? pledges.ThisMonth;
        (Rows, Members, Pledged) = await pledges.SheetAsync(community, Month, ct);
        return Page();
    }
}
