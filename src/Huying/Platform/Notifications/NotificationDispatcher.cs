using Huying.Platform.Audit;
using Huying.Platform.Background;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Notifications;

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
    ILogger<NotificationDispatcher> log, IConfiguration configuration, Web.HuyingMetrics metrics)
    : PeriodicWork(clock, log, configuration, "Notifications:DispatchSeconds", 10)
{
    public const int MaxAttempts = 8;

    protected override Task RunOnceAsync(CancellationToken ct) => DeliverAsync(ct);

    /// <summary>The messages claimed and sent in one go; a pass goes on batch after batch while it finds full ones.</summary>
    public const int Batch = 100;

    /// <summary>
    /// The most a pass sends (<c>Notifications:PerPass</c>, 1,000 by default: 100 a second an instance at the default
    /// pause): a burst of intake backs up in the outbox and drains at a steady rate instead of taking the cores from
    /// the intake itself (a gateway limits its senders' rate too).
    /// </summary>
    private readonly int perPass = Math.Clamp(configuration.GetValue("Notifications:PerPass", 1000), Batch, 1_000_000);

    /// <summary>
    /// Sends what is owed, a batch at a time: each batch is claimed in one statement (its next attempt moved five minutes
    /// on, the rows the statement changed returned, so two instances never both send one), read in one query, and
    /// marked delivered in one statement; a failure is recorded on its own row. Three writes a batch, not three a
    /// message: ten messages a second were delivered per instance before (a hundred every ten seconds), each taking
    /// the SQLite write lock twice from the intake.
    /// </summary>
    public async Task<int> DeliverAsync(CancellationToken ct)
    {
        var (sent, passed) = (0, 0);
        while (!ct.IsCancellationRequested && passed < perPass)
        {
            passed += Batch;
            var (due, delivered) = await DeliverBatchAsync(ct);
            sent += delivered;
            // A short batch was the last; one that sent nothing (the gateway down) waits for the next pass.
            if (due < Batch || delivered == 0)
            {
                break;
            }
        }
        if (metrics.Listened)
        {
            // The outbox's depth once a pass, what the pass left owed.
            await using var db = contexts.Create(DataScope.System);
            metrics.Outbox(await db.Notifications.LongCountAsync(n => n.Channel == NotificationChannel.Sms && n.DeliveredAt == null && n.Attempts < MaxAttempts, ct));
        }
        return sent;
    }

    /// <summary>One batch: how many were due (a full batch means more may be), how many went out.</summary>
    private async Task<(int Due, int Sent)> DeliverBatchAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        await using var db = contexts.Create(DataScope.System);
        var due = await db.Notifications.Where(n => n.Channel == NotificationChannel.Sms && n.DeliveredAt == null
                && n.Attempts < MaxAttempts && n.NextAttemptAt <= now)
            .OrderBy(n => n.Id).Take(Batch).Select(n => n.Id).ToListAsync(ct);
        if (due.Count == 0)
        {
            return (0, 0);
        }
        // Claim: only the rows this statement moved are this instance's to send (another may have taken some between).
        var (lease, sms, first, last) = (now.AddMinutes(5), (int)NotificationChannel.Sms, due[0], due[^1]);
        var claimed = await db.Database.SqlQuery<long>($"""
            UPDATE "Notifications" SET "NextAttemptAt" = {lease}
            WHERE "Channel" = {sms} AND "DeliveredAt" IS NULL AND "Attempts" < {MaxAttempts} AND "NextAttemptAt" <= {now}
              AND "Id" >= {first} AND "Id" <= {last}
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        var owed = await db.Notifications.AsNoTracking().Where(n => claimed.Contains(n.Id)).OrderBy(n => n.Id).ToListAsync(ct);
        var sent = new List<long>(owed.Count);
        try
        {
            await SendAsync(db, owed, sent, now, ct);
        }
        finally
        {
            // What went out is recorded even when the pass is stopped half-way (the app shutting down): left claimed,
            // it would be sent again once the lease ran out.
            if (sent.Count > 0)
            {
                await db.Notifications.Where(x => sent.Contains(x.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.DeliveredAt, now).SetProperty(x => x.Attempts, x => x.Attempts + 1), CancellationToken.None);
            }
        }
        return (due.Count, sent.Count);
    }

    /// <summary>Sends the claimed messages, adding each that went out to <paramref name="sent"/>; a failure is recorded on its row.</summary>
    private async Task SendAsync(HuyingDbContext db, List<Notification> owed, List<long> sent, DateTime now, CancellationToken ct)
    {
        foreach (var n in owed)
        {
            try
            {
                var phone = personal.Reveal(n.PhoneCipher) ?? throw new InvalidOperationException("No phone");
                await sender.SendAsync(phone, $"【呼应】{Tr.Public(n.Kind)}：{n.Subject}", ct);
                sent.Add(n.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var retryAt = now.AddMinutes(Math.Pow(2, n.Attempts));
                var error = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                await db.Notifications.Where(x => x.Id == n.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.NextAttemptAt, retryAt)
                    .SetProperty(x => x.LastError, error), ct);
            }
        }
    }
}
