using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Heritage.Pages;

/// <summary>
/// The city's responsibility zones with their branch, members and sites; the sites in no zone listed first as the
/// gap to close; keepers put a site into a zone and add a zone.
/// </summary>
[Authorize(Policy = HeritagePolicies.Read)]
public sealed class ZonesModel(HeritageSites sites, Organisation.PlaceNames names) : ActionPage
{
    public string? Division { get; private set; }
    public List<ResponsibilityZone> Zones { get; private set; } = [];
    public ILookup<long?, HeritageSite> SitesByZone { get; private set; } = Array.Empty<HeritageSite>().ToLookup(s => s.ZoneId);
    public IReadOnlyDictionary<string, string> Places { get; private set; } = new Dictionary<string, string>();
    public bool Keeps { get; private set; }

    [BindProperty]
    public ZoneForm Input { get; set; } = new();

    public async Task OnGetAsync(string? division, CancellationToken ct) => await LoadAsync(division, ct);

    [Requires(HeritagePolicies.Keep)]
    public async Task<IActionResult> OnPostAssignAsync(string? division, long siteId, long? zoneId, CancellationToken ct) =>
        await sites.FindAsync(siteId, ct) is { } site
            ? await ActAsync(() => sites.AssignAsync(site, zoneId, ct), () => Redirect($"/heritage/zones?division={division}"), () => LoadAsync(division, ct), prefix: null)
            : NotFound();

    [Requires(HeritagePolicies.Keep)]
    public Task<IActionResult> OnPostAddAsync(string? division, CancellationToken ct) =>
        ActAsync(() => sites.AddZoneAsync(new ZoneInput(Input.Name, Input.CommunityCode, Input.Branch, Input.PatrolEveryDays,
                (Input.Members ?? "").Split(['\n', '、', ',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)), ct),
            () => Redirect($"/heritage/zones?division={division}"), () => LoadAsync(division, ct));

    private async Task LoadAsync(string? division, CancellationToken ct)
    {
        Division = await sites.DivisionAsync(division, ct);
        if (Division is null)
        {
            return;
        }
        Zones = await sites.ZonesAsync(Division, ct);
        SitesByZone = (await sites.ListAsync(Division, null, null, false, ct)).ToLookup(s => s.ZoneId);
        Places = await names.CommunitiesAsync(ct);
        Keeps = sites.Keeps(Zones.FirstOrDefault()?.KeeperUnitId);
    }

    public sealed class ZoneForm
    {
        public string? Name { get; set; }
        public string? Branch { get; set; }
        public string? CommunityCode { get; set; }
        public int? PatrolEveryDays { get; set; } = 7;
        public string? Members { get; set; }
    }
}
