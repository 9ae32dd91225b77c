using Huying.Modules.Matters;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Huying.Platform.Background;
using Huying.Platform.Notifications;

namespace Huying.Modules.Projects;

/// <summary>
/// Tells a unit and its community, in the app, when a milestone of a project under way passes its date: one notice
/// per milestone. Safe with several instances: a milestone is claimed by a conditional update before its notice is
/// written, in one transaction, so only one instance writes it.
/// </summary>
public sealed class MilestoneSweeper(HuyingContextFactory contexts, TimeProvider clock, IConfiguration configuration, ILogger<MilestoneSweeper> log)
    : PeriodicWork(clock, log, configuration, "Projects:SweepSeconds", 300)
{
    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    /// <summary>One pass; returns how many notices it wrote.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(now));
        var written = 0;
        await using var db = contexts.Create(DataScope.System);
        db.AuditChanges = false;
        var late = await db.Milestones.AsNoTracking()
            .Where(m => m.DoneOn == null && m.DueOn < today && m.LateNoticeAt == null && m.Project!.Status != ProjectStatus.Accepted)
            .OrderBy(m => m.DueOn).ThenBy(m => m.Id).Take(1000)
            .Select(m => new { m.Id, m.ProjectId, m.Title, m.CommunityCode, m.PartnerUnitId, Project = m.Project!.Title, m.DueOn })
            .ToListAsync(ct);
        foreach (var m in late)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Milestones.Where(x => x.Id == m.Id && x.LateNoticeAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LateNoticeAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }
            db.Notifications.Add(new Notification
            {
                CreatedAt = now, SubjectType = nameof(Project), SubjectId = m.ProjectId, Link = $"/projects/{m.ProjectId}", Kind = "Milestone late", Subject = $"{m.Project}：{m.Title}（{m.DueOn:yyyy-MM-dd}）",
                CommunityCode = m.CommunityCode, UnitId = m.PartnerUnitId, Audience = Audience.Handler, Channel = NotificationChannel.InApp, DeliveredAt = now,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            written++;
        }
        return written;
    }
}
