using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Matters.Pages.Public;

/// <summary>
/// The resident's tracking page: the timeline by role and unit (never a name or phone), the deadlines, and the
/// rating when the matter is resolved. The tracking code is what proves the resident may rate.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class TrackModel(MattersService matters, MatterActions actions, MatterCatalogue catalogue, IEnumerable<Platform.Composition.ITrackedRecords> others) : ActionPage
{
    public Matter? Matter { get; private set; }
    public Matter? MergedInto { get; private set; }
    public string CommunityName { get; private set; } = "";
    public string CategoryName { get; private set; } = "";
    public bool JustRaised { get; private set; }
    public string? Code { get; private set; }

    [BindProperty]
    public string? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(string? code, bool? @new, CancellationToken ct)
    {
        JustRaised = @new == true;
        if (string.IsNullOrWhiteSpace(code))
        {
            Code = Request.Query["q"];
            return string.IsNullOrWhiteSpace(Code) ? Page() : Redirect($"/track/{Uri.EscapeDataString(Code.Trim().ToUpperInvariant())}");
        }
        if (await LoadAsync(code, ct))
        {
            return Page();
        }
        // A code of another module's records (a same-city services case …): its own page.
        foreach (var other in others)
        {
            if (await other.PageOfAsync(code, ct) is { } page)
            {
                return LocalRedirect(page);
            }
        }
        // A mistyped code: the look-up box again, with the code in it and what went wrong (still a 404).
        Code = code;
        Unknown = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The code looked up belongs to no matter.</summary>
    public bool Unknown { get; private set; }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }
        return await ActAsync(() => actions.RateByResidentAsync(Matter!, Rating, Comment, ct), () => Redirect($"/track/{Matter!.TrackingCode}"),
            () => LoadAsync(code, ct), prefix: null);
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        Matter = await matters.FindByTrackingCodeAsync(code, ct);
        if (Matter is null)
        {
            return false;
        }
        var places = await catalogue.PlacesAsync(ct);
        CommunityName = places.Communities.GetValueOrDefault(Matter.CommunityCode) ?? "";
        CategoryName = (await catalogue.GetAsync(ct)).Find(Matter.CategoryCode)?.NameIn(Platform.Localization.Tr.IsChinese) ?? Matter.CategoryCode;
        if (Matter.MergedIntoId is { } into)
        {
            MergedInto = await matters.FindPublicAsync(into, ct);
        }
        return true;
    }
}
