using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.HealthAid.Pages;

/// <summary>
/// The team's work: what was held (clinic days, consultations, mobile rounds, remote sessions, trainings) with its
/// 人次, home visits with their findings, the nine indicators of the month, and for the lead the export and the
/// registry's conditions.
/// </summary>
public sealed class WorkModel(CareAccess care, CareWork work, HealthRecords records, HealthExport export) : CarePage(care)
{
    public List<CareActivity> Activities { get; private set; } = [];
    public List<HomeVisitView> Visits { get; private set; } = [];
    public List<AssessmentValue> Indicators { get; private set; } = [];
    public List<(long Id, string Name)> Households { get; private set; } = [];
    public List<ChronicCondition> Conditions { get; private set; } = [];
    public IReadOnlyList<string> Villages { get; private set; } = [];
    public bool Lead { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await GateAsync(ct) is { } gate)
        {
            return gate;
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostActivityAsync(ActivityInput input, CancellationToken ct) => DoAsync(() => work.AddActivityAsync(input, ct), "#activities", ct);

    public Task<IActionResult> OnPostVisitAsync(HomeVisitInput input, CancellationToken ct) => DoAsync(() => work.VisitAsync(input, ct), "#visits", ct);

    public Task<IActionResult> OnPostIndicatorAsync(IndicatorInput input, CancellationToken ct) => DoAsync(() => work.SetIndicatorAsync(input, ct), "#indicators", ct);

    public Task<IActionResult> OnPostConditionAsync(ConditionInput input, CancellationToken ct) =>
        DoAsync(async () => await records.AddConditionAsync(input, await export.IsLeadAsync(ct), ct), "#conditions", ct);

    private async Task<IActionResult> DoAsync(Func<Task> act, string anchor, CancellationToken ct) =>
        await GateAsync(ct) ?? await ActAsync(act, () => Redirect("/health/work" + anchor), () => LoadAsync(ct), prefix: null);

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = Care.Today;
        Villages = Care.Villages;
        Activities = await work.ActivitiesAsync(60, ct);
        Visits = await work.VisitsAsync(30, ct);
        Indicators = await work.IndicatorValuesAsync(Today.Year, ct);
        Households = await work.HouseholdsAsync(ct);
        Conditions = await records.ConditionsAsync(ct);
        Lead = await export.IsLeadAsync(ct);
    }
}
