using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.HealthAid.Pages;

/// <summary>The green channel: referrals not yet back first; the hospital's outcome is recorded, then the back-referral with advice for the village.</summary>
public sealed class ReferralsModel(CareAccess care, CareWork work) : CarePage(care)
{
    public List<ReferralView> Referrals { get; private set; } = [];
    public bool All { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool all, CancellationToken ct)
    {
        if (await GateAsync(ct) is { } gate)
        {
            return gate;
        }
        await LoadAsync(all, ct);
        return Page();
    }

    public Task<IActionResult> OnPostReceivedAsync(long id, ReferralStep input, CancellationToken ct) => StepAsync(id, false, input, ct);

    public Task<IActionResult> OnPostBackAsync(long id, ReferralStep input, CancellationToken ct) => StepAsync(id, true, input, ct);

    private async Task<IActionResult> StepAsync(long id, bool back, ReferralStep input, CancellationToken ct) =>
        await GateAsync(ct) ?? await ActAsync(() => work.StepAsync(id, back, input, ct), () => Redirect($"/health/referrals#referral-{id}"),
            () => LoadAsync(false, ct), prefix: null);

    private async Task LoadAsync(bool all, CancellationToken ct)
    {
        All = all;
        Today = Care.Today;
        Referrals = await work.ReferralsAsync(!all, 200, ct);
    }
}
