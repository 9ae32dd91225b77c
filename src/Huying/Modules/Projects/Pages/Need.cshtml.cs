using Huying.Modules.Matters;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects.Pages;

/// <summary>One need: where it came from (its matters), the units it is offered to, the projects answering it.</summary>
[Authorize(Policy = Policies.StaffOrUnit)]
public sealed class NeedModel(HuyingDbContext db, NeedsService needs, MatterCatalogue catalogue) : ProjectsPage(db)
{
    public Need N { get; private set; } = null!;
    public string CategoryName { get; private set; } = "";
    public List<(long Id, string Code, string Description, MatterState State, DateTime At)> Matters { get; private set; } = [];
    public List<(long Id, string Title, ProjectStatus Status, int Progress)> Projects { get; private set; } = [];
    public List<long> PhotoIds { get; private set; } = [];

    [BindProperty]
    public List<long> UnitIds { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostOfferAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, () => needs.OfferAsync(N, UnitIds, ct), ct);

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostDropAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, () => needs.DropAsync(N, Reason, ct), ct);

    [Requires(Policies.UnitLiaison)]
    public async Task<IActionResult> OnPostAdoptAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Project? adopted = null;
        return await ActAsync(async () => adopted = await needs.AdoptAsync(N, ct), () => Redirect($"/projects/{adopted!.Id}"), () => LoadAsync(id, ct), prefix: null);
    }

    private async Task<IActionResult> ChangeAsync(long id, Func<Task> change, CancellationToken ct) =>
        await LoadAsync(id, ct)
            ? await ActAsync(change, () => Redirect($"/projects/needs/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var need = await needs.NeedAsync(id, ct);
        if (need is null)
        {
            return false;
        }
        N = need;
        Community = need.CommunityCode;
        await LoadScopeAsync(ct);
        CategoryName = (await catalogue.GetAsync(ct)).Find(need.CategoryCode)?.NameIn(Platform.Localization.Tr.IsChinese) ?? need.CategoryCode;
        PhotoIds = await Db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(Need) && a.OwnerId == id).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var matterIds = need.MatterIds;
        Matters = [.. (await Db.Matters.AsNoTracking().Where(m => matterIds.Contains(m.Id)).OrderBy(m => m.SubmittedAt)
            .Select(m => new { m.Id, m.TrackingCode, m.Description, m.State, m.SubmittedAt }).ToListAsync(ct))
            .Select(m => (m.Id, m.TrackingCode, m.Description, m.State, m.SubmittedAt))];
        Projects = [.. (await Db.ProjectNeeds.AsNoTracking().Where(pn => pn.NeedId == id)
            .Join(Db.Projects.AsNoTracking(), pn => pn.ProjectId, p => p.Id, (pn, p) => new { p.Id, p.Title, p.Status, p.MilestonesDone, p.MilestoneCount })
            .ToListAsync(ct)).Select(p => (p.Id, p.Title, p.Status, Project.ProgressOf(p.MilestonesDone, p.MilestoneCount)))];
        return true;
    }
}
