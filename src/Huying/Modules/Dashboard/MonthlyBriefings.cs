using Huying.Modules.Organisation;
using Huying.Platform.Audit;
using Huying.Platform.Background;
using Huying.Platform.Data;
using Huying.Platform.Notifications;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Dashboard;

/// <summary>
/// The monthly draft: from the 1st of each month, last month's briefing of every division configured under
/// <c>Briefings:Monthly</c> (division code → the user names it goes to, comma separated) is drafted once and its
/// recipients are told in the app. A pass that finds the month's draft there already does nothing, so a server that
/// was down on the 1st catches up on its next pass, and two instances draft it once (the second finds the first's).
/// </summary>
public sealed class MonthlyBriefings(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<MonthlyBriefings> log)
    : PeriodicWork(clock, log, configuration, "Briefings:SweepSeconds", 3600)
{
    protected override Task RunOnceAsync(CancellationToken ct) => DraftAsync(ct);

    /// <summary>One pass; returns the drafts it wrote.</summary>
    public async Task<int> DraftAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        var today = DateOnly.FromDateTime(Display.Local(now));
        var to = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var from = new DateOnly(to.Year, to.Month, 1);
        var written = 0;
        foreach (var recipients in Configuration.GetSection("Briefings:Monthly").GetChildren())
        {
            var division = recipients.Key;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HuyingDbContext>();
            if (await db.BriefingIssues.AnyAsync(i => i.Division == division && i.From == from && i.To == to && i.Scheduled, ct))
            {
                continue;
            }
            var issues = scope.ServiceProvider.GetRequiredService<BriefingIssues>();
            if (await issues.DraftAsync(new BriefingDraftInput(division, from, to), scheduled: true, "呼应（每月自动生成）", ct) is not { } issue)
            {
                log.LogWarning("Briefings:Monthly names {Division}, which has no community", division);
                continue;
            }
            var names = (recipients.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var users = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).Select(u => u.Id).ToListAsync(ct);
            var community = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).OrderBy(c => c.Code).Select(c => c.Code).FirstAsync(ct);
            foreach (var user in users)
            {
                db.Notifications.Add(new Notification
                {
                    CreatedAt = now, SubjectType = nameof(BriefingIssue), SubjectId = issue.Id, Link = $"/briefing/issues/{issue.Id}", Kind = "Briefing drafted",
                    Subject = issue.Title, CommunityCode = community, ForUserId = user, Audience = Audience.Supervisor, Channel = NotificationChannel.InApp, DeliveredAt = now,
                });
            }
            await db.SaveChangesAsync(ct);
            written++;
        }
        return written;
    }
}
