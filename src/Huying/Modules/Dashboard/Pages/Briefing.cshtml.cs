using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Huying.Platform.Web;

namespace Huying.Modules.Dashboard.Pages;

/// <summary>
/// 工作简报: the briefing of a division in the reader's scope (their own by default) and a period (this year to
/// today), each paragraph with the figures behind it and where they come from; downloadable as Word.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[Huying.Platform.Data.ReplicaRead]
public sealed class BriefingModel(BriefingWriter writer, BriefingIssues issues, BriefingPdf pdf, HuyingDbContext db, TimeProvider clock) : ScopePage(db, clock)
{
    public BriefingDto? Briefing { get; private set; }
    public List<BriefingIssue> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!await WriteAsync(division, from, to, ct))
        {
            return NotFound();
        }
        Recent = await issues.RecentAsync(12, ct);
        return Page();
    }

    /// <summary>Keeps the briefing shown as a draft to edit and publish (the division wholly in the editor's scope).</summary>
    [Requires(BriefingPolicies.Edit)]
    public async Task<IActionResult> OnPostDraftAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        BriefingIssue? issue = null;
        return await ActAsync(async () => issue = await issues.DraftAsync(new BriefingDraftInput(division, from, to), ct) ?? throw new NotFoundException(),
            () => Redirect($"/briefing/issues/{issue!.Id}"), async () => await OnGetAsync(division, from, to, ct), prefix: null);
    }

    public async Task<IActionResult> OnGetPdfAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        await WriteAsync(division, from, to, ct) && Briefing is { } briefing && BriefingPrint.Of(briefing) is var print
            ? File(pdf.Write(print), BriefingPdf.ContentType, print.FileName + ".pdf")
            : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        await WriteAsync(division, from, to, ct) && Briefing is { } briefing && BriefingPrint.Of(briefing) is var print
            ? File(BriefingDocument.Write(print), BriefingDocument.ContentType, print.FileName + ".docx")
            : NotFound();

    private async Task<bool> WriteAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!await ResolveAsync(division, from, to, ct))
        {
            return false;
        }
        Briefing = Division is null ? null : await writer.WriteAsync(Division, From, To, ct);
        return true;
    }
}
