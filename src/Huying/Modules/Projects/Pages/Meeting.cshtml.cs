using Huying.Platform.Web;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects.Pages;

/// <summary>One joint meeting: attendance, minutes, the agenda's needs, and its decisions (projects).</summary>
[Authorize(Policy = Policies.StaffOrUnit)]
public sealed class MeetingModel(HuyingDbContext db, JointMeetingsService meetings) : ProjectsPage(db)
{
    public sealed class DecisionForm
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public List<long> NeedIds { get; set; } = [];
        public List<long> UnitIds { get; set; } = [];
    }

    [BindProperty]
    public DecisionForm Input { get; set; } = new();

    [BindProperty]
    public List<long> Present { get; set; } = [];

    [BindProperty]
    public string? Minutes { get; set; }

    [BindProperty]
    public string? Guest { get; set; }

    public JointMeeting M { get; private set; } = null!;
    public List<Need> Agenda { get; private set; } = [];
    public List<Project> Decided { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostRecordAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct)
            ? await ActAsync(() => meetings.RecordAsync(M, Present, Minutes, Guest is null ? null : [Guest], ct), () => Redirect($"/projects/meetings/{id}"),
                () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostDecideAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Project? project = null;
        return await ActAsync(async () => project = await meetings.DecideAsync(M, new DecisionInput(Input.Title, Input.Description, Input.NeedIds, Input.UnitIds, null), ct),
            () => Redirect($"/projects/{project!.Id}"), () => LoadAsync(id, ct));
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var meeting = await meetings.MeetingAsync(id, ct);
        if (meeting is null)
        {
            return false;
        }
        M = meeting;
        Community = meeting.CommunityCode;
        await LoadScopeAsync(ct);
        var agenda = meeting.AgendaNeedIds;
        Agenda = await Db.Needs.AsNoTracking().IgnoreQueryFilters().Where(n => agenda.Contains(n.Id)).OrderBy(n => n.Id).ToListAsync(ct);
        Decided = await Db.Projects.AsNoTracking().Include(p => p.Units).Where(p => p.MeetingId == id).OrderBy(p => p.Id).ToListAsync(ct);
        Minutes ??= meeting.Minutes;
        return true;
    }
}
