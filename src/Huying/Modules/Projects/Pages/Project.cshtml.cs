using Huying.Modules.Matters;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Huying.Platform.Calendar;

namespace Huying.Modules.Projects.Pages;

/// <summary>One project: its needs and units, milestones with late marks, progress updates with photos, acceptance and commendations.</summary>
[Authorize(Policy = Policies.StaffOrUnit)]
[RequestSizeLimit(FileStore.MaxRequestBytes)]
public sealed class ProjectModel(HuyingDbContext db, ProjectWorkService work, ProjectOutcomesService outcomes) : ProjectsPage(db)
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
        public List<IFormFile> Photos { get; set; } = [];
    }

    public sealed class OutcomeForm
    {
        public string? Kind { get; set; }
        public decimal? Value { get; set; }
        public string? Note { get; set; }
    }

    public sealed class UpkeepForm
    {
        public decimal? Funds { get; set; }
        public string? Team { get; set; }
        public string? Rules { get; set; }
    }

    [BindProperty]
    public ProjectForm Input { get; set; } = new();

    [BindProperty]
    public OutcomeForm Outcome { get; set; } = new();

    [BindProperty]
    public UpkeepForm Upkeep { get; set; } = new();

    public List<ProjectOutcome> Outcomes { get; private set; } = [];
    public List<UpkeepRule> Rules { get; private set; } = [];
    /// <summary>Its units and community staff record money, outcomes and upkeep at any stage.</summary>
    public bool CanRecord { get; private set; }

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

    private MilestoneInput Milestone(long? unitId) => new(Input.Title, Input.DueOn, unitId, Input.Budget, Input.Workers, Input.Materials);

    [Requires(ProjectPolicies.Work)]
    public Task<IActionResult> OnPostPlanAsync(long id, CancellationToken ct) => ChangeAsync(id, () => work.PlanAsync(P, Milestone(Input.UnitId), ct), ct);

    [Requires(ProjectPolicies.Work)]
    public Task<IActionResult> OnPostReplanAsync(long id, CancellationToken ct) => ChangeAsync(id, () => work.ReplanAsync(P, Input.MilestoneId ?? 0, Milestone(null), ct), ct);

    [Requires(ProjectPolicies.Work)]
    public Task<IActionResult> OnPostDoneAsync(long id, CancellationToken ct) => ChangeAsync(id, () => work.CompleteAsync(P, Input.MilestoneId ?? 0, null, ct), ct);

    [Requires(ProjectPolicies.Work)]
    public Task<IActionResult> OnPostUpdateAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, () => work.PostUpdateAsync(P, Input.Text, Input.MilestoneId, Input.Photos, ct), ct);

    [Requires(ProjectPolicies.Work)]
    public Task<IActionResult> OnPostRequestAsync(long id, CancellationToken ct) => ChangeAsync(id, () => work.RequestAcceptanceAsync(P, ct), ct);

    [Requires(Policies.CommunitySecretary)]
    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, () => work.AcceptAsync(P, new AcceptanceInput(Input.Residents, Input.Note, null), ct), ct);

    [Requires(Policies.CommunitySecretary)]
    public Task<IActionResult> OnPostSendBackAsync(long id, CancellationToken ct) => ChangeAsync(id, () => work.SendBackAsync(P, Input.Reason, ct), ct);

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostCommendAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, () => work.CommendAsync(P, new CommendationInput(Input.Kind, Input.From, Input.Words, Input.UnitId, null), ct), ct);

    [Requires(ProjectPolicies.Work)]
    public Task<IActionResult> OnPostOutcomeAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, () => outcomes.RecordOutcomeAsync(P, new OutcomeInput(Outcome.Kind, Outcome.Value, Outcome.Note, null), ct), ct, nameof(Outcome));

    [Requires(ProjectPolicies.Work)]
    public Task<IActionResult> OnPostUpkeepAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, () => outcomes.SetUpkeepAsync(P, new UpkeepInput(Upkeep.Funds, Upkeep.Team, Upkeep.Rules?.Split('\n')), ct), ct, nameof(Upkeep));

    private async Task<IActionResult> ChangeAsync(long id, Func<Task> change, CancellationToken ct, string prefix = "Input") =>
        await LoadAsync(id, ct) ? await ActAsync(change, () => Redirect($"/projects/{id}"), () => LoadAsync(id, ct), prefix) : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var project = await work.ProjectAsync(id, ct);
        if (project is null)
        {
            return false;
        }
        P = project;
        Community = project.CommunityCode;
        await LoadScopeAsync(ct);
        Milestones = await work.MilestonesAsync(id, ct);
        Updates = await Db.ProgressUpdates.AsNoTracking().Where(u => u.ProjectId == id).OrderByDescending(u => u.At).ThenByDescending(u => u.Id).ToListAsync(ct);
        var updateIds = Updates.Select(u => u.Id).ToList();
        Photo = await Platform.Files.FileStore.IdsByOwnerAsync(Db, nameof(ProgressUpdate), updateIds, ct);
        var needIds = project.Needs.Select(n => n.NeedId).ToList();
        Needs = await Db.Needs.AsNoTracking().IgnoreQueryFilters().Where(n => needIds.Contains(n.Id)).ToListAsync(ct);
        Commendations = await Db.Commendations.AsNoTracking().Where(c => c.ProjectId == id).OrderBy(c => c.ReceivedOn).ToListAsync(ct);
        MeetingTitle = project.MeetingId is { } mid ? await Db.JointMeetings.AsNoTracking().IgnoreQueryFilters().Where(m => m.Id == mid).Select(m => m.Title).FirstOrDefaultAsync(ct) : null;
        Calendar = await work.CalendarAsync(ct);
        Today = work.Today;
        OwnUnit = User.IsInRole(Roles.UnitLiaison) && long.TryParse(User.FindFirst(ScopeClaims.Unit)?.Value, out var unit) ? unit : null;
        CanRecord = OwnUnit is not null || User.Holds(Policies.CommunityStaff);
        CanWork = CanRecord && project.Status is ProjectStatus.Planned or ProjectStatus.InProgress;
        Outcomes = await outcomes.OutcomesAsync(id, ct);
        Rules = await outcomes.RulesAsync(id, ct);
        return true;
    }

    public string UnitName(long? id) => id is { } u && UnitNames.TryGetValue(u, out var name) ? name : "";
}
