using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Matters.Pages;

/// <summary>A grid worker or staff records a matter found on a household visit (走访) or taken by phone, for a resident.</summary>
[Authorize(Policy = Platform.Accounts.Policies.Staff)]
[RequestSizeLimit(Platform.Files.FileStore.MaxRequestBytes)]
public sealed class NewModel(MatterIntake intake, MatterCatalogue catalogue, HuyingDbContext db) : ActionPage
{
    public sealed class MatterForm
    {
        public string? CommunityCode { get; set; }
        public string? CategoryCode { get; set; }
        public string? Description { get; set; }
        public long? BuildingId { get; set; }
        public string? Address { get; set; }
        public string? ReporterPhone { get; set; }
        public string? Channel { get; set; } = nameof(MatterChannel.Visit);
        public List<IFormFile> Photos { get; set; } = [];
    }

    [BindProperty]
    public MatterForm Input { get; set; } = new();

    public MatterCatalogue.Snapshot Catalogue { get; private set; } = null!;
    public List<(string Code, string Name)> Communities { get; private set; } = [];
    public List<(long Id, string Name, string Community)> Places { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Matter? matter = null;
        return await ActAsync(async () => matter = await intake.RaiseAsync(new MatterInput(Input.CategoryCode, Input.Description, Input.CommunityCode,
            Input.BuildingId, Input.Address, Input.ReporterPhone, Input.Channel), Input.Photos, User, ct),
            () => Redirect($"/matters/{matter!.Id}"), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Catalogue = await catalogue.GetAsync(ct);
        Communities = [.. (await db.Communities.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(ct)).Select(c => (c.Code, c.Name))];
        Input.CommunityCode ??= Communities.FirstOrDefault().Code;
        // Grid workers see their own grids' places only (the scope filter does it).
        Places = [.. (await db.Buildings.AsNoTracking().OrderBy(b => b.CommunityCode).ThenBy(b => b.Name)
            .Select(b => new { b.Id, b.Name, b.CommunityCode }).Take(2000).ToListAsync(ct)).Select(b => (b.Id, b.Name, b.CommunityCode))];
    }
}
