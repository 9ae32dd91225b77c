using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters.Pages;

/// <summary>The category catalogue with its deadlines, and the holiday calendar working-time deadlines skip.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CategoriesModel(HuyingDbContext db, MatterCatalogue catalogue) : ActionPage
{
    public List<MatterCategory> Categories { get; private set; } = [];
    public bool CanEdit => User.Holds(Policies.Admin);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [Requires(Policies.Admin)]
    public Task<IActionResult> OnPostAsync(string code, double? respondHours, double? resolveHours, double? verifyHours, bool workingTime,
        bool active, CancellationToken ct) =>
        ActAsync(() => catalogue.UpdateAsync(db, code, new CategoryDeadlines(respondHours, resolveHours, verifyHours, workingTime), active, ct),
            () => Redirect("/matters/categories"), () => LoadAsync(ct), prefix: null);

    /// <summary>A new category (or sub-category) of the tree; its code becomes its Open311 service code.</summary>
    [Requires(Policies.Admin)]
    public Task<IActionResult> OnPostAddAsync(string? newCode, string? parentCode, string? name, string? nameEn, double? respondHours,
        double? resolveHours, double? verifyHours, bool workingTime, CancellationToken ct) =>
        ActAsync(() => catalogue.AddAsync(db, new CategoryInput(newCode, parentCode, name, nameEn,
                new CategoryDeadlines(respondHours, resolveHours, verifyHours, workingTime)), ct),
            () => Redirect("/matters/categories"), () => LoadAsync(ct), prefix: null);

    private async Task LoadAsync(CancellationToken ct) =>
        Categories = await db.MatterCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
}
