using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Dashboard.Pages;

/// <summary>
/// A kept briefing: each paragraph as generated beside its edited text, the figures behind it, the numbers an edit
/// changed; saved, published to the notice boards, downloaded as .docx or PDF.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IssueModel(BriefingIssues issues, BriefingPdf pdf) : ActionPage
{
    public BriefingIssueDto? Issue { get; private set; }

    [BindProperty]
    public List<string?> Texts { get; set; } = [];

    [BindProperty]
    public int? Version { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(BriefingPolicies.Edit)]
    public async Task<IActionResult> OnPostEditAsync(long id, CancellationToken ct) =>
        await issues.IssueAsync(id, ct) is { } issue
            ? await ActAsync(() => issues.EditAsync(issue, new BriefingEditInput(Version, Texts), ct), () => Redirect($"/briefing/issues/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    [Requires(BriefingPolicies.Edit)]
    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct) =>
        await issues.IssueAsync(id, ct) is { } issue
            ? await ActAsync(() => issues.PublishAsync(issue, ct), () => Redirect($"/briefing/issues/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(long id, CancellationToken ct) =>
        await issues.IssueAsync(id, ct) is { } issue && BriefingPrint.Of(issue) is var print
            ? File(BriefingDocument.Write(print), BriefingDocument.ContentType, print.FileName + ".docx")
            : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(long id, CancellationToken ct) =>
        await issues.IssueAsync(id, ct) is { } issue && BriefingPrint.Of(issue) is var print
            ? File(pdf.Write(print), BriefingPdf.ContentType, print.FileName + ".pdf")
            : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Issue = await issues.IssueAsync(id, ct) is { } issue ? BriefingIssues.ToDto(issue) : null;
        return Issue is not null;
    }
}
