namespace Huying.Platform.Background;

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
