using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Heritage.Pages.Public;

/// <summary>A school, a branch or a company books a group's visit to an education base, without an account; it follows the booking with its code.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class VisitModel(HeritageVisits visits) : ActionPage
{
    public sealed class VisitForm
    {
        public long? SiteId { get; set; }
        public DateOnly? VisitOn { get; set; }
        public string? GroupName { get; set; }
        public int? Size { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
    }

    [BindProperty]
    public VisitForm Input { get; set; } = new();

    public List<EducationBase> Bases { get; private set; } = [];

    public async Task OnGetAsync(long? site, CancellationToken ct)
    {
        Input.SiteId = site;
        Bases = await visits.BasesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        HeritageVisit? visit = null;
        return await ActAsync(async () => visit = await visits.BookAsync(new VisitInput(Input.SiteId, Input.VisitOn, Input.GroupName, Input.Size,
                Input.ContactName, Input.ContactPhone), ct),
            () => Redirect($"/heritage/visit/{visit!.Code}?new=true"), async () => Bases = await visits.BasesAsync(ct));
    }
}
