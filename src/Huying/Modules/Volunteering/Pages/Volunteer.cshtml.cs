using Huying.Platform.Accounts;
using Huying.Platform.Privacy;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>A volunteer's record for the organisers of their community: profile, masked phone (revealed with a reason), service record.</summary>
[Authorize(Policy = VolunteeringPolicies.Organise)]
public sealed class VolunteerModel(VolunteeringService volunteering, Reveals reveals, PersonalData personal) : ActionPage
{
    public Volunteer Volunteer { get; private set; } = null!;
    public List<(SignUp Place, string Activity, string Post)> Record { get; private set; } = [];
    public decimal Hours { get; private set; }
    public string? Revealed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(Policies.RevealPersonalData)]
    public async Task<IActionResult> OnPostRevealAsync(long id, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var volunteer = Volunteer;
        await TryAsync(async () => Revealed = await reveals.RevealAsync(nameof(Volunteer), id, "phone", reason, () => personal.Reveal(volunteer.PhoneCipher), ct), prefix: null);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await volunteering.VolunteerAsync(id, ct) is not { } v)
        {
            return false;
        }
        Volunteer = v;
        Record = await volunteering.RecordAsync(v, ct);
        Hours = Record.Where(r => r.Place.HoursConfirmedAt is not null).Sum(r => r.Place.Hours ?? 0);
        return true;
    }
}
