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
    public List<VolunteerCommendation> Commendations { get; private set; } = [];

    /// <summary>The commendation being recorded (kept when refused, to correct).</summary>
    public CommendationInput Commend { get; private set; } = new(null, null, null, null);

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

    public async Task<IActionResult> OnPostCommendAsync(long id, [Bind(Prefix = "Commend")] CommendationForm form, CancellationToken ct)
    {
        Commend = new CommendationInput(form.Title, form.AwardedBy, form.AwardedOn, form.Note);
        return await volunteering.VolunteerAsync(id, ct) is { } v
            ? await ActAsync(() => volunteering.CommendAsync(v, Commend, ct), () => Redirect($"/volunteering/volunteers/{id}#commendations"), () => LoadAsync(id, ct), prefix: "Commend")
            : NotFound();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, long commendationId, CancellationToken ct) =>
        await volunteering.VolunteerAsync(id, ct) is { } v && (await volunteering.CommendationsAsync(id, ct)).Any(c => c.Id == commendationId)
            ? await ActAsync(() => volunteering.WithdrawCommendationAsync(v, commendationId, ct), () => Redirect($"/volunteering/volunteers/{id}#commendations"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    public sealed class CommendationForm
    {
        public string? Title { get; set; }
        public string? AwardedBy { get; set; }
        public DateOnly? AwardedOn { get; set; }
        public string? Note { get; set; }
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
        Commendations = await volunteering.CommendationsAsync(id, ct);
        return true;
    }
}
