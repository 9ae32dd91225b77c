using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Matters.Pages.Public;

/// <summary>A resident raises a matter on a phone, without an account, and gets a tracking code.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
[RequestSizeLimit(FileStore.MaxRequestBytes)]
public sealed class RaiseMatterModel(MatterIntake intake, MatterCatalogue catalogue) : ActionPage
{
    public sealed class MatterForm
    {
        public string? CategoryCode { get; set; }
        public string? Description { get; set; }
        public long? BuildingId { get; set; }
        public string? Address { get; set; }
        public string? ReporterPhone { get; set; }
        public List<IFormFile> Photos { get; set; } = [];
    }

    [BindProperty]
    public MatterForm Input { get; set; } = new();

    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public MatterCatalogue.Snapshot Catalogue { get; private set; } = null!;
    public IReadOnlyList<MatterCatalogue.Place> Places { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string community, string? category, CancellationToken ct)
    {
        Input.CategoryCode = category;
        return await LoadAsync(community, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string community, CancellationToken ct)
    {
        if (!await LoadAsync(community, ct))
        {
            return NotFound();
        }
        Matter? matter = null;
        return await ActAsync(async () => matter = await intake.RaiseAsync(new MatterInput(Input.CategoryCode, Input.Description, community,
            Input.BuildingId, Input.Address, Input.ReporterPhone), Input.Photos, User, ct),
            () => Redirect($"/track/{matter!.TrackingCode}?new=true"), () => Task.CompletedTask);
    }

    private async Task<bool> LoadAsync(string community, CancellationToken ct)
    {
        var places = await catalogue.PlacesAsync(ct);
        if (!places.Communities.TryGetValue(community, out var name))
        {
            return false;
        }
        Community = community;
        CommunityName = name;
        Catalogue = await catalogue.GetAsync(ct);
        Places = places.Buildings.GetValueOrDefault(community) ?? [];
        return true;
    }
}
