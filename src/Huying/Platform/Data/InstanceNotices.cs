using Npgsql;

namespace Huying.Platform.Data;

/// <summary>
/// Several app instances on one PostgreSQL: what one instance commits, the others hear of, so the copies each keeps in
/// memory (the public pages) are forgotten everywhere, not only where the change was made. After a commit that changed
/// communities this instance sends <c>NOTIFY huying_changed</c> with its own id and the communities; every other
/// instance LISTENs on a connection of its own and tells its local commit listeners. A notice lost (an instance
/// restarting, the connection dropping) leaves a page at most its five minutes old. SQLite serves one instance: nothing
/// is sent or heard there.
/// </summary>
public sealed class InstanceNotices(IServiceProvider services, ILogger<InstanceNotices> log) : BackgroundService, ICommitListener
{
    public const string Channel = "huying_changed";

    // PostgreSQL takes a payload under 8,000 bytes; a community code is 12 characters.
    private const int CommunitiesANotice = 500;

    /// <summary>This instance, so it does not act twice on its own notices.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    // Looked up when used: the context factory is built with this listener among its own.
    private HuyingContextFactory Contexts => services.GetRequiredService<HuyingContextFactory>();

    private bool Active => Contexts.Provider == DatabaseProvider.Postgres;

    public async Task CommittedAsync(IReadOnlyCollection<string> communities, CancellationToken ct)
    {
        if (!Active || communities.Count == 0)
        {
            return;
        }
        try
        {
            await using var connection = new NpgsqlConnection(Contexts.ConnectionString);
            await connection.OpenAsync(ct);
            foreach (var chunk in communities.Chunk(CommunitiesANotice))
            {
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                notify.Parameters.AddWithValue("channel", Channel);
                notify.Parameters.AddWithValue("payload", $"{Instance}|{string.Join(',', chunk)}");
                await notify.ExecuteNonQueryAsync(ct);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The change is committed; other instances' copies expire by themselves.
            log.LogWarning(e, "Other instances were not told of a change");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Active)
        {
            return;
        }
        var local = services.GetServices<ICommitListener>().Where(l => l is not InstanceNotices).ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Contexts.ConnectionString)
                {
                    Pooling = false,
                    KeepAlive = 30,
                }.ToString());
                await connection.OpenAsync(stoppingToken);
                var heard = System.Threading.Channels.Channel.CreateUnbounded<string[]>();
                connection.Notification += (_, e) =>
                {
                    var parts = e.Payload.Split('|', 2);
                    if (parts.Length == 2 && parts[0] != Instance)
                    {
                        heard.Writer.TryWrite(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                    while (heard.Reader.TryRead(out var communities))
                    {
                        foreach (var listener in local)
                        {
                            await listener.CommittedAsync(communities, stoppingToken);
                        }
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Listening for other instances' changes failed; listening again shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
