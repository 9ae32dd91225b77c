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
public sealed class NeedModel(HuyingDbContext db, ProjectsService service, MatterCatalogue catalogue) : ProjectsPage(db)
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

    public async Task<IActionResult> OnPostAsync(long id, string action, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Project? adopted = null;
        var ok = await TryAsync(async () =>
        {
            switch (action)
            {
                case "offer" when User.Holds(Policies.CommunityStaff):
                    await service.OfferAsync(N, UnitIds, ct);
                    break;
                case "drop" when User.Holds(Policies.CommunityStaff):
                    await service.DropNeedAsync(N, Reason, ct);
                    break;
                case "adopt":
                    adopted = await service.AdoptAsync(N, User, ct);
                    break;
                default:
                    throw new NotAllowedException("Your role cannot do this");
            }
        }, prefix: null);
        if (ok)
        {
            return Redirect(adopted is null ? $"/projects/needs/{id}" : $"/projects/{adopted.Id}");
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var need = await service.NeedAsync(id, ct);
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
