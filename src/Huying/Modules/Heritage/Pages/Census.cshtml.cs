using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Heritage.Pages;

/// <summary>The census import: the template, the upload (with its progress), and what came of it — the rows' problems by line, or the counts.</summary>
[Authorize(Policy = HeritagePolicies.Keep)]
[RequestSizeLimit(HeritageApi.CensusLimit)]
public sealed class CensusModel(CensusImport census, Platform.Data.HuyingDbContext db) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public CensusOutcome? Outcome { get; private set; }
    public int Records { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Records = await db.Set<CensusRecord>().CountAsync(ct);

    public IActionResult OnGetTemplate() =>
        File(CensusImport.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Tr.T("census-template") + ".xlsx");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0
            || !(Upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("Upload", Tr.T("Choose a CSV or .xlsx file"));
        }
        else
        {
            await using var stream = Upload.OpenReadStream();
            Outcome = await census.ImportAsync(stream, Upload.FileName, ct);
        }
        Records = await db.Set<CensusRecord>().CountAsync(ct);
        return Page();
    }
}
