using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class BuildingModel(HuyingDbContext db) : PageModel
{
    public Building? Building { get; private set; }
    public string CommunityName { get; private set; } = "";
    public string GridName { get; private set; } = "";
    public List<Household> Households { get; private set; } = [];
    public List<Person> People { get; private set; } = [];
    public HashSet<long> Central { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Building = await db.Buildings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (Building is null)
        {
            return NotFound();
        }
        CommunityName = await db.Communities.Where(c => c.Code == Building.CommunityCode).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        GridName = await db.Grids.Where(g => g.Id == Building.GridId).Select(g => g.Name).FirstOrDefaultAsync(ct) ?? "";
        Households = await db.Households.AsNoTracking().Where(h => h.BuildingId == id).OrderBy(h => h.Id).ToListAsync(ct);
        People = await db.People.AsNoTracking().Where(p => p.Household!.BuildingId == id).OrderBy(p => p.Id).ToListAsync(ct);
        Central = [.. await db.PartyOrganisations.Where(o => o.BuildingId == id && o.Kind == PartyOrganisationKind.CentralHousehold && o.HouseholdId != null)
            .Select(o => o.HouseholdId!.Value).ToListAsync(ct)];
        return Page();
    }
}
