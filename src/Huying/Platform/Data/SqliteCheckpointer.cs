using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Huying.Platform.Data;

/// <summary>
/// On SQLite, copies the write-ahead log into the database file in the background, every
/// <c>Database:CheckpointMilliseconds</c> (500), instead of SQLite's default of the commit that finds the log past
/// 1,000 pages doing it before it returns. That copy is most of a commit's time when a transaction touches rows spread
/// over the file (a thousand matters' next notice: 44 ms a commit inline, 6 ms without it, measured here), and every
/// writer waits behind the one doing it. The commit itself still reaches the disk (synchronous FULL syncs the log), so
/// nothing acknowledged depends on the copy. The app's connections turn SQLite's own copying off only for a file this
/// process copies (<see cref="Covers"/>): a command-line run (migrate, backup, recount) keeps SQLite's.
/// </summary>
public sealed class SqliteCheckpointer(HuyingContextFactory contexts, IConfiguration configuration, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    private static readonly ConcurrentDictionary<string, int> Copied = new(StringComparer.Ordinal);

    /// <summary>Whether a checkpointer of this process copies the log of this connection's file.</summary>
    public static bool Covers(string? dataSource) => dataSource is { Length: > 0 } && Copied.ContainsKey(Path.GetFullPath(dataSource));

    // Past this many pages in the log (32 MB of 4 KB pages), once they are all copied, the log starts again from its
    // beginning and its file is cut back: under steady writes a log never wholly unread otherwise only grows.
    private const long RestartAfterPages = 8192;

    private static async Task CheckpointAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        // PASSIVE: copies what no reader still needs, without waiting for anyone; writers go on meanwhile.
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        long pages, copied;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (pages, copied) = (reader.GetInt64(1), reader.GetInt64(2));
        }
        if (pages >= RestartAfterPages && copied == pages)
        {
            // Everything is in the file already: TRUNCATE only waits for the readers of the log and holds writers
            // for that moment (within the busy timeout), then empties the log.
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (contexts.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        var builder = new SqliteConnectionStringBuilder(contexts.ConnectionString);
        if (builder.DataSource is not { Length: > 0 } source || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }
        var file = Path.GetFullPath(source);
        var pause = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Database:CheckpointMilliseconds", 500), 50, 60_000));
        Copied.AddOrUpdate(file, 1, (_, n) => n + 1);
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(contexts.ConnectionString) { Pooling = false }.ToString());
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(pause, stoppingToken);
                try
                {
                    if (connection.State != System.Data.ConnectionState.Open)
                    {
                        await connection.OpenAsync(stoppingToken);
                    }
                    await CheckpointAsync(connection, stoppingToken);
                }
                catch (SqliteException e)
                {
                    log.LogWarning(e, "Checkpoint of {File} failed; trying again in {Pause}", file, pause);
                    await connection.CloseAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Copied.AddOrUpdate(file, 0, (_, n) => n - 1);
            Copied.TryRemove(new KeyValuePair<string, int>(file, 0));
        }
    }
}
