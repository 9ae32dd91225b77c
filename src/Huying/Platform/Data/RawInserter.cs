using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Huying.Platform.Data;

/// <summary>
/// One prepared INSERT … RETURNING "Id" for an entity type, with its columns, names and value conversions taken
/// from the EF model (so it cannot drift from the mapping), run inside the context's current transaction. For
/// hot paths that write many rows of one shape, where EF's per-row change tracking and SQL generation cost more
/// than the database itself. No audit, tallies or rollups happen here: the caller does them. On SQLite the values
/// are bound straight to one prepared statement (<see cref="SqliteDirect"/>), as Microsoft.Data.Sqlite would bind
/// them, without its per-value parameter objects and name look-ups.
/// </summary>
public sealed class RawInserter<T> : IAsyncDisposable where T : class
{
    private readonly DbCommand command;
    private readonly (IProperty Property, DbParameter Parameter, ValueConverter? Converter)[] columns;
    private readonly IProperty key;

    /// <summary>Whether the rows go to SQLite by <see cref="SqliteDirect"/> (every column of a type it binds).</summary>
    internal bool Direct { get; }

    private RawInserter(DbCommand command, (IProperty, DbParameter, ValueConverter?)[] columns, IProperty key, bool direct)
    {
        this.command = command;
        this.columns = columns;
        this.key = key;
        Direct = direct;
    }

    /// <param name="direct">false: through Microsoft.Data.Sqlite's parameters even on SQLite (to compare the two).</param>
    public static RawInserter<T> Create(HuyingDbContext db, bool direct = true)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Begin a transaction first");
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var columns = new List<(IProperty, DbParameter, ValueConverter?)>();
        foreach (var property in entity.GetProperties().Where(p => p != key))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + columns.Count;
            command.Parameters.Add(parameter);
            columns.Add((property, parameter, property.GetTypeMapping().Converter));
        }
        var names = string.Join(", ", columns.Select(c => $"\"{c.Item1.GetColumnName(table)}\""));
        var values = string.Join(", ", columns.Select(c => c.Item2.ParameterName));
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({values}) RETURNING \"{key.GetColumnName(table)}\"";
        return new RawInserter<T>(command, [.. columns], key,
            direct && command is SqliteCommand && columns.All(c => SqliteDirect.Binds(c.Item3?.ProviderClrType ?? c.Item1.ClrType)));
    }

    /// <summary>Inserts the entity and sets its generated id.</summary>
    public async Task InsertAsync(T entity, CancellationToken ct)
    {
        foreach (var (property, parameter, converter) in columns)
        {
            parameter.Value = ValueOf(entity, property, converter);
        }
        var id = await command.ExecuteScalarAsync(ct);
        key.PropertyInfo!.SetValue(entity, Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Inserts the entities in order and sets their generated ids: where the provider sends a batch of statements in
    /// one round trip (PostgreSQL), up to 500 a round trip; otherwise one by one (SQLite runs in the process, where a
    /// round trip costs nothing).
    /// </summary>
    public async Task InsertAllAsync(IReadOnlyList<T> entities, CancellationToken ct)
    {
        var connection = command.Connection!;
        if (Direct)
        {
            InsertAllDirect((SqliteConnection)connection, entities, ct);
            return;
        }
        if (!connection.CanCreateBatch || entities.Count < 2)
        {
            foreach (var entity in entities)
            {
                await InsertAsync(entity, ct);
            }
            return;
        }
        foreach (var chunk in entities.Chunk(500))
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = command.Transaction;
            foreach (var entity in chunk)
            {
                var statement = batch.CreateBatchCommand();
                statement.CommandText = command.CommandText;
                foreach (var (property, template, converter) in columns)
                {
                    var parameter = statement.CreateParameter();
                    parameter.ParameterName = template.ParameterName;
                    parameter.Value = ValueOf(entity, property, converter);
                    statement.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(statement);
            }
            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var entity in chunk)
            {
                if (!await reader.ReadAsync(ct))
                {
                    throw new InvalidOperationException($"An INSERT of {typeof(T).Name} returned no id");
                }
                key.PropertyInfo!.SetValue(entity, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                await reader.NextResultAsync(ct);
            }
        }
    }

    private void InsertAllDirect(SqliteConnection connection, IReadOnlyList<T> entities, CancellationToken ct)
    {
        using var statement = new SqliteDirect(connection, command.CommandText, command.CommandTimeout);
        foreach (var entity in entities)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Length; i++)
            {
                var (property, _, converter) = columns[i];
                statement.Bind(i + 1, ValueOf(entity, property, converter));
            }
            key.PropertyInfo!.SetValue(entity, statement.StepForId());
        }
    }

    private static object ValueOf(T entity, IProperty property, ValueConverter? converter)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);
        if (converter is not null && value is not null)
        {
            value = converter.ConvertToProvider(value);
        }
        return value ?? DBNull.Value;
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
