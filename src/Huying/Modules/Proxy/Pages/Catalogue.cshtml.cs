using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Proxy.Pages;

/// <summary>
/// The county's catalogue as the counter reads it (who decides, who may apply, the materials with their templates, the
/// time limit, the form fields); the administrator chooses a county, sees retired items too and adds or changes items.
/// </summary>
[Authorize(Policy = ProxyPolicies.Catalogue)]
public sealed class CatalogueModel(ProxyCases cases, ProxyCatalogue catalogue, Organisation.PlaceNames names, HuyingDbContext db) : PageModel
{
    public List<ProxyService> Items { get; private set; } = [];
    public IReadOnlyDictionary<long, string> Offices { get; private set; } = new Dictionary<long, string>();
    public IReadOnlyDictionary<long, long> Templates { get; private set; } = new Dictionary<long, long>();
    public IReadOnlyDictionary<string, string> Counties { get; private set; } = new Dictionary<string, string>();
    public bool Keeps => User.Holds(Policies.Admin);

    [BindProperty(SupportsGet = true)]
    public string? County { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Keeps)
        {
            Counties = await catalogue.CountiesAsync(ct);
            // Without a choice, the first county that keeps a catalogue.
            County = County is not null && Counties.ContainsKey(County) ? County
                : await catalogue.KeptCountyAsync(ct) is { } kept && Counties.ContainsKey(kept) ? kept : Counties.Keys.FirstOrDefault();
            Items = County is null ? [] : await catalogue.AllAsync(County, ct);
        }
        else
        {
            County = User.FindAll(ScopeClaims.Division).Select(c => c.Value).FirstOrDefault();
            if (County is null && User.Holds(Policies.UnitLiaison))
            {
                County = (await cases.OfficeCountyAsync(ct)) ?? "";
            }
            Items = County is { Length: >= 6 } ? await cases.CatalogueAsync(County, ct) : [];
        }
        Offices = await names.UnitsAsync(ct);
        Templates = await ProxyCatalogue.TemplatesAsync(db, Items, ct);
    }
}
