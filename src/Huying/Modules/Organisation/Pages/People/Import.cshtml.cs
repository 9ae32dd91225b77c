using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Organisation.Pages.People;

[Authorize(Policy = OrganisationPolicies.PeopleWrite)]
[RequestSizeLimit(5 * 1024 * 1024)]
public sealed class ImportModel(PeopleImport import, OrganisationService org) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string CommunityName { get; private set; } = "";
    public ImportOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await FindAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        await FindAsync(ct)
            ? File(PeopleImport.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Tr.T("people-template") + ".xlsx")
            : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await FindAsync(ct))
        {
            return NotFound();
        }
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("Upload", Tr.T("Choose a CSV or .xlsx file"));
            return Page();
        }
        if (!Upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Upload", Tr.T("Only .csv and .xlsx files can be imported"));
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        Outcome = await import.ImportAsync(Community!, stream, Upload.FileName, ct);
        return Page();
    }

    private async Task<bool> FindAsync(CancellationToken ct)
    {
        var community = string.IsNullOrEmpty(Community) ? null : (await org.CommunitiesUnderAsync(Community, ct)).FirstOrDefault(c => c.Code == Community);
        CommunityName = community?.Name ?? "";
        return community is not null;
    }
}
