namespace Huying.Platform.Background;

/// <summary>
/// Background work that runs a pass, pauses, and runs again; a failed pass is logged and the next one still runs.
/// <c>Background:Enabled=false</c> keeps every such loop from starting (the test host does this: tests run a pass
/// themselves, on a clock they hold); the pause is read from <paramref name="pauseSetting"/> in seconds.
/// </summary>
public abstract class PeriodicWork(TimeProvider clock, ILogger log, IConfiguration configuration, string pauseSetting, double defaultSeconds)
    : BackgroundService
{
    protected TimeProvider Clock => clock;
    protected IConfiguration Configuration => configuration;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Background:Enabled", true))
        {
            return;
        }
        var pause = TimeSpan.FromSeconds(configuration.GetValue(pauseSetting, defaultSeconds));
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
