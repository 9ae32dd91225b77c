using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.HealthAid.Pages;

/// <summary>
/// One patient's plan as the village doctor, the expert and the team member share it on a phone: the record and
/// consent, each condition with its next follow-up (overdue in red) and the form to record one, the follow-ups so
/// far with their measurements, referrals and the form to refer.
/// </summary>
public sealed class RecordModel(CareAccess care, HealthRecords records, CareWork work) : CarePage(care)
{
    public PatientPlan Plan { get; private set; } = null!;
    public List<ChronicCondition> Conditions { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await GateAsync(ct) ?? (await LoadAsync(id, ct) ? Page() : NotFound());

    public Task<IActionResult> OnPostFollowUpAsync(long id, long enrolment, FollowUpInput input, CancellationToken ct) =>
        ActOnAsync(id, () => records.FollowUpAsync(enrolment, input, ct), ct);

    public Task<IActionResult> OnPostEnrolAsync(long id, EnrolInput input, CancellationToken ct) =>
        ActOnAsync(id, () => records.EnrolAsync(id, input, ct), ct);

    public Task<IActionResult> OnPostReferAsync(long id, ReferralInput input, CancellationToken ct) =>
        ActOnAsync(id, () => work.ReferAsync(id, input, ct), ct);

    public Task<IActionResult> OnPostDetailsAsync(long id, DetailsInput input, CancellationToken ct) =>
        ActOnAsync(id, () => records.UpdateAsync(id, input, ct), ct);

    private async Task<IActionResult> ActOnAsync(long id, Func<Task> act, CancellationToken ct) =>
        await GateAsync(ct) ?? await ActAsync(act, () => Redirect($"/health/records/{id}"), async () =>
        {
            if (!await LoadAsync(id, ct))
            {
                throw new Platform.Web.NotFoundException();
            }
        }, prefix: null);

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await records.PlanAsync(id, ct) is not { } plan)
        {
            return false;
        }
        Plan = plan;
        Conditions = await records.ConditionsAsync(ct);
        Today = Care.Today;
        return true;
    }
}
