using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Dashboard.Pages;

/// <summary>
/// 工作简报: the briefing of a division in the reader's scope (their own by default) and a period (this year to
/// today), each paragraph with the figures behind it and where they come from; downloadable as Word.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class BriefingModel(BriefingWriter writer, HuyingDbContext db, TimeProvider clock) : ScopePage(db, clock)
{
    public BriefingDto? Briefing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        await WriteAsync(division, from, to, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(string? division, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        await WriteAsync(division, from, to, ct) && Briefing is { } briefing
            ? File(BriefingDocument.Write(briefing), BriefingDocument.ContentType, $"{briefing.DivisionName}工作简报{briefing.To:yyyyMMdd}.docx")
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
