using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Organisation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class CommunitiesModel(OrganisationService org) : PageModel
{
    public List<CommunityRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var division = await OverviewModel.HomeDivisionAsync(org, User, ct);
        Rows = division is null ? [] : await org.BreakdownAsync(division, ct);
    }
}
