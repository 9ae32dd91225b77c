using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Pledges.Pages;

/// <summary>One pledge and its steps; the branch reviews, records help, evaluates and amends here, the town files.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PledgeModel(PledgeService pledges) : ActionPage
{
    public Pledge Pledge { get; private set; } = null!;
    public List<PledgeStep> Steps { get; private set; } = [];
    public long? NoticeId { get; private set; }
    public ILookup<long, long> Photos { get; private set; } = Array.Empty<long>().ToLookup(x => x);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(PledgePolicies.Review)]
    public Task<IActionResult> OnPostReviewAsync(long id, bool approve, string? note, CancellationToken ct) =>
        ActOnAsync(id, p => pledges.ReviewAsync(p, new ReviewInput(approve, note), ct), ct);

    [Requires(PledgePolicies.File)]
    public Task<IActionResult> OnPostFileAsync(long id, CancellationToken ct) => ActOnAsync(id, p => pledges.FileAsync(p, ct), ct);

    [Requires(PledgePolicies.Review)]
    public Task<IActionResult> OnPostHelpAsync(long id, string? note, CancellationToken ct) =>
        ActOnAsync(id, p => pledges.RecordHelpAsync(p, new NoteInput(note), ct), ct);

    [Requires(PledgePolicies.Review)]
    public Task<IActionResult> OnPostCloseAsync(long id, string? outcome, string? rating, string? note, string? commendation, CancellationToken ct) =>
        ActOnAsync(id, p => pledges.CloseAsync(p, new CloseInput(outcome, rating, note, commendation), ct), ct);

    [Requires(PledgePolicies.Review)]
    public Task<IActionResult> OnPostAmendAsync(long id, string? title, string? doneWhen, DateOnly? dueOn, string? reason, CancellationToken ct) =>
        ActOnAsync(id, p => pledges.AmendAsync(p, new AmendInput(title, doneWhen, dueOn, reason), ct), ct);

    private async Task<IActionResult> ActOnAsync(long id, Func<Pledge, Task<Pledge>> act, CancellationToken ct) =>
        await pledges.FindAsync(id, ct) is { } pledge
            ? await ActAsync(() => act(pledge), () => Redirect($"/pledges/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await pledges.FindAsync(id, ct) is not { } pledge)
        {
            return false;
        }
        Pledge = pledge;
        Steps = await pledges.StepsAsync(pledge, ct);
        Photos = await pledges.PhotosAsync(Steps, ct);
        NoticeId = await pledges.BoardNoticeAsync(pledge.CommunityCode, pledge.Month, ct);
        return true;
    }
}
