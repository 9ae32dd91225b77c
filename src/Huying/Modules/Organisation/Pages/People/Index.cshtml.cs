using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Organisation.Pages.People;

[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(PeopleService people, OrganisationService org) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PageOf<PersonListItem> Result { get; private set; } = new([], 0, 1, PeopleService.PageSize);
    public List<Community> Communities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Communities = await org.CommunitiesUnderAsync("", ct);
        if (Communities.Count == 1)
        {
            Community ??= Communities[0].Code;
        }
        try
        {
            Result = await people.SearchAsync(Community, Q, PageNumber, ct);
        }
        catch (Exception e) when (e is NotAllowedException or TooManyRequestsException)
        {
            // A full number without the permission, or too many: said above the list, which stays empty.
            Refusal = e.Message;
        }
    }

    public string? Refusal { get; private set; }
}
