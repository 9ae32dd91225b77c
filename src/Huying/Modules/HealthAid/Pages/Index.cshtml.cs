using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.HealthAid.Pages;

/// <summary>
/// The care worker's work list: the purpose of the session first (once), then the follow-ups overdue and due (today,
/// or within the week), the patients by name or record number, and the way to a new record.
/// </summary>
public sealed class IndexModel(CareAccess care, HealthRecords records) : CarePage(care)
{
    public HealthPurpose? Purpose { get; private set; }
    public List<DueRow> Due { get; private set; } = [];
    public List<PatientRow>? Found { get; private set; }
    public string? Find { get; private set; }
    public int Days { get; private set; }
    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? find, int? days, string? returnUrl, CancellationToken ct)
    {
        if (!Care.IsCare)
        {
            return NotFound();
        }
        await LoadAsync(find, days, returnUrl, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPurposeAsync(string? purpose, string? returnUrl, CancellationToken ct)
    {
        if (!Care.IsCare)
        {
            return NotFound();
        }
        var back = returnUrl is { Length: > 1 } r && r.StartsWith("/health", StringComparison.Ordinal) && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/health";
        return await ActAsync(() => Care.ChooseAsync(purpose, ct), () => LocalRedirect(back), () => LoadAsync(null, null, returnUrl, ct), prefix: null);
    }

    private async Task LoadAsync(string? find, int? days, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = returnUrl;
        Purpose = await Care.PurposeAsync(ct);
        if (Purpose is null)
        {
            return;
        }
        Days = Math.Clamp(days ?? 0, 0, 30);
        Find = find?.Trim();
        Due = await records.DueAsync(Days, 100, ct);
        Found = Find is { Length: > 0 } ? await records.ListAsync(Find, 50, ct) : null;
    }
}
