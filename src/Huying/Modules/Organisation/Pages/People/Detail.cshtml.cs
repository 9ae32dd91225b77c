using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Organisation.Pages.People;

[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(PeopleService people) : PageModel
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

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!User.Holds(Policies.RevealPersonalData))
        {
            return Forbid();
        }
        var (errors, result) = await people.RevealAsync(id, new RevealRequest(Field, Reason), ct);
        Person = await people.GetAsync(id, User, ct);
        if (Person is null)
        {
            return NotFound();
        }
        ModelState.AddFieldErrors(errors);
        Revealed = result;
        if (result is not null)
        {
            ModelState.Clear();
            Reason = null;
        }
        return Page();
    }
}
