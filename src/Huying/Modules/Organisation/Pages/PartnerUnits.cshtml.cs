using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation.Pages;

[Authorize(Policy = Policies.StaffOrUnit)]
public sealed class PartnerUnitsModel(OrganisationService org, HuyingDbContext db) : PageModel
{
    public List<PartnerUnitDto> Units { get; private set; } = [];
    public Dictionary<string, string> CommunityNames { get; private set; } = [];

    public async Task OnGetAsync(string? community, CancellationToken ct)
    {
        Units = await org.PartnerUnitsAsync(community, ct);
        CommunityNames = await db.Communities.IgnoreQueryFilters().ToDictionaryAsync(c => c.Code, c => c.Name, ct);
    }
}
