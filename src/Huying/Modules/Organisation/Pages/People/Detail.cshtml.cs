using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Organisation.Pages.People;

[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(PeopleService people) : ActionPage
{
    public PersonDetail? Person { get; private set; }
    public RevealResult? Revealed { get; private set; }

    [BindProperty]
    public string? Field { get; set; } = "idNumber";

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Person = await people.GetAsync(id, User, ct);
        return Person is null ? NotFound() : Page();
    }

    [Requires(Policies.RevealPersonalData)]
    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await people.FindAsync(id, ct) is not { } person)
        {
            return NotFound();
        }
        if (await TryAsync(async () => Revealed = await people.RevealAsync(person, new RevealRequest(Field, Reason), ct), prefix: null))
        {
            Reason = null;
        }
        Person = await people.GetAsync(id, User, ct);
        return Page();
    }
}
