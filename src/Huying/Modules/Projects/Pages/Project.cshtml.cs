using Huying.Modules.Matters;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects.Pages;

/// <summary>One project: its needs and units, milestones with late marks, progress updates with photos, acceptance and commendations.</summary>
[Authorize(Policy = Policies.StaffOrUnit)]
[RequestSizeLimit(42 * 1024 * 1024)]
public sealed class ProjectModel(HuyingDbContext db, ProjectsService service) : ProjectsPage(db)
{
    public sealed class ProjectForm
    {
        public string? Title { get; set; }
        public DateOnly? DueOn { get; set; }
        public long? UnitId { get; set; }
        public decimal? Budget { get; set; }
        public int? Workers { get; set; }
        public string? Materials { get; set; }
        public string? Text { get; set; }
        public long? MilestoneId { get; set; }
        public string? Residents { get; set; }
        public string? Note { get; set; }
        public string? Reason { get; set; }
        public string? Kind { get; set; } = "Banner";
        public string? From { get; set; }
        public string? Words { get; set; }
    }

    [BindProperty]
    public ProjectForm Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public Project P { get; private set; } = null!;
    public List<Milestone> Milestones { get; private set; } = [];
    public List<ProgressUpdate> Updates { get; private set; } = [];
    public ILookup<long, long> Photo { get; private set; } = Array.Empty<(long, long)>().ToLookup(x => x.Item1, x => x.Item2);
    public List<Need> Needs { get; private set; } = [];
    public List<Commendation> Commendations { get; private set; } = [];
    public WorkCalendar Calendar { get; private set; } = WorkCalendar.Plain;
    public DateOnly Today { get; private set; }
    public long? OwnUnit { get; private set; }
    public bool CanWork { get; private set; }
    public string? MeetingTitle { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, string action, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var ok = await TryAsync(() => action switch
        {
            "plan" => PlanAsync(ct),
            "done" => service.CompleteAsync(P, Input.MilestoneId ?? 0, null, User, ct),
            "replan" => service.ReplanAsync(P, Input.MilestoneId ?? 0, new MilestoneInput(Input.Title, Input.DueOn, null, Input.Budget, Input.Workers, Input.Materials), User, ct),
            "update" => service.PostUpdateAsync(P, Input.Text, Input.MilestoneId, Photos, User, ct),
            "request" => service.RequestAcceptanceAsync(P, User, ct),
            "accept" => service.AcceptAsync(P, new AcceptanceInput(Input.Residents, Input.Note, null), User, ct),
            "sendback" => service.SendBackAsync(P, Input.Reason, User, ct),
            "commend" => service.CommendAsync(P, new CommendationInput(Input.Kind, Input.From, Input.Words, Input.UnitId, null), ct),
            _ => throw new RuleViolationException("Unknown action"),
        });
        if (ok)
        {
            return Redirect($"/projects/{id}");
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task PlanAsync(CancellationToken ct)
    {
        var (errors, _) = await service.PlanAsync(P, new MilestoneInput(Input.Title, Input.DueOn, Input.UnitId, Input.Budget, Input.Workers, Input.Materials), User, ct);
        if (!errors.IsEmpty)
        {
            throw new FieldException(errors);
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var project = await service.ProjectAsync(id, ct);
        if (project is null)
        {
            return false;
        }
        P = project;
        Community = project.CommunityCode;
        await LoadScopeAsync(ct);
        Milestones = await service.MilestonesAsync(id, ct);
        Updates = await Db.ProgressUpdates.AsNoTracking().Where(u => u.ProjectId == id).OrderByDescending(u => u.At).ThenByDescending(u => u.Id).ToListAsync(ct);
        var updateIds = Updates.Select(u => u.Id).ToList();
        Photo = (await Db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(ProgressUpdate) && updateIds.Contains(a.OwnerId))
            .Select(a => new { a.OwnerId, a.Id }).ToListAsync(ct)).ToLookup(a => a.OwnerId, a => a.Id);
        var needIds = project.Needs.Select(n => n.NeedId).ToList();
        Needs = await Db.Needs.AsNoTracking().IgnoreQueryFilters().Where(n => needIds.Contains(n.Id)).ToListAsync(ct);
        Commendations = await Db.Commendations.AsNoTracking().Where(c => c.ProjectId == id).OrderBy(c => c.ReceivedOn).ToListAsync(ct);
        MeetingTitle = project.MeetingId is { } mid ? await Db.JointMeetings.AsNoTracking().IgnoreQueryFilters().Where(m => m.Id == mid).Select(m => m.Title).FirstOrDefaultAsync(ct) : null;
        Calendar = await service.CalendarAsync(ct);
        Today = service.Today;
        OwnUnit = User.IsInRole(Roles.UnitLiaison) && long.TryParse(User.FindFirst(ScopeClaims.Unit)?.Value, out var unit) ? unit : null;
        CanWork = (OwnUnit is not null || User.Holds(Policies.CommunityStaff)) && project.Status is ProjectStatus.Planned or ProjectStatus.InProgress;
        return true;
    }

    public string UnitName(long? id) => id is { } u && UnitNames.TryGetValue(u, out var name) ? name : "";
}
