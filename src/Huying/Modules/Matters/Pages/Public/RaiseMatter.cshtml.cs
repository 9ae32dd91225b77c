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
[RequestSizeLimit(42 * 1024 * 1024)]
public sealed class RaiseMatterModel(MattersService matters, MatterCatalogue catalogue, FileStore files, HuyingDbContext db) : PageModel
{
    public sealed class MatterForm
    {
        public string? CategoryCode { get; set; }
        public string? Description { get; set; }
        public long? BuildingId { get; set; }
        public string? Address { get; set; }
        public string? ReporterPhone { get; set; }
    }

    [BindProperty]
    public MatterForm Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

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
        if (Photos.Count > 4)
        {
            ModelState.AddModelError(nameof(Photos), Platform.Localization.Tr.T("Attach four files at most"));
            return Page();
        }
        var (errors, matter) = await matters.PrepareAsync(new MatterInput(Input.CategoryCode, Input.Description, community, Input.BuildingId,
            Input.Address, Input.ReporterPhone), User, null, ct);
        if (matter is not null)
        {
            // Photos are checked before anything is saved; a refused file leaves nothing behind.
            var (fileErrors, saved) = await files.CheckAsync(Photos, "photos", ct);
            if (fileErrors.IsEmpty)
            {
                await matters.SubmitAsync(matter, ct);
                if (saved.Count > 0)
                {
                    await files.SaveAsync(db, nameof(Matter), matter.Id, Photos, "photos", ct);
                }
                return Redirect($"/track/{matter.TrackingCode}?new=true");
            }
            errors = fileErrors;
        }
        ModelState.AddFieldErrors(errors, "Input");
        foreach (var message in errors.All.GetValueOrDefault("photos") ?? [])
        {
            ModelState.Remove("Input.Photos");
            ModelState.AddModelError(nameof(Photos), Platform.Localization.DictionaryLocalizer.Translate(message));
        }
        return Page();
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
