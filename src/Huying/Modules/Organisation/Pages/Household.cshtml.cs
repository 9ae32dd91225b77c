using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class HouseholdModel(HuyingDbContext db, PeopleService people) : PageModel
{
    public Household? Household { get; private set; }
    public string CommunityName { get; private set; } = "";
    public string? CentralName { get; private set; }
    public List<PersonListItem> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Household = await db.Households.AsNoTracking().Include(h => h.Building).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (Household is null)
        {
            return NotFound();
        }
        CommunityName = await db.Communities.Where(c => c.Code == Household.CommunityCode).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        CentralName = await db.PartyOrganisations.Where(o => o.HouseholdId == id && o.Kind == PartyOrganisationKind.CentralHousehold)
            .Select(o => o.Name).FirstOrDefaultAsync(ct);
        Members = await people.InHouseholdAsync(id, ct);
        return Page();
    }
}
