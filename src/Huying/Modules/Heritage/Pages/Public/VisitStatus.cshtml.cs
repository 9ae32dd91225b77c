using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Heritage.Pages.Public;

/// <summary>A group's booking by its code: the base, the day, the size, the state (the contact's mobile masked); called off here before the day.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class VisitStatusModel(HeritageVisits visits) : ActionPage
{
    public HeritageVisit V { get; private set; } = null!;
    public string Base { get; private set; } = "";
    public bool JustBooked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, bool @new, CancellationToken ct)
    {
        JustBooked = @new;
        return await LoadAsync(code, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct) =>
        await visits.FindByCodeAsync(code, ct) is { } v
            ? await ActAsync(() => visits.CallOffAsync(v, ct), () => Redirect($"/heritage/visit/{v.Code}"), async () => await LoadAsync(code, ct), prefix: null)
            : NotFound();

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        if (await visits.FindByCodeAsync(code, ct) is not { } v)
        {
            return false;
        }
        V = v;
        Base = (await visits.BasesAsync(ct)).FirstOrDefault(b => b.Id == v.SiteId)?.Name ?? "";
        return true;
    }
}
