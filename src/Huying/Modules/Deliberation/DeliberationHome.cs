using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Deliberation;

/// <summary>
/// Deliberation's card on the home page of community staff: the meetings of the coming week, meetings held whose
/// minutes are not written, and the topics raised that wait to be put on an agenda.
/// </summary>
public sealed class DeliberationHome(HuyingDbContext db, TimeProvider clock) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.Holds(Policies.CommunityStaff))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var week = now.AddDays(7);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => (m.HeldAt == null && m.ScheduledAt >= now.AddDays(-1) && m.ScheduledAt <= week) || (m.HeldAt != null && m.Minutes == null))
            .OrderBy(m => m.ScheduledAt).Take(5).Select(m => new { m.Id, m.Title, m.ScheduledAt, m.HeldAt }).ToListAsync(ct);
        var raised = await db.Topics.CountAsync(t => t.Stage == TopicStage.Raised, ct);
        return new HomeCard(25, "deliberation", Tr.T("Deliberation this week"),
            [.. meetings.Select(m => new HomeItem(m.Title, $"/deliberation/meetings/{m.Id}",
                m.HeldAt is null ? Display.Local(m.ScheduledAt).ToString("M-d HH:mm", CultureInfo.InvariantCulture) : Tr.T("Minutes to write"), Urgent: m.HeldAt is not null)),
             new HomeItem(Tr.T("Topics waiting for an agenda"), "/deliberation", raised.ToString(CultureInfo.CurrentCulture))],
            Tr.T("No meeting this week."), new HomeItem(Tr.T("Schedule a meeting"), "/deliberation#schedule-form"));
    }
}
