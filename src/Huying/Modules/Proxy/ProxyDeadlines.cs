using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Background;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Notifications;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

public sealed record SupervisionInput(string? Note);

/// <summary>
/// The time limits watched like matters': one working day before a case's limit, a notice to whoever holds it (黄牌:
/// the community before it is forwarded, the office after); when the limit passes, a notice to the holder and one to
/// the supervisors (红牌: the community secretary and the town). Each is claimed by a conditional update before it is
/// written, in one transaction, so with several instances each is said once. The same pass purges the materials whose
/// retention has ended.
/// </summary>
public sealed class ProxyDeadlines(HuyingContextFactory contexts, IServiceScopeFactory scopes, FileStore files, TimeProvider clock, IConfiguration configuration, ILogger<ProxyDeadlines> log)
    : PeriodicWork(clock, log, configuration, "Proxy:SweepSeconds", 900)
{
    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await SweepAsync(ct);
        await using var db = contexts.Create(DataScope.System);
        await ProxyPurge.RunAsync(db, files, Clock, ct);
    }

    /// <summary>
    /// Due soon: a limit within one working day of now on the county's calendar (a Friday afternoon's case due on
    /// Monday is due soon) — the one rule of the lists, the home cards and the yellow card.
    /// </summary>
    public static DateTime DueSoonBy(WorkCalendar calendar, DateTime now) => calendar.Add(now, 24 * 60, workingTime: true);

    /// <summary>One pass over open cases; returns how many notices it wrote.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        await using var db = contexts.Create(DataScope.System);
        db.AuditChanges = false;
        using var scope = scopes.CreateScope();
        var soon = DueSoonBy(await scope.ServiceProvider.GetRequiredService<WorkCalendars>().GetAsync(ct), now);
        var due = await db.Set<ProxyApplication>().AsNoTracking()
            .Where(a => a.State < ProxyState.Granted && ((a.WarnedAt == null && a.DueAt <= soon) || (a.OverdueNoticeAt == null && a.DueAt < now)))
            .OrderBy(a => a.DueAt).ThenBy(a => a.Id).Take(1000)
            .Select(a => new { a.Id, a.DueAt, a.WarnedAt }).ToListAsync(ct);
        var written = 0;
        foreach (var c in due)
        {
            var overdue = c.DueAt < now;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = overdue
                ? await db.Set<ProxyApplication>().Where(a => a.Id == c.Id && a.OverdueNoticeAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.OverdueNoticeAt, now).SetProperty(a => a.WarnedAt, a => a.WarnedAt ?? now), ct)
                : await db.Set<ProxyApplication>().Where(a => a.Id == c.Id && a.WarnedAt == null).ExecuteUpdateAsync(u => u.SetProperty(a => a.WarnedAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }
            var a = await db.Set<ProxyApplication>().AsNoTracking().Include(x => x.Service).FirstAsync(x => x.Id == c.Id, ct);
            ProxyNotices.ToHolder(db, a, overdue ? "Case overdue (red card)" : "Case due soon (yellow card)", now);
            if (overdue)
            {
                ProxyNotices.ToSupervisors(db, a, now);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            written++;
        }
        return written;
    }
}

/// <summary>The community secretary supervises (督办) an open case: a step among the handlers and a notice to whoever holds it.</summary>
public sealed class ProxySupervision(HuyingDbContext db, CurrentUser user, TimeProvider clock)
{
    public async Task<ProxyApplication> SuperviseAsync(ProxyApplication application, SupervisionInput input, CancellationToken ct)
    {
        user.Require(Policies.CommunitySecretary, "Only the community secretary supervises a case");
        var note = input.Note?.Trim() is { Length: > 0 } n ? n : null;
        new FieldErrors().Add("note", note?.Length > 200 ? new Message("Keep it under {0} characters", 200) : (Message?)null).ThrowIfAny();
        if (application.Finished)
        {
            throw new RuleViolationException("Only an open case is supervised");
        }
        var now = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        if (application.SupervisedAt is { } last && Display.Local(last).Date == Display.Local(now).Date)
        {
            throw new RuleViolationException("This case was supervised today");
        }
        application.SupervisedAt = now;
        application.UpdatedAt = now;
        db.Set<ProxyStep>().Add(new ProxyStep
        {
            Application = application, CommunityCode = application.CommunityCode, At = now, State = application.State, Internal = true,
            By = user.Principal?.DisplayName() is { Length: > 0 } name ? name : user.Principal?.Identity?.Name ?? "",
            Note = note is null ? "督办" : $"督办：{note}",
        });
        ProxyNotices.ToHolder(db, application, "Supervision notice", now, note);
        await db.SaveChangesAsync(ct);
        return application;
    }
}

/// <summary>In-app notices about a case: to whoever holds it now (the community's staff, or the office's liaisons once forwarded).</summary>
internal static class ProxyNotices
{
    public static bool AtOffice(ProxyApplication a) => a.State is ProxyState.Forwarded or ProxyState.OfficeAccepted;

    public static void ToHolder(HuyingDbContext db, ProxyApplication a, string kind, DateTime now, string? note = null) =>
        db.Notifications.Add(Notice(a, kind, now, AtOffice(a) ? a.OfficeUnitId : null, Audience.Handler, note));

    /// <summary>The community's secretary and the town see an overdue case (the office's notice goes to the office alone).</summary>
    public static void ToSupervisors(HuyingDbContext db, ProxyApplication a, DateTime now) =>
        db.Notifications.Add(Notice(a, "Case overdue (red card)", now, null, Audience.Supervisor, null));

    private static Notification Notice(ProxyApplication a, string kind, DateTime now, long? unit, Audience audience, string? note)
    {
        var subject = $"{a.TrackingCode} {a.Service?.Name} {a.ApplicantName}{(note is null ? "" : "：" + note)}";
        return new Notification
        {
            CreatedAt = now, SubjectType = nameof(ProxyApplication), SubjectId = a.Id, Link = $"/proxy/{a.Id}", Kind = kind,
            Subject = subject.Length > 200 ? subject[..200] : subject, CommunityCode = a.CommunityCode, UnitId = unit, Audience = audience,
            Channel = NotificationChannel.InApp,
        };
    }
}
