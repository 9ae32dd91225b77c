using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Matters.Pages;

/// <summary>One matter: facts, deadlines, the actions the user's role may take now, timeline, supervision and duplicates.</summary>
[RequestSizeLimit(42 * 1024 * 1024)]
public sealed class DetailModel(MattersService matters, MatterCatalogue catalogue, HuyingDbContext db, FileStore files,
    TimeProvider clock) : PageModel
{
    public sealed class ActForm
    {
        public string? Note { get; set; }
        public string? Reason { get; set; }
        public long? UnitId { get; set; }
        public DateTime? DueAt { get; set; }
        public long? IntoId { get; set; }
        public long? GridId { get; set; }
        public string? Rating { get; set; }
    }

    [BindProperty]
    public ActForm Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    [BindProperty]
    public string? RevealReason { get; set; }

    public Matter M { get; private set; } = null!;
    public string CategoryName { get; private set; } = "";
    public string CommunityName { get; private set; } = "";
    public string? GridName { get; private set; }
    public string? UnitName { get; private set; }
    public List<string> Actions { get; private set; } = [];
    public List<ExtensionRequest> Extensions { get; private set; } = [];
    public List<Supervision> Supervisions { get; private set; } = [];
    public List<(Matter Matter, double Similarity, bool SamePlace)> Duplicates { get; private set; } = [];
    public List<Attachment> Files { get; private set; } = [];
    public List<(long Id, string Name)> Units { get; private set; } = [];
    public List<(long Id, string Name)> GridChoices { get; private set; } = [];
    public string? Error { get; private set; }
    public string? RevealedPhone { get; private set; }
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, string action, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (action == "resolve" && Photos.Count > 0)
        {
            var (fileErrors, _) = await files.CheckAsync(Photos, "photos", ct);
            if (!fileErrors.IsEmpty)
            {
                ModelState.AddModelError(nameof(Photos), DictionaryLocalizer.Translate(fileErrors.All["photos"][0]));
                Error = DictionaryLocalizer.Translate(fileErrors.All["photos"][0]);
                return Page();
            }
        }
        try
        {
            await matters.ActAsync(M, action, new MatterActionInput(Input.Note, Input.Reason, Input.UnitId, Input.Rating, Input.DueAt,
                Input.IntoId, Input.GridId, Input.Note), User, ct);
        }
        catch (Exception e) when (e is RuleViolationException or NotAllowedException)
        {
            Error = DictionaryLocalizer.Translate(e.Message);
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            Error = Tr.T("Someone else acted on this matter first");
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        if (Photos.Count > 0)
        {
            await files.SaveAsync(db, nameof(Matter), M.Id, Photos, "photos", ct);
        }
        return Redirect($"/matters/{id}");
    }

    public async Task<IActionResult> OnPostRevealAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!User.Holds(Policies.RevealPersonalData))
        {
            return Forbid();
        }
        if (string.IsNullOrWhiteSpace(RevealReason))
        {
            ModelState.AddModelError(nameof(RevealReason), Tr.T("Give the reason for revealing"));
            return Page();
        }
        RevealedPhone = await matters.RevealPhoneAsync(M, RevealReason, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var m = await matters.FindAsync(id, ct);
        if (m is null)
        {
            return false;
        }
        M = m;
        var snapshot = await catalogue.GetAsync(ct);
        CategoryName = snapshot.Find(m.CategoryCode)?.NameIn(Tr.IsChinese) ?? m.CategoryCode;
        CommunityName = (await catalogue.PlacesAsync(ct)).Communities.GetValueOrDefault(m.CommunityCode) ?? m.CommunityCode;
        GridName = m.GridId is { } g ? await db.Grids.IgnoreQueryFilters().Where(x => x.Id == g).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        UnitName = m.UnitId is { } u ? await db.PartnerUnits.IgnoreQueryFilters().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        Extensions = await matters.ExtensionsAsync(id, ct);
        Supervisions = await matters.SupervisionsAsync(id, ct);
        Files = await FileStore.OfAsync(db, nameof(Matter), id, ct);
        var pending = Extensions.Any(x => x.Status == ExtensionStatus.Pending);
        Actions = [.. MattersService.ActionsFor(User).Where(a => MattersService.Offers(m, a, pending))];
        if (!User.IsInRole(Roles.CommunitySecretary) && pending)
        {
            Actions.Remove("extend");
        }
        // Grid workers see possible duplicates too (they record matters on visits); staff merge them.
        if (User.Holds(Policies.Staff) && m.IsOpen)
        {
            Duplicates = await matters.DuplicatesAsync(m, ct);
        }
        if (User.Holds(Policies.CommunityStaff))
        {
            Units = [.. (await db.PartnerUnits.AsNoTracking().Where(x => x.Communities.Any(l => l.CommunityCode == m.CommunityCode))
                .OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name))];
            GridChoices = [.. (await db.Grids.AsNoTracking().Where(x => x.CommunityCode == m.CommunityCode).OrderBy(x => x.Id)
                .Select(x => new { x.Id, x.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name))];
        }
        return true;
    }
}
