using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Organisation.Pages;

[Authorize(Policy = Policies.StaffOrUnit)]
public sealed class PartnerUnitsModel(OrganisationService org, PlaceNames names) : PageModel
{
    public List<PartnerUnitDto> Units { get; private set; } = [];
    public Dictionary<string, string> CommunityNames { get; private set; } = [];

    public async Task OnGetAsync(string? community, CancellationToken ct)
    {
        Units = await org.PartnerUnitsAsync(community, ct);
        CommunityNames = new(await names.CommunitiesAsync(ct));
    }
}
