using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects.Pages;

/// <summary>
/// 在职党员进社区 (双报到): a member reports and picks tasks; staff add tasks and credit hours; the unit and the
/// community see who reported and what they did.
/// </summary>
[Authorize(Policy = ProjectPolicies.InService)]
public sealed class ServiceModel(HuyingDbContext db, InServiceService service) : ProjectsPage(db)
{
    public sealed class ServiceForm
    {
        public string? Name { get; set; }
        public long? UnitId { get; set; }
        public string? Phone { get; set; }
        public string? Title { get; set; }
        public string? Kind { get; set; } = nameof(ServiceTaskKind.Activity);
        public DateOnly? On { get; set; }
        public string? Place { get; set; }
        public int? Places { get; set; } = 5;
        public decimal? Hours { get; set; }
        public long? RecordId { get; set; }
        public long? TaskId { get; set; }
        public long? MemberId { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>A phone revealed on this response only (member id and number); never stored in clear.</summary>
    public (long Id, string? Phone)? Revealed { get; private set; }

    [BindProperty]
    public ServiceForm Input { get; set; } = new();

    public List<InServiceMember> Members { get; private set; } = [];
    public List<ServiceTask> Tasks { get; private set; } = [];
    public List<ServiceRecord> Records { get; private set; } = [];
    /// <summary>Places taken per task, counted over every member (a member sees only their own records).</summary>
    public Dictionary<long, int> Taken { get; private set; } = [];
    public InServiceMember? Me { get; private set; }
    public bool IsMember { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [Requires(Policies.PartyMember)]
    public Task<IActionResult> OnPostReportAsync(CancellationToken ct) => ChangeAsync(() => service.ReportSelfAsync(ct), ct);

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostMemberAsync(CancellationToken ct) =>
        ChangeAsync(() => service.RecordReportAsync(new MemberInput(Community, Input.UnitId, Input.Name, Input.Phone), ct), ct);

    [Requires(Policies.CommunityStaff)]
    public Task<IActionResult> OnPostTaskAsync(CancellationToken ct) =>
        ChangeAsync(() => service.AddTaskAsync(new TaskInput(Community, Input.Title, Input.Kind, null, null, Input.On, Input.Place, Input.Places), ct), ct);

    [Requires(Policies.PartyMember)]
    public async Task<IActionResult> OnPostPickAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Tasks.FirstOrDefault(t => t.Id == Input.TaskId) is { } task ? await ChangeAsync(() => service.SignUpAsync(task, ct), ct) : NotFound();
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostHoursAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return await Db.ServiceRecords.FirstOrDefaultAsync(r => r.Id == Input.RecordId, ct) is { } record
            ? await ChangeAsync(() => service.RecordAsync(record, new ServiceInput(Input.Hours, null, null), ct), ct)
            : NotFound();
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostRevealAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Members.FirstOrDefault(m => m.Id == Input.MemberId) is not { } member)
        {
            return NotFound();
        }
        return await ActAsync(async () => Revealed = (member.Id, await service.RevealPhoneAsync(member, Input.Reason, ct)), Page, () => LoadAsync(ct));
    }

    private async Task<IActionResult> ChangeAsync(Func<Task> change, CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        return await ActAsync(change, () => Redirect($"/projects/service{(Community is null ? "" : "?community=" + Community)}"), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        Today = service.Today;
        IsMember = User.IsInRole(Roles.PartyMember) && !User.Holds(Policies.CommunityStaff);
        Members = await Db.InServiceMembers.AsNoTracking().Where(m => Community == null || m.CommunityCode == Community).OrderByDescending(m => m.ReportedOn).Take(500).ToListAsync(ct);
        Me = IsMember ? Members.FirstOrDefault() : null;
        var community = Me?.CommunityCode ?? Community;
        Tasks = await Db.ServiceTasks.AsNoTracking().Where(t => community == null || t.CommunityCode == community).OrderByDescending(t => t.On).Take(100).ToListAsync(ct);
        Records = await Db.ServiceRecords.AsNoTracking().Where(r => community == null || r.CommunityCode == community).ToListAsync(ct);
        var taskIds = Tasks.Select(t => t.Id).ToList();
        Taken = await Db.ServiceRecords.IgnoreQueryFilters().AsNoTracking().Where(r => taskIds.Contains(r.TaskId))
            .GroupBy(r => r.TaskId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        if (UnitNames.Count == 0 || IsMember)
        {
            UnitNames = new Dictionary<long, string>(await HttpContext.RequestServices.GetRequiredService<PlaceNames>().UnitsAsync(ct));
        }
    }
}
