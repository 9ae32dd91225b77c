using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Proxy.Pages;

/// <summary>The county's catalogue as the counter reads it: who decides, who may apply, the materials, the time limit.</summary>
[Authorize(Policy = ProxyPolicies.Handle)]
public sealed class CatalogueModel(ProxyCases cases, Organisation.PlaceNames names) : PageModel
{
    public List<ProxyService> Items { get; private set; } = [];
    public IReadOnlyDictionary<long, string> Offices { get; private set; } = new Dictionary<long, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var county = User.FindAll(ScopeClaims.Division).Select(c => c.Value).FirstOrDefault();
        if (county is null && User.Holds(Policies.UnitLiaison))
        {
            county = (await cases.OfficeCountyAsync(ct)) ?? "";
        }
        Items = county is { Length: >= 6 } ? await cases.CatalogueAsync(county, ct) : [];
        Offices = await names.UnitsAsync(ct);
    }
}
