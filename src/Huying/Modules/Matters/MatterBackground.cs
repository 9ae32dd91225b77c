using System.Threading.Channels;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>
/// Saves intakes. Requests that arrive together share one transaction (one commit, one audit-chain append), so
/// the intake keeps up with bursts; each caller is answered only after its transaction committed.
/// </summary>
public sealed class MatterIntake(HuyingContextFactory contexts, ILogger<MatterIntake> log) : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<(Matter Matter, TaskCompletionSource Done)> queue =
        Channel.CreateUnbounded<(Matter, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    public Task SubmitAsync(Matter matter, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((matter, done)))
        {
            throw new InvalidOperationException("The intake is shutting down");
        }
        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(Matter Matter, TaskCompletionSource Done)>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Whatever was accepted into the queue is still written before the app stops.
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(List<(Matter Matter, TaskCompletionSource Done)> batch)
    {
        try
        {
            await SaveAsync([.. batch.Select(b => b.Matter)]);
            batch.ForEach(b => b.Done.TrySetResult());
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One bad row must not fail the others: save them one by one.
            foreach (var item in batch)
            {
                await WriteAsync([item]);
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "Intake of {TrackingCode} failed", batch[0].Matter.TrackingCode);
            batch[0].Done.TrySetException(e);
        }
    }

    /// <summary>
    /// One transaction for the batch: the rows go in through prepared statements (EF's per-row tracking would cost
    /// more than the inserts), then the audit lines (naming each submitter) and the KPI rollups, then one commit.
    /// </summary>
    private async Task SaveAsync(IReadOnlyList<Matter> matters)
    {
        await using var db = contexts.Create(DataScope.System);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using (var insertMatter = RawInserter<Matter>.Create(db))
        await using (var insertEvent = RawInserter<MatterEvent>.Create(db))
        await using (var insertNotification = RawInserter<Notification>.Create(db))
        {
            foreach (var m in matters)
            {
                await insertMatter.InsertAsync(m, CancellationToken.None);
                foreach (var e in m.Events)
                {
                    e.MatterId = m.Id;
                    await insertEvent.InsertAsync(e, CancellationToken.None);
                }
                foreach (var n in m.Outbox)
                {
                    n.MatterId = m.Id;
                    await insertNotification.InsertAsync(n, CancellationToken.None);
                }
                db.Audit("create", nameof(Matter), m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, m.ActedBy);
            }
        }
        await MatterRollups.AddAsync(db, matters, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}

/// <summary>Background work that runs a pass, pauses, and runs again; a failed pass is logged and the next one still runs.</summary>
public abstract class PeriodicWork(TimeProvider clock, ILogger log, TimeSpan pause) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "{Work} pass failed", GetType().Name);
            }
            await Task.Delay(pause, clock, stoppingToken);
        }
    }
}

/// <summary>Sends a text message; replace the logging sender with an SMS gateway adapter in production.</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

public sealed class LoggingSmsSender(ILogger<LoggingSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        log.LogInformation("SMS to {Phone}: {Text}", PersonalData.MaskPhone(phone), text);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Delivers the text messages of the outbox; a failed delivery is retried with growing pauses. Runs in every
/// instance: a row is claimed by moving its next attempt forward before sending, so two instances do not both send it.
/// </summary>
public sealed class NotificationDispatcher(HuyingContextFactory contexts, ISmsSender sender, PersonalData personal, TimeProvider clock,
    ILogger<NotificationDispatcher> log, IConfiguration configuration)
    : PeriodicWork(clock, log, TimeSpan.FromSeconds(configuration.GetValue("Matters:DispatchSeconds", 10)))
{
    public const int MaxAttempts = 8;

    protected override Task RunOnceAsync(CancellationToken ct) => DeliverAsync(ct);

    public async Task<int> DeliverAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        await using var db = contexts.Create(DataScope.System);
        var due = await db.Notifications.Where(n => n.Channel == NotificationChannel.Sms && n.DeliveredAt == null
                && n.Attempts < MaxAttempts && n.NextAttemptAt <= now)
            .OrderBy(n => n.Id).Take(100).Select(n => n.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            // Claim: only the instance whose update matched the old attempt count sends it.
            var lease = now.AddMinutes(5);
            var claimed = await db.Notifications.Where(n => n.Id == id && n.DeliveredAt == null && n.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, lease), ct);
            if (claimed == 0)
            {
                continue;
            }
            var n = await db.Notifications.AsNoTracking().FirstAsync(x => x.Id == id, ct);
            try
            {
                var phone = personal.Reveal(n.PhoneCipher) ?? throw new InvalidOperationException("No phone");
                await sender.SendAsync(phone, $"【呼应】{(Platform.Localization.Chinese.Strings.TryGetValue(n.Kind, out var zh) ? zh : n.Kind)}：{n.Subject}", ct);
                await db.Notifications.Where(x => x.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.DeliveredAt, now).SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var retryAt = now.AddMinutes(Math.Pow(2, n.Attempts));
                var error = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                await db.Notifications.Where(x => x.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.NextAttemptAt, retryAt)
                    .SetProperty(x => x.LastError, error), ct);
            }
        }
        return sent;
    }
}

/// <summary>
/// Deadline work: cards (黄牌 before a deadline, 红牌 after), a supervision notice (督办) to the handler when overdue,
/// escalation to the next level after the configured delay, and closing verified matters whose rating window
/// passed. Safe with several instances: each notice is unique per matter, kind and deadline in the database.
/// </summary>
public sealed class DeadlineSweeper(HuyingContextFactory contexts, TimeProvider clock, IConfiguration configuration, ILogger<DeadlineSweeper> log)
    : PeriodicWork(clock, log, TimeSpan.FromSeconds(configuration.GetValue("Matters:SweepSeconds", 60)))
{
    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    private TimeSpan EscalationDelay => TimeSpan.FromHours(configuration.GetValue("Matters:EscalateAfterHours", 24.0));

    /// <summary>One pass; returns how many notices it wrote.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        var written = 0;
        await using var db = contexts.Create(DataScope.System);

        var escalateBefore = now - EscalationDelay;
        // Only the matters owed a notice now are read, in the order they fell due: the work of a pass is the
        // notices it writes, however many matters there are.
        while (true)
        {
            var batch = await db.Matters.AsNoTracking().Where(m => m.NextNoticeAt != null && m.NextNoticeAt <= now && m.DueAt != null)
                .OrderBy(m => m.NextNoticeAt).ThenBy(m => m.Id).Take(200).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            written += await WriteAsync(db, batch, now, escalateBefore, ct);
            db.ChangeTracker.Clear();
            foreach (var m in batch)
            {
                // The next notice: the 督办 at the deadline, the escalation after the delay, then none. Only if the
                // matter still has that deadline: a step taken meanwhile set its own.
                var due = m.DueAt!.Value;
                DateTime? next = KindOf(due, now, escalateBefore) switch
                {
                    SupervisionKind.Warning => due,
                    SupervisionKind.Overdue => due + EscalationDelay,
                    _ => null,
                };
                var owed = m.NextNoticeAt;
                await db.Matters.Where(x => x.Id == m.Id && x.DueAt == due && x.NextNoticeAt == owed)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.NextNoticeAt, next), ct);
            }
        }

        var expired = await db.Matters.Where(m => m.State == MatterState.Verified && m.RateUntil != null && m.RateUntil < now)
            .OrderBy(m => m.RateUntil).Take(500).ToListAsync(ct);
        foreach (var m in expired)
        {
            try
            {
                var from = m.State;
                m.CloseUnrated(now);
                m.Version++;
                db.MatterEvents.Add(MattersService.NewEvent(m, "close", from, "System", null, null, now));
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone rated it at this moment; theirs stands.
                db.ChangeTracker.Clear();
            }
        }
        return written;
    }

    /// <summary>
    /// Writes the notice each matter is due for, a batch in one transaction; when another instance wrote some of
    /// them first (the unique index refuses the batch), the batch is written one by one and those are skipped.
    /// </summary>
    private async Task<int> WriteAsync(HuyingDbContext db, List<Matter> batch, DateTime now, DateTime escalateBefore, CancellationToken ct)
    {
        foreach (var m in batch)
        {
            Add(db, m, now, escalateBefore);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return batch.Count;
        }
        catch (DbUpdateException) when (batch.Count > 1)
        {
            db.ChangeTracker.Clear();
            var written = 0;
            foreach (var m in batch)
            {
                written += await WriteAsync(db, [m], now, escalateBefore, ct);
            }
            return written;
        }
        catch (DbUpdateException e)
        {
            log.LogDebug(e, "Notice for matter {Matter} already written", batch[0].Id);
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>Before the deadline a warning, from it the 督办, after the delay the escalation.</summary>
    private static SupervisionKind KindOf(DateTime due, DateTime now, DateTime escalateBefore) =>
        due <= escalateBefore ? SupervisionKind.Escalation : due <= now ? SupervisionKind.Overdue : SupervisionKind.Warning;

    private static void Add(HuyingDbContext db, Matter m, DateTime now, DateTime escalateBefore)
    {
        var due = m.DueAt!.Value;
        var kind = KindOf(due, now, escalateBefore);
        var addressedTo = kind == SupervisionKind.Escalation
            ? m.Handler == HandlerLevel.Grid ? "Community" : "Town"
            : m.Handler.ToString();
        var supervision = MattersService.NewSupervision(m, kind, now, addressedTo);
        supervision.DueAt = due;
        db.Supervisions.Add(supervision);
        var (text, audience) = kind switch
        {
            SupervisionKind.Warning => ("Deadline near (yellow card)", Audience.Handler),
            SupervisionKind.Overdue => ("Overdue: supervision notice (red card)", Audience.Handler),
            _ => ("Overdue matter escalated to you", Audience.Supervisor),
        };
        var notice = MattersService.NewNotification(m, text, m.TrackingCode, audience, gridLevel: audience == Audience.Handler && m.Handler == HandlerLevel.Grid, now);
        notice.MatterId = m.Id;
        db.Notifications.Add(notice);
    }
}
