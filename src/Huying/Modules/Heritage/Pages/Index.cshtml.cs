using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Heritage.Pages;

/// <summary>
/// The sites of a city (the caller's, or the one asked for): the figures, the sites by level with their zone, a gap
/// marked where a site has none; filtered by level, by zone, or to the gaps alone.
/// </summary>
[Authorize(Policy = HeritagePolicies.Read)]
public sealed class IndexModel(HeritageSites sites, HeritageFigureCounts figures, Organisation.PlaceNames names) : PageModel
{
    public List<HeritageSite> Sites { get; private set; } = [];
    public List<ResponsibilityZone> Zones { get; private set; } = [];
    public HeritageFigures? Figures { get; private set; }
    public IReadOnlyDictionary<string, string> Places { get; private set; } = new Dictionary<string, string>();

    [BindProperty(SupportsGet = true)]
    public string? Division { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Zone { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Gaps { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Division = await sites.DivisionAsync(Division, ct);
        if (Division is null)
        {
            return;
        }
        ProtectionLevel? level = Enum.TryParse<ProtectionLevel>(Level, true, out var l) && Enum.IsDefined(l) ? l : null;
        Level = level?.ToString();
        Sites = await sites.ListAsync(Division, level, Zone, Gaps, ct);
        Zones = await sites.ZonesAsync(Division, ct);
        Figures = User.Holds(HeritagePolicies.Figures) ? await figures.FiguresAsync(Division, null, null, ct) : null;
        Places = await names.CommunitiesAsync(ct);
    }
}
