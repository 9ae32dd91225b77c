using System.Data.Common;
using System.Globalization;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Huying.Platform.Audit;

/// <summary>
/// Links sealed audit lines into the hash chain in the order they committed. Writers never wait for each other on the
/// chain: a save writes its lines sealed and unlinked in its own transaction, and one linker at a time (a lock in the
/// process and, on PostgreSQL, an advisory lock across instances) gives the committed ones their sequence numbers and
/// link hashes in batches. A line is tamper-evident from its commit (its seal), and its place in the chain from its
/// link, normally tens of milliseconds later; the verifier links whatever is waiting before it walks. The intake's
/// writers write their lines linked instead when no other linker is at work (<see cref="LinkAheadAsync"/>).
/// </summary>
public static class AuditChain
{
    private const int Batch = 1000;
    private const long AdvisoryKey = 72700001;
    // One linker at a time per database (a process may hold several: the tests do).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Linkers = new(StringComparer.Ordinal);

    private static SemaphoreSlim LinkerOf(HuyingDbContext db) => Linkers.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
    private static readonly SemaphoreSlim Waiting = new(0, 1);

    /// <summary>Called when a transaction that wrote audit lines has committed: the linker wakes.</summary>
    public static void Wake()
    {
        if (Waiting.CurrentCount == 0)
        {
            try
            {
                Waiting.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    /// <summary>Waits until lines were committed (true) or the pause has passed (false).</summary>
    public static Task<bool> WaitAsync(TimeSpan pause, CancellationToken ct) => Waiting.WaitAsync(pause, ct);

    /// <summary>
    /// Links every committed unlinked line; returns how many. With <paramref name="wait"/> false it returns 0 at once
    /// when another linker (of this process or another instance) is at work: that one links these lines too.
    /// </summary>
    public static async Task<int> LinkAsync(HuyingDbContext db, bool wait, CancellationToken ct) =>
        await TryLinkAsync(db, wait, ct) ?? 0;

    /// <summary>
    /// Links, in the caller's transaction, every line waiting, then gives <paramref name="lines"/> — about to be written
    /// in that transaction — the places after them, so they are written linked: no second write of each line, no entry
    /// in the index of lines waiting. The chain is the caller's until it commits: on SQLite its transaction holds the
    /// file's one write lock, on PostgreSQL the chain's advisory lock is held to the end of the transaction. False, with
    /// nothing given, when another linker is at work (it links them once they commit).
    /// </summary>
    public static async Task<bool> LinkAheadAsync(HuyingDbContext db, IReadOnlyList<AuditEntry> lines, CancellationToken ct) =>
        db.Held?.Chain is { } ahead ? LinkAhead(db, ahead, lines) : await TryLinkAsync(db, false, ct, lines) is not null;

    /// <summary>
    /// Makes <paramref name="db"/> a writer that links its own lines: each save in a transaction writes its audit lines
    /// linked (<see cref="LinkAheadAsync"/>), after any lines waiting, when no other linker is at work; otherwise, or when
    /// linking fails, they are written unlinked and the linker links them after the commit. A writer of thousands of lines
    /// (the intake's batches, the deadline sweep's) writes each line once so, not once and then again with its place.
    /// </summary>
    public static void LinkOwnLines(HuyingDbContext db, ILogger log)
    {
        db.LinkAhead = async (lines, ct) =>
        {
            try
            {
                return await LinkAheadAsync(db, lines, ct);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                log.LogWarning(e, "Linking a batch's audit lines ahead failed; the linker links them");
                foreach (var line in lines)
                {
                    (line.Sequence, line.PreviousHash, line.Hash) = (null, null, null);
                }
                return false;
            }
        };
    }

    /// <summary>
    /// On PostgreSQL, while the context holds its statements (<see cref="HuyingDbContext.Held"/>): the chain's advisory lock,
    /// its head and the lines waiting asked with the transaction's other reads (<see cref="HeldStatements.Chain"/>), so that
    /// <see cref="LinkAheadAsync"/> links this transaction's lines without a round trip of its own, and its statement for
    /// the lines waiting is held with the others — unguarded, unlike <see cref="TryLinkAsync"/>'s: were it refused, the
    /// transaction fails (the intake then saves each matter again without reading ahead). The lock, if taken, is held to
    /// the end of the transaction. Nothing elsewhere: SQLite reads in the process.
    /// </summary>
    public static void ReadAhead(HuyingDbContext db)
    {
        if (db.Held is { } held && db.Database.IsNpgsql())
        {
            HoldReads(held, wait: false, held.Chain = new ChainAhead());
        }
    }

    /// <summary>
    /// <see cref="LinkAheadAsync"/> from what <see cref="ReadAhead"/> read: the lines waiting are linked by a statement
    /// added to the held ones, and <paramref name="lines"/> get the places after them. False, with nothing given, when another
    /// linker held the chain, the reads were not sent yet, or more lines wait than one pass links (the linker links them,
    /// and these after them).
    /// </summary>
    private static bool LinkAhead(HuyingDbContext db, ChainAhead ahead, IReadOnlyList<AuditEntry> lines)
    {
        if (!ahead.Locked || ahead.Unlinked.Count >= Batch || db.Held is not { } held)
        {
            return false;
        }
        var (links, (sequence, previous)) = Links(db, ahead.Head, ahead.Unlinked);
        if (links.Count > 0)
        {
            held.Add(UpdateSql, UpdateParameters(links));
        }
        foreach (var line in lines)
        {
            line.Sequence = ++sequence;
            line.PreviousHash = previous;
            line.Hash = previous = AuditEntry.ComputeHash(db.Chain, sequence, line.Seal, previous);
        }
        // A second save in the same transaction goes on from here.
        (ahead.Head, ahead.Unlinked) = ((sequence, previous), []);
        return true;
    }

    /// <summary>The links of the lines waiting, after <paramref name="head"/>, and the chain's head after them.</summary>
    private static (List<(long Id, long Sequence, string Previous, string Hash)> Links, (long Sequence, string Hash) Head) Links(
        HuyingDbContext db, (long Sequence, string Hash) head, List<(long Id, string Seal)> unlinked)
    {
        var (sequence, previous) = head;
        var links = new List<(long Id, long Sequence, string Previous, string Hash)>(unlinked.Count);
        foreach (var (id, seal) in unlinked)
        {
            var hash = AuditEntry.ComputeHash(db.Chain, ++sequence, seal, previous);
            links.Add((id, sequence, previous, hash));
            previous = hash;
        }
        return (links, (sequence, previous));
    }

    /// <summary>How many lines were linked, batch after batch until none is left; null when another linker is at work.</summary>
    private static async Task<int?> TryLinkAsync(HuyingDbContext db, bool wait, CancellationToken ct, IReadOnlyList<AuditEntry>? ahead = null)
    {
        var linker = LinkerOf(db);
        if (!await linker.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, ct))
        {
            return null;
        }
        try
        {
            var linked = 0;
            while (true)
            {
                var (count, sequence, previous) = await LinkBatchAsync(db, wait, ct);
                if (count < 0)
                {
                    // Another instance holds the chain: lines to link ahead are left to it, whatever was linked before.
                    return linked == 0 || ahead is not null ? null : linked;
                }
                linked += count;
                if (count < Batch)
                {
                    foreach (var line in ahead ?? [])
                    {
                        line.Sequence = ++sequence;
                        line.PreviousHash = previous;
                        line.Hash = previous = AuditEntry.ComputeHash(db.Chain, sequence, line.Seal, previous);
                    }
                    return linked;
                }
            }
        }
        finally
        {
            linker.Release();
        }
    }

    /// <summary>
    /// One transaction linking up to <see cref="Batch"/> lines: how many (-1 when another instance holds the chain) and
    /// the chain's head after them. Inside a caller's transaction on PostgreSQL (an intake writer's, which must go on
    /// whatever happens here) the links are written under a savepoint: a failed statement would abort the transaction.
    /// </summary>
    private static async Task<(int Count, long Sequence, string Hash)> LinkBatchAsync(HuyingDbContext db, bool wait, CancellationToken ct)
    {
        // No write gate here: a writer may hold SQLite's lock while it waits for the gate (a caller's transaction
        // around a save), so the linker waits on the file's own lock only, holding nothing a writer needs.
        // Inside a caller's transaction (a verification of what that transaction sees) the lines are linked in it.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var connection = db.Database.GetDbConnection();
        var dbTransaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var npgsql = connection as NpgsqlConnection;
        var state = npgsql is not null
            ? await ReadOnPostgresAsync((NpgsqlTransaction)dbTransaction, wait, ct)
            : await ReadOnSqliteAsync(connection, dbTransaction, ct);
        if (state is null)
        {
            return (-1, 0, "");
        }
        var (head, unlinked) = state.Value;
        if (unlinked.Count == 0)
        {
            return (0, head.Sequence, head.Hash);
        }
        var (links, (sequence, previous)) = Links(db, head, unlinked);
        if (npgsql is not null)
        {
            await UpdateAsync(npgsql, (NpgsqlTransaction)dbTransaction, links, guarded: own is null, ct);
        }
        else
        {
            await using var update = Command(connection, dbTransaction,
                "UPDATE \"AuditEntries\" SET \"Sequence\" = @sequence, \"PreviousHash\" = @previous, \"Hash\" = @hash WHERE \"Id\" = @id");
            var (sequenceParameter, previousParameter, hashParameter, idParameter) =
                (Parameter(update, "@sequence"), Parameter(update, "@previous"), Parameter(update, "@hash"), Parameter(update, "@id"));
            foreach (var (id, linkedAs, before, hash) in links)
            {
                (sequenceParameter.Value, previousParameter.Value, hashParameter.Value, idParameter.Value) = (linkedAs, before, hash, id);
                await update.ExecuteNonQueryAsync(ct);
            }
        }
        if (own is not null)
        {
            await own.CommitAsync(ct);
        }
        return (unlinked.Count, sequence, previous);
    }

    private const string HeadSql =
        "SELECT \"Sequence\", \"Hash\" FROM \"AuditEntries\" WHERE \"Sequence\" IS NOT NULL ORDER BY \"Sequence\" DESC LIMIT 1";

    private static readonly string UnlinkedSql =
        $"SELECT \"Id\", \"Seal\" FROM \"AuditEntries\" WHERE \"Sequence\" IS NULL ORDER BY \"Id\" LIMIT {Batch}";

    /// <summary>
    /// On PostgreSQL, in one round trip: the chain's advisory lock (several instances: one linker at a time; one that would
    /// wait leaves the work to the one at it), then — each statement seeing what committed before it, so what the last
    /// holder of the lock linked — the chain's head and the lines waiting. Null when another linker holds the lock.
    /// </summary>
    private static async Task<((long Sequence, string Hash) Head, List<(long Id, string Seal)> Unlinked)?> ReadOnPostgresAsync(
        NpgsqlTransaction transaction, bool wait, CancellationToken ct)
    {
        var reads = new HeldStatements();
        var state = new ChainAhead();
        HoldReads(reads, wait, state);
        await reads.ReadAsync(transaction, ct);
        return state.Locked ? (state.Head, state.Unlinked) : null;
    }

    /// <summary>The three reads of <see cref="ReadOnPostgresAsync"/>, held, their answers into <paramref name="into"/>.</summary>
    private static void HoldReads(HeldStatements held, bool wait, ChainAhead into)
    {
        held.Read(wait ? $"SELECT true FROM pg_advisory_xact_lock({AdvisoryKey})" : $"SELECT pg_try_advisory_xact_lock({AdvisoryKey})", [],
            async (reader, ct) => into.Locked = await reader.ReadAsync(ct) && reader.GetBoolean(0));
        held.Read(HeadSql, [], async (reader, ct) => into.Head = await ReadHeadAsync(reader, ct));
        held.Read(UnlinkedSql, [], async (reader, ct) => into.Unlinked = await ReadUnlinkedAsync(reader, ct));
    }

    /// <summary>On SQLite (the caller's transaction holds the file's write lock): the chain's head and the lines waiting.</summary>
    private static async Task<((long Sequence, string Hash) Head, List<(long Id, string Seal)> Unlinked)?> ReadOnSqliteAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        (long, string) head;
        await using (var command = Command(connection, transaction, HeadSql))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            head = await ReadHeadAsync(reader, ct);
        }
        await using (var command = Command(connection, transaction, UnlinkedSql))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            return (head, await ReadUnlinkedAsync(reader, ct));
        }
    }

    /// <summary>The last linked line's place and hash (0 and the genesis hash for an empty chain).</summary>
    private static async Task<(long Sequence, string Hash)> ReadHeadAsync(DbDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct)
            ? (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.IsDBNull(1) ? "" : Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture) ?? "")
            : (0, AuditEntry.GenesisHash);

    private static async Task<List<(long Id, string Seal)>> ReadUnlinkedAsync(DbDataReader reader, CancellationToken ct)
    {
        var unlinked = new List<(long Id, string Seal)>();
        while (await reader.ReadAsync(ct))
        {
            // Read as stored: a seal someone edited is linked as it is, and the verifier finds it does not hold.
            unlinked.Add((reader.GetInt64(0), reader.IsDBNull(1) ? "" : Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture) ?? ""));
        }
        return unlinked;
    }

    /// <summary>One statement for the batch's links (a round trip a line would cost the server more than the linking); under a
    /// savepoint when <paramref name="guarded"/>, rolled back to it if refused, so the transaction around it goes on.</summary>
    private static async Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<(long Id, long Sequence, string Previous, string Hash)> links, bool guarded, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (guarded)
        {
            Add(batch, "SAVEPOINT audit_link");
        }
        var update = new NpgsqlBatchCommand(UpdateSql);
        update.Parameters.AddRange(UpdateParameters(links));
        batch.BatchCommands.Add(update);
        if (guarded)
        {
            Add(batch, "RELEASE SAVEPOINT audit_link");
        }
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException) when (guarded)
        {
            await using var back = new NpgsqlCommand("ROLLBACK TO SAVEPOINT audit_link", connection, transaction);
            await back.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
    }

    private const string UpdateSql = """
        UPDATE "AuditEntries" AS a SET "Sequence" = v.s, "PreviousHash" = v.p, "Hash" = v.h
        FROM unnest($1, $2, $3, $4) AS v(i, s, p, h) WHERE a."Id" = v.i
        """;

    private static NpgsqlParameter[] UpdateParameters(List<(long Id, long Sequence, string Previous, string Hash)> links) =>
    [
        new() { Value = links.Select(l => l.Id).ToArray() },
        new() { Value = links.Select(l => l.Sequence).ToArray() },
        new() { Value = links.Select(l => l.Previous).ToArray() },
        new() { Value = links.Select(l => l.Hash).ToArray() },
    ];

    private static void Add(DbBatch batch, string sql)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        batch.BatchCommands.Add(command);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

/// <summary>Links the lines as they commit (woken by each commit that wrote some, and every few seconds regardless).</summary>
public sealed class AuditLinker(HuyingContextFactory contexts, IConfiguration configuration, ILogger<AuditLinker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Background:Enabled", true))
        {
            return;
        }
        var pause = TimeSpan.FromSeconds(configuration.GetValue("Audit:LinkSeconds", 2.0));
        // Under load commits come many a second: woken by one, the linker waits a moment so that one pass (one
        // transaction, its lock and its reads) links the lines of every commit of that moment, not a pass a commit.
        var gather = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Audit:LinkGatherMilliseconds", 25), 0, 1000));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await AuditChain.WaitAsync(pause, stoppingToken) && gather > TimeSpan.Zero)
                {
                    await Task.Delay(gather, stoppingToken);
                }
                await using var db = contexts.Create(DataScope.System);
                await AuditChain.LinkAsync(db, wait: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Linking audit lines failed");
                await Task.Delay(pause, stoppingToken);
            }
        }
    }
}

/// <summary>The audit chain as a transaction read it ahead of its writes (<see cref="AuditChain.ReadAhead"/>), once its reads
/// were sent: whether it holds the chain's lock, the head, and the lines waiting.</summary>
internal sealed class ChainAhead
{
    internal bool Locked { get; set; }
    internal (long Sequence, string Hash) Head { get; set; }
    internal List<(long Id, string Seal)> Unlinked { get; set; } = [];
}
