using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Pledges.Pages;

/// <summary>A party member's month on the phone: claim from the opinion list or one's own, submit, report progress and at month end.</summary>
[Authorize(Policy = Policies.PartyMember)]
[RequestSizeLimit(Platform.Files.FileStore.MaxRequestBytes)]
public sealed class MeModel(PledgeService pledges) : ActionPage
{
    public BranchMember? Me { get; private set; }
    public List<Pledge> Pledges { get; private set; } = [];
    public List<OpinionItem> Opinions { get; private set; } = [];
    public ClaimForm Input { get; private set; } = new();
    public (MemberYear Summary, List<Pledge> Closed)? Year { get; private set; }
    public int ThisYear => pledges.ThisMonth.Year;

    public sealed class ClaimForm
    {
        public long? OpinionItemId { get; set; }
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? DoneWhen { get; set; }
        public DateOnly? DueOn { get; set; }
        public string? HelpNeeded { get; set; }
        public string? Month { get; set; }
    }

    public async Task OnGetAsync(long? opinion, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Opinions.FirstOrDefault(o => o.Id == opinion) is { } item)
        {
            Input = new ClaimForm { OpinionItemId = item.Id, Title = item.Title, Kind = item.Kind?.ToString() };
        }
    }

    public async Task<IActionResult> OnPostClaimAsync([Bind(Prefix = "Input")] ClaimForm form, CancellationToken ct)
    {
        Input = form;
        return await ActAsync(() => pledges.ClaimAsync(new PledgeInput(null, form.Month, form.Kind, form.Title, form.DoneWhen, form.DueOn, form.HelpNeeded, form.OpinionItemId), ct),
            () => Redirect("/pledges/me#my-pledges"), () => LoadAsync(ct));
    }

    public Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct) => ActOnAsync(id, p => pledges.SubmitAsync(p, ct), ct);

    public Task<IActionResult> OnPostProgressAsync(long id, string? note, List<IFormFile> photos, CancellationToken ct) =>
        ActOnAsync(id, p => pledges.ReportProgressAsync(p, new NoteInput(note), photos, ct), ct);

    public Task<IActionResult> OnPostReportAsync(long id, string? note, List<IFormFile> photos, CancellationToken ct) =>
        ActOnAsync(id, p => pledges.SelfReportAsync(p, new NoteInput(note), photos, ct), ct);

    private async Task<IActionResult> ActOnAsync(long id, Func<Pledge, Task<Pledge>> act, CancellationToken ct) =>
        await pledges.FindAsync(id, ct) is { } pledge
            ? await ActAsync(() => act(pledge), () => Redirect($"/pledges/me#pledge-{id}"), () => LoadAsync(ct), prefix: null)
            : NotFound();

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = await pledges.MeAsync(ct);
        Pledges = await pledges.ListAsync(null, null, ct);
        Opinions = await pledges.OpinionsAsync(null, ct);
        Year = await pledges.MyYearAsync(pledges.ThisMonth.Year, ct);
    }
}
