using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Huying.Platform.Data;

/// <summary>
/// Statements of one transaction held back on PostgreSQL and sent together, a round trip for many. Writes: set as
/// <see cref="HuyingDbContext.Held"/>, the bulk inserts (<see cref="RawInserter{T}"/>) and counter upserts
/// (<see cref="CounterUpsert"/>) of the context are added here instead of each waiting for its own answer, and sent
/// with the commit (<see cref="CommitAsync"/>). Only writes whose results nobody reads before the commit
/// belong there. Reads: what a transaction must know before it writes (keys drawn ahead, <see cref="RawInserter{T}.DrawAhead"/>;
/// the audit chain's head, <see cref="Audit.AuditChain.ReadAhead"/>) is asked together (<see cref="ReadAsync"/>), each
/// answer handed to whoever asked. On SQLite nothing is held: the database runs in the process, where a statement costs
/// no round trip.
/// </summary>
public sealed class HeldStatements
{
    private readonly List<NpgsqlBatchCommand> commands = [];
    private readonly List<(NpgsqlBatchCommand Command, Func<NpgsqlDataReader, CancellationToken, Task> Take)> reads = [];

    public int Count => commands.Count;

    /// <summary>The audit chain as this transaction reads it with its other reads (<see cref="Audit.AuditChain.ReadAhead"/>).</summary>
    internal Audit.ChainAhead? Chain { get; set; }

    internal void Add(string sql, IEnumerable<NpgsqlParameter> parameters) => commands.Add(Command(sql, parameters));

    /// <summary>Holds a read; <paramref name="take"/> reads its rows when the reads are sent (<see cref="ReadAsync"/>).</summary>
    internal void Read(string sql, IEnumerable<NpgsqlParameter> parameters, Func<NpgsqlDataReader, CancellationToken, Task> take) =>
        reads.Add((Command(sql, parameters), take));

    private static NpgsqlBatchCommand Command(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }

    /// <summary>Sends what was held, in the order it was held, in the context's transaction; a refused statement throws as it
    /// would have alone (and the transaction is then aborted, as it would have been).</summary>
    public Task SendAsync(HuyingDbContext db, CancellationToken ct) => commands.Count == 0 ? Task.CompletedTask : SendAsync(TransactionOf(db), commit: false, ct);

    /// <summary>
    /// <see cref="SendAsync"/> with the commit after what was held: on PostgreSQL one round trip (the commit's own was the
    /// last of a batch's three, 1.0–1.3 ms of ~8.5). A refused statement throws, nothing after it runs, and the transaction is
    /// rolled back when disposed. Once the server has committed, the transaction has nothing left to do: it is disposed, and
    /// the context's commit listeners hear of the commit here (EF saw no commit of its own). On SQLite the transaction's own
    /// commit.
    /// </summary>
    public async Task CommitAsync(HuyingDbContext db, IDbContextTransaction transaction, CancellationToken ct)
    {
        if (transaction.GetDbTransaction() is not NpgsqlTransaction npgsql)
        {
            await transaction.CommitAsync(ct);
            return;
        }
        await SendAsync(npgsql, commit: true, ct);
        await transaction.DisposeAsync();
        await db.CommittedAsync(ct);
    }

    private async Task SendAsync(NpgsqlTransaction transaction, bool commit, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        commands.ForEach(batch.BatchCommands.Add);
        commands.Clear();
        if (commit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sends the held reads in one round trip, in the order they were held (each statement sees what committed
    /// before it ran), and hands each its rows.</summary>
    public Task ReadAsync(HuyingDbContext db, CancellationToken ct) => reads.Count == 0 ? Task.CompletedTask : ReadAsync(TransactionOf(db), ct);

    internal async Task ReadAsync(NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (reads.Count == 0)
        {
            return;
        }
        var asked = reads.ToList();
        reads.Clear();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        asked.ForEach(r => batch.BatchCommands.Add(r.Command));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var (_, take) in asked)
        {
            await take(reader, ct);
            await reader.NextResultAsync(ct);
        }
    }

    private static NpgsqlTransaction TransactionOf(HuyingDbContext db) =>
        db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Held statements are sent in the transaction they were held for");
}
