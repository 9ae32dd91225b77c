using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Organisation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class CommunityModel(HuyingDbContext db, OrganisationService org, CommunityPlaces places, IEnumerable<IPlaceFacts> facts) : ActionPage
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
    /// <summary>What the other modules show about the community (agreements signed …).</summary>
    public List<PlaceFact> Facts { get; private set; } = [];
    private ILookup<long?, PartyOrganisation>? children;

    public IReadOnlyList<PartyOrganisation> Children(long? parent) => [.. children![parent]];

    /// <summary>The community's position as typed (kept as typed when refused).</summary>
    public sealed class PositionForm
    {
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }
    }

    [BindProperty]
    public PositionForm Position { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }
        Position = new PositionForm { Latitude = Community!.Latitude?.ToString(CultureInfo.InvariantCulture), Longitude = Community.Longitude?.ToString(CultureInfo.InvariantCulture) };
        return Page();
    }

    /// <summary>Places the community on the county's map (authorized in the service, as the API).</summary>
    public Task<IActionResult> OnPostPositionAsync(string code, CancellationToken ct) =>
        ActAsync(async () =>
        {
            places.MayPlace();
            var community = await places.FindAsync(code, ct) ?? throw new NotFoundException();
            await places.PlaceAsync(community, Read(Position), ct);
        }, () => Redirect($"/org/communities/{code}#community-position"), () => LoadAsync(code, ct), nameof(Position));

    /// <summary>The typed numbers (a dot or a comma before the decimals); anything else is refused beside the fields.</summary>
    private static PositionInput Read(PositionForm form)
    {
        static (double? Value, bool Ok) Number(string? text) =>
            string.IsNullOrWhiteSpace(text) ? (null, true)
            : double.TryParse(text.Trim().Replace('，', '.').Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? (v, true)
            : (null, false);
        var (lat, latOk) = Number(form.Latitude);
        var (lon, lonOk) = Number(form.Longitude);
        new FieldErrors().Add("latitude", latOk && lonOk ? null : "Give the position as numbers (latitude and longitude)").ThrowIfAny();
        return new PositionInput(lat, lon);
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        Community = await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (Community is null)
        {
            return false;
        }
        Counts = (await org.BreakdownAsync(code, ct)).Single().Counts;
        foreach (var source in facts)
        {
            Facts.AddRange(await source.ForCommunityAsync(code, ct));
        }
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
        return true;
    }
}
