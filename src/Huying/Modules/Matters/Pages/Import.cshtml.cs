using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Matters.Pages;

/// <summary>12345 hotline work orders, CSV or .xlsx, into matters; the report lists what failed and why.</summary>
[Authorize(Policy = MatterPolicies.Manage)]
[RequestSizeLimit(20 * 1024 * 1024)]
public sealed class ImportModel(HotlineImport import) : PageModel
{
    public HotlineOutcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate() =>
        File(HotlineImport.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "12345-orders.xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Platform.Localization.Tr.T("Choose a CSV or .xlsx file"));
            return Page();
        }
        await using var stream = file.OpenReadStream();
        Outcome = await import.ImportAsync(stream, file.FileName, User, ct);
        return Page();
    }
}
