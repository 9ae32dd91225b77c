using Huying.Modules.Matters;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Heritage.Pages.Public;

/// <summary>
/// 文物险情上报: anyone — a villager without an account, a party member from a patrol — names the site and what is
/// wrong, with photos; the hazard goes to the centre that keeps the site and to the zone's members, and the
/// reporter follows it with the tracking code.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
[RequestSizeLimit(FileStore.MaxRequestBytes)]
public sealed class ReportModel(HeritageSites sites, HeritageHazards hazards) : ActionPage
{
    public sealed class HazardForm
    {
        public long? SiteId { get; set; }
        public string? CategoryCode { get; set; }
        public string? Description { get; set; }
        public string? ReporterPhone { get; set; }
        public long? PatrolId { get; set; }
        public List<IFormFile> Photos { get; set; } = [];
    }

    [BindProperty]
    public HazardForm Input { get; set; } = new();

    public string? City { get; private set; }
    public List<HeritageSites.PublicSite> Sites { get; private set; } = [];
    public List<MatterCategory> Kinds { get; private set; } = [];

    public async Task OnGetAsync(string? city, long? site, long? patrol, string? findings, CancellationToken ct)
    {
        (Input.SiteId, Input.PatrolId, Input.Description) = (site, patrol, findings);
        await LoadAsync(city, site, ct);
    }

    public async Task<IActionResult> OnPostAsync(string? city, CancellationToken ct)
    {
        Matter? matter = null;
        return await ActAsync(async () => matter = await hazards.RaiseAsync(new HazardInput(Input.SiteId, Input.CategoryCode, Input.Description,
                Input.ReporterPhone, Input.PatrolId), Input.Photos, User, ct),
            () => Redirect($"/track/{matter!.TrackingCode}?new=true"), () => LoadAsync(city, Input.SiteId, ct));
    }

    private async Task LoadAsync(string? city, long? site, CancellationToken ct)
    {
        (City, Sites) = await sites.PublicAsync(city, ct);
        Kinds = await hazards.KindsAsync(ct);
    }
}
