using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Huying.Platform.Data;

/// <summary>
/// On SQLite, copies the write-ahead log into the database file in the background, every
/// <c>Database:CheckpointMilliseconds</c> (500, PASSIVE), instead of SQLite's default of the commit that finds the log past
/// 1,000 pages doing it before it returns. That copy is most of a commit's time when a transaction touches rows spread
/// over the file (a thousand matters' next notice: 44 ms a commit inline, 6 ms without it, measured here), and every
/// writer waits behind the one doing it. The commit itself still reaches the disk (synchronous FULL syncs the log), so
/// nothing acknowledged depends on the copy. For a file this process copies (<see cref="Covers"/>) the app's
/// connections leave the copy to a commit only once the log has run to 4,000 pages, a backstop that keeps it bounded
/// when readers hold the checkpointer back; a command-line run (migrate, backup, recount) keeps SQLite's 1,000.
/// </summary>
public sealed class SqliteCheckpointer(HuyingContextFactory contexts, IConfiguration configuration, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    private static readonly ConcurrentDictionary<string, int> Copied = new(StringComparer.Ordinal);

    /// <summary>Whether a checkpointer of this process copies the log of this connection's file.</summary>
    public static bool Covers(string? dataSource) => dataSource is { Length: > 0 } && Copied.ContainsKey(Path.GetFullPath(dataSource));

    private static async Task CheckpointAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        // PASSIVE: copies what no reader still needs, without waiting for anyone; writers go on meanwhile. Never
        // RESTART or TRUNCATE here: those hold the writers while they wait for the log's readers (a long export's
        // read), and a writer's save failed behind one in a full browser run.
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await command.ExecuteNonQueryAsync(ct);
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
