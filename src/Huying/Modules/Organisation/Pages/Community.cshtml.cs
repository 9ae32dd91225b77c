using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Projects;
using Huying.Modules.Organisation;

namespace Huying.Modules.Organisation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class CommunityModel(HuyingDbContext db, OrganisationService org, TimeProvider clock) : PageModel
{
    public Community? Community { get; private set; }
    public OrgCounts? Counts { get; private set; }
    public string TownName { get; private set; } = "";
    public List<PartyOrganisation> Organisations { get; private set; } = [];
    public List<CommitteeMember> Members { get; private set; } = [];
    public List<Grid> Grids { get; private set; } = [];
    public List<Building> Buildings { get; private set; } = [];
    public Dictionary<long, int> HouseholdCounts { get; private set; } = [];
    public List<PartnerUnitDto> Units { get; private set; } = [];
    public List<CoordinationGroup> Groups { get; private set; } = [];
    /// <summary>Partner units of the community with an agreement in force today, of all its partner units.</summary>
    public (int Signed, int Linked) Agreements { get; private set; }
    private ILookup<long?, PartyOrganisation>? children;

    public IReadOnlyList<PartyOrganisation> Children(long? parent) => [.. children![parent]];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Community = await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (Community is null)
        {
            return NotFound();
        }
        Counts = (await org.BreakdownAsync(code, ct)).Single().Counts;
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));
        var links = db.PartnerUnitCommunities.AsNoTracking().Where(l => l.CommunityCode == code);
        Agreements = (await links.CountAsync(l => db.Set<PartnershipAgreement>().Any(a => a.CommunityCode == code && a.PartnerUnitId == l.PartnerUnitId && a.StartsOn <= today && a.EndsOn >= today), ct),
            await links.CountAsync(ct));
        TownName = await org.DivisionNameAsync(Community.TownCode, ct) ?? Community.TownCode;
        Organisations = await db.PartyOrganisations.AsNoTracking().Where(o => o.CommunityCode == code)
            .OrderBy(o => o.Kind).ThenBy(o => o.Id).ToListAsync(ct);
        children = Organisations.ToLookup(o => o.ParentId);
        Members = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommunityCode == code)
            .OrderBy(m => m.Role).ThenBy(m => m.Id).ToListAsync(ct);
        Grids = await db.Grids.AsNoTracking().Where(g => g.CommunityCode == code).OrderBy(g => g.Id).ToListAsync(ct);
        Buildings = await db.Buildings.AsNoTracking().Where(b => b.CommunityCode == code).OrderBy(b => b.Id).ToListAsync(ct);
        HouseholdCounts = await db.Households.Where(h => h.CommunityCode == code).GroupBy(h => h.BuildingId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        Units = await org.PartnerUnitsAsync(code, ct);
        Groups = await db.CoordinationGroups.AsNoTracking().Where(g => g.CommunityCode == code).OrderBy(g => g.Id).ToListAsync(ct);
        return Page();
    }
}
