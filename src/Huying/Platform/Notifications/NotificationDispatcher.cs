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

    public async Task<int> DeliverAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        await using var db = contexts.Create(DataScope.System);
        var due = await db.Notifications.Where(n => n.Channel == NotificationChannel.Sms && n.DeliveredAt == null
                && n.Attempts < MaxAttempts && n.NextAttemptAt <= now)
            .OrderBy(n => n.Id).Take(100).Select(n => n.Id).ToListAsync(ct);
        if (metrics.Listened)
        {
            metrics.Outbox(await db.Notifications.LongCountAsync(n => n.Channel == NotificationChannel.Sms && n.DeliveredAt == null && n.Attempts < MaxAttempts, ct));
        }
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
                await sender.SendAsync(phone, $"【呼应】{Tr.Public(n.Kind)}：{n.Subject}", ct);
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
