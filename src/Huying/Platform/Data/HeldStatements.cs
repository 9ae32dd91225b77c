using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Huying.Platform.Data;

/// <summary>
/// Statements of one transaction held back on PostgreSQL and sent together, a round trip for many. Writes: set as
/// <see cref="HuyingDbContext.Held"/>, the bulk inserts (<see cref="RawInserter{T}"/>) and counter upserts
/// (<see cref="CounterUpsert"/>) of the context are added here instead of each waiting for its own answer, and sent
/// before the transaction commits (<see cref="SendAsync"/>). Only writes whose results nobody reads before the commit
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
    public async Task SendAsync(HuyingDbContext db, CancellationToken ct)
    {
        if (commands.Count == 0)
        {
            return;
        }
        var transaction = TransactionOf(db);
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        commands.ForEach(batch.BatchCommands.Add);
        commands.Clear();
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
