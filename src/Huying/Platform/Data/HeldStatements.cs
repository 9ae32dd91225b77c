using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Huying.Platform.Data;

/// <summary>
/// Writes of one transaction held back on PostgreSQL and sent together, in one round trip, before it commits: set as
/// <see cref="HuyingDbContext.Held"/>, the bulk inserts (<see cref="RawInserter{T}"/>) and counter upserts
/// (<see cref="CounterUpsert"/>) of the context are added here instead of each waiting for its own answer. Only writes
/// whose results nobody reads before the commit belong here (keys are drawn at once, not held). On SQLite nothing is held:
/// the database runs in the process, where a statement costs no round trip.
/// </summary>
public sealed class HeldStatements
{
    private readonly List<NpgsqlBatchCommand> commands = [];

    public int Count => commands.Count;

    internal void Add(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        commands.Add(command);
    }

    /// <summary>Sends what was held, in the order it was held, in the context's transaction; a refused statement throws as it
    /// would have alone (and the transaction is then aborted, as it would have been).</summary>
    public async Task SendAsync(HuyingDbContext db, CancellationToken ct)
    {
        if (commands.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Held statements are sent in the transaction they were held for");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        commands.ForEach(batch.BatchCommands.Add);
        commands.Clear();
        await batch.ExecuteNonQueryAsync(ct);
    }
}
