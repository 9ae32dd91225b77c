using Huying.Platform.Accounts;
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
        Result = await people.SearchAsync(Community, Q, PageNumber, ct);
    }
}
