using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects.Pages;

/// <summary>大党委联席会议: the meetings held, and convening the next with open needs on the agenda.</summary>
[Authorize(Policy = Policies.StaffOrUnit)]
public sealed class MeetingsModel(HuyingDbContext db, JointMeetingsService meetings) : ProjectsPage(db)
{
    public sealed class MeetingForm
    {
        public string? Title { get; set; }
        public DateTime? HeldAt { get; set; }
        public string? Venue { get; set; }
        public List<long> AgendaNeedIds { get; set; } = [];
    }

    [BindProperty]
    public MeetingForm Input { get; set; } = new();

    public List<JointMeeting> Meetings { get; private set; } = [];
    public Dictionary<long, int> Decisions { get; private set; } = [];
    public List<Need> OpenNeeds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        JointMeeting? meeting = null;
        return await ActAsync(async () => meeting = await meetings.ConveneAsync(new MeetingInput(Community, Input.Title, Input.HeldAt, Input.Venue, Input.AgendaNeedIds), ct),
            () => Redirect($"/projects/meetings/{meeting!.Id}"), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        Meetings = await meetings.MeetingsAsync(Community, ct);
        var ids = Meetings.Select(m => m.Id).ToList();
        Decisions = await Db.Projects.AsNoTracking().Where(p => p.MeetingId != null && ids.Contains(p.MeetingId.Value))
            .GroupBy(p => p.MeetingId!.Value).Select(g => new { g.Key, C = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.C, ct);
        if (User.Holds(Policies.CommunityStaff) && Community is not null)
        {
            OpenNeeds = await Db.Needs.AsNoTracking().Where(n => n.CommunityCode == Community && n.Status == NeedStatus.Open).OrderBy(n => n.CreatedAt).ToListAsync(ct);
            Input.Title ??= T("Joint meeting of the big committee");
        }
    }

    private static string T(string key) => Platform.Localization.Tr.T(key);
}
