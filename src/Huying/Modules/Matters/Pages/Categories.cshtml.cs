using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters.Pages;

/// <summary>The category catalogue with its deadlines, and the holiday calendar working-time deadlines skip.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CategoriesModel(HuyingDbContext db, MatterCatalogue catalogue) : PageModel
{
    public List<MatterCategory> Categories { get; private set; } = [];
    public List<CalendarDay> Days { get; private set; } = [];
    public bool CanEdit => User.Holds(Policies.Admin);
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

    /// <summary>A new category (or sub-category) of the tree; its code becomes its Open311 service code.</summary>
    public async Task<IActionResult> OnPostAddAsync(string? newCode, string? parentCode, string? name, string? nameEn, double? respondHours,
        double? resolveHours, double? verifyHours, bool workingTime, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var code = newCode?.Trim().ToLowerInvariant() ?? "";
        var parent = string.IsNullOrWhiteSpace(parentCode) ? null : parentCode.Trim();
        Error = !System.Text.RegularExpressions.Regex.IsMatch(code, "^[a-z][a-z0-9.-]{1,39}$") ? Tr.T("A code is 2 to 40 lower-case letters, digits, dots or dashes")
            : await db.MatterCategories.AnyAsync(c => c.Code == code, ct) ? Tr.T("That code is taken")
            : parent is not null && !await db.MatterCategories.AnyAsync(c => c.Code == parent, ct) ? Tr.T("The parent category does not exist")
            : string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(nameEn) || name.Length > 50 || nameEn.Length > 80 ? Tr.T("Give the name in Chinese and in English")
            : respondHours is not > 0 || resolveHours is not > 0 || verifyHours is not > 0 || respondHours > resolveHours
                ? Tr.T("Deadlines are positive hours, and the response comes before the resolution")
            : null;
        if (Error is not null)
        {
            await LoadAsync(ct);
            return Page();
        }
        db.MatterCategories.Add(new MatterCategory
        {
            Code = code, ParentCode = parent, Name = name!.Trim(), NameEn = nameEn!.Trim(), WorkingTime = workingTime,
            RespondMinutes = (int)Math.Round(respondHours!.Value * 60), ResolveMinutes = (int)Math.Round(resolveHours!.Value * 60),
            VerifyMinutes = (int)Math.Round(verifyHours!.Value * 60),
            SortOrder = (await db.MatterCategories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 10,
        });
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
