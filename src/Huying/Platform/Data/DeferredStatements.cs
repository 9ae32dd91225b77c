using System.Data.Common;
using Npgsql;

namespace Huying.Platform.Data;

/// <summary>
/// PostgreSQL writes of one transaction held back and sent together, one round trip, right before it commits
/// (<see cref="HuyingDbContext.DeferStatements"/>; run by the context's commit interceptor, dropped with a rollback).
/// For a writer whose statements read nothing another of them writes and whose results it does not read: the intake
/// writer's inserts and counter upserts (<see cref="RawInserter{T}"/> where no key is drawn or it is drawn already,
/// <see cref="CounterUpsert"/>). A statement that fails fails the commit, and the transaction with it.
/// </summary>
public sealed class DeferredStatements
{
    private readonly List<NpgsqlBatchCommand> commands = [];

    public void Add(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }
        commands.Add(command);
    }

    internal async Task RunAsync(DbTransaction transaction, CancellationToken ct)
    {
        if (commands.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch((NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
        commands.Clear();
        await batch.ExecuteNonQueryAsync(ct);
    }
}
