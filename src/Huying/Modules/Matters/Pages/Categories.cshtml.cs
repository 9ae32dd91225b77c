using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters.Pages;

/// <summary>The category catalogue with its deadlines, and the holiday calendar working-time deadlines skip.</summary>
[Authorize(Policy = Policies.OrgRead)]
public sealed class CategoriesModel(HuyingDbContext db, MatterCatalogue catalogue) : PageModel
{
    public List<MatterCategory> Categories { get; private set; } = [];
    public List<CalendarDay> Days { get; private set; } = [];
    public bool CanEdit => User.Holds(Policies.CatalogueWrite);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string code, double? respondHours, double? resolveHours, double? verifyHours, bool workingTime,
        bool active, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var category = await db.MatterCategories.FirstOrDefaultAsync(c => c.Code == code, ct);
        if (category is null)
        {
            return NotFound();
        }
        if (respondHours is not > 0 || resolveHours is not > 0 || verifyHours is not > 0 || respondHours > resolveHours)
        {
            Error = Tr.T("Deadlines are positive hours, and the response comes before the resolution");
            await LoadAsync(ct);
            return Page();
        }
        category.RespondMinutes = (int)Math.Round(respondHours.Value * 60);
        category.ResolveMinutes = (int)Math.Round(resolveHours.Value * 60);
        category.VerifyMinutes = (int)Math.Round(verifyHours.Value * 60);
        category.WorkingTime = workingTime;
        category.Active = active;
        await db.SaveChangesAsync(ct);
        catalogue.Forget();
        return Redirect("/matters/categories");
    }

    public async Task<IActionResult> OnPostDayAsync(DateOnly? date, string? name, bool isWorkday, bool remove, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        if (date is null || (!remove && string.IsNullOrWhiteSpace(name)))
        {
            Error = Tr.T("Give the date and its name");
            await LoadAsync(ct);
            return Page();
        }
        var existing = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == date, ct);
        if (existing is not null)
        {
            db.CalendarDays.Remove(existing);
        }
        if (!remove)
        {
            db.CalendarDays.Add(new CalendarDay { Date = date.Value, Name = name!.Trim(), IsWorkday = isWorkday });
        }
        await db.SaveChangesAsync(ct);
        catalogue.Forget();
        return Redirect("/matters/categories");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Categories = await db.MatterCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        Days = await db.CalendarDays.AsNoTracking().OrderBy(d => d.Date).ToListAsync(ct);
    }
}
