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
[RequestSizeLimit(FileStore.MaxRequestBytes)]
public sealed class DetailModel(MattersService matters, MatterActions actions, MatterCatalogue catalogue, HuyingDbContext db, FileStore files,
    TimeProvider clock) : ActionPage
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
        public List<IFormFile> Photos { get; set; } = [];
    }

    [BindProperty]
    public ActForm Input { get; set; } = new();

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
    public List<Duplicate> Duplicates { get; private set; } = [];
    public List<Attachment> Files { get; private set; } = [];
    public List<(long Id, string Name)> Units { get; private set; } = [];
    /// <summary>Units that resolved matters of this category in this community before, most first (派单 suggestions).</summary>
    public List<(long Id, int Handled)> Suggested { get; private set; } = [];
    /// <summary>What this reader is expected to do next; the page shows it as the one primary button.</summary>
    public string? Primary { get; private set; }
    public List<(long Id, string Name)> GridChoices { get; private set; } = [];
    public string? RevealedPhone { get; private set; }
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, string? action, string? returnUrl, CancellationToken ct)
    {
        // As the API: a role that can never take the action hears so before the matter is looked up.
        if (!MatterActions.MayEverTake(action, User))
        {
            return Forbid();
        }
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        return await ActAsync(async () =>
        {
            var (errors, _) = await files.CheckAsync(Input.Photos, "photos", ct);
            errors.ThrowIfAny();
            await actions.ActAsync(M, action, new MatterActionInput(Input.Note, Input.Reason, Input.UnitId, Input.Rating, Input.DueAt,
                Input.IntoId, Input.GridId, Input.Note), User, ct);
            if (Input.Photos.Count > 0)
            {
                await files.SaveAsync(db, nameof(Matter), M.Id, Input.Photos, "photos", ct);
            }
        }, () => Redirect(returnUrl == "/" ? "/" : $"/matters/{id}"), () => LoadAsync(id, ct));
    }

    [Requires(Policies.RevealPersonalData)]
    public async Task<IActionResult> OnPostRevealAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        return await ActAsync(async () => RevealedPhone = await matters.RevealPhoneAsync(M, RevealReason, ct), Page, () => Task.CompletedTask, prefix: null);
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
        var names = HttpContext.RequestServices.GetRequiredService<PlaceNames>();
        GridName = await names.GridAsync(m.GridId, ct);
        UnitName = await names.UnitAsync(m.UnitId, ct);
        Extensions = await matters.ExtensionsAsync(id, ct);
        Supervisions = await matters.SupervisionsAsync(id, ct);
        Files = await FileStore.OfAsync(db, nameof(Matter), id, ct);
        Actions = [.. MatterActions.Offered(m, User).Select(MatterActions.NameOf)];
        Primary = MatterText.NextStep(m, Actions);
        // Grid workers see possible duplicates too (they record matters on visits); staff merge them.
        if (User.Holds(Policies.Staff) && m.IsOpen)
        {
            Duplicates = await matters.DuplicatesAsync(m, ct);
        }
        if (User.Holds(Policies.CommunityStaff))
        {
            Units = [.. (await db.PartnerUnits.AsNoTracking().Where(x => x.Communities.Any(l => l.CommunityCode == m.CommunityCode))
                .OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name))];
            var handled = await db.Matters.AsNoTracking()
                .Where(x => x.CommunityCode == m.CommunityCode && x.CategoryCode == m.CategoryCode && x.UnitId != null && x.WasResolved && x.Id != m.Id)
                .GroupBy(x => x.UnitId!.Value).Select(g => new { Unit = g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count).Take(3).ToListAsync(ct);
            Suggested = [.. handled.Where(h => Units.Any(u => u.Id == h.Unit)).Select(h => (h.Unit, h.Count))];
            GridChoices = [.. (await db.Grids.AsNoTracking().Where(x => x.CommunityCode == m.CommunityCode).OrderBy(x => x.Id)
                .Select(x => new { x.Id, x.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name))];
        }
        return true;
    }
}
