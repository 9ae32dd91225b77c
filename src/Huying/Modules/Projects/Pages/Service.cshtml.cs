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
public sealed class ServiceModel(HuyingDbContext db, ProjectsService service) : ProjectsPage(db)
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

    public async Task<IActionResult> OnPostAsync(string action, CancellationToken ct)
    {
        await LoadAsync(ct);
        var staffOnly = action is "member" or "task" or "hours";
        if (staffOnly && !User.Holds(Policies.CommunityStaff) || action == "reveal" && !User.Holds(Policies.RevealPersonalData))
        {
            return Forbid();
        }
        var pickedTask = action == "pick" ? Tasks.FirstOrDefault(t => t.Id == Input.TaskId) : null;
        var record = action == "hours" ? await Db.ServiceRecords.FirstOrDefaultAsync(r => r.Id == Input.RecordId, ct) : null;
        if (action == "pick" && pickedTask is null || action == "hours" && record is null)
        {
            return NotFound();
        }
        if (action == "reveal")
        {
            var member = Members.FirstOrDefault(m => m.Id == Input.MemberId);
            if (member is null)
            {
                return NotFound();
            }
            if (await TryAsync(async () => Revealed = (member.Id, await service.RevealMemberPhoneAsync(member, Input.Reason, ct))))
            {
                return Page();
            }
            await LoadAsync(ct);
            return Page();
        }
        if (await TryAsync(async () =>
            {
                switch (action)
                {
                    case "report":
                        var (errors, member) = await service.ReportAsync(null, null, null, null, User, ct);
                        _ = member ?? throw new FieldException(errors);
                        break;
                    case "member":
                        var (memberErrors, added) = await service.ReportAsync(Community, Input.UnitId, Input.Name, Input.Phone, User, ct);
                        _ = added ?? throw new FieldException(memberErrors);
                        break;
                    case "task":
                        var (taskErrors, task) = await service.AddTaskAsync(Community, Input.Title, Input.Kind, null, null, Input.On, Input.Place, Input.Places, ct);
                        _ = task ?? throw new FieldException(taskErrors);
                        break;
                    case "pick":
                        await service.SignUpAsync(pickedTask!, User, ct);
                        break;
                    case "hours":
                        await service.RecordServiceAsync(record!, Input.Hours, null, null, ct);
                        break;
                    default:
                        throw new NotAllowedException("Your role cannot do this");
                }
            }))
        {
            return Redirect($"/projects/service{(Community is null ? "" : "?community=" + Community)}");
        }
        await LoadAsync(ct);
        return Page();
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
            UnitNames = await Db.PartnerUnits.AsNoTracking().IgnoreQueryFilters().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        }
    }
}
