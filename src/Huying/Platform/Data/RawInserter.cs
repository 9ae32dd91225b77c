using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Huying.Platform.Data;

/// <summary>
/// One prepared INSERT (… RETURNING "Id" where the database generates the key) for an entity type, with its columns, names and value conversions taken
/// from the EF model (so it cannot drift from the mapping), run inside the context's current transaction. For
/// hot paths that write many rows of one shape, where EF's per-row change tracking and SQL generation cost more
/// than the database itself. No audit, tallies or rollups happen here: the caller does them. On SQLite the values
/// are bound straight to one prepared statement (<see cref="SqliteDirect"/>), as Microsoft.Data.Sqlite would bind
/// them, without its per-value parameter objects and name look-ups.
/// </summary>
public sealed class RawInserter<T> : IAsyncDisposable where T : class
{
    /// <summary>What an INSERT of <typeparamref name="T"/> is under one model, worked out once per model.</summary>
    private sealed record Shape(IProperty Key, (IProperty Property, ValueConverter? Converter)[] Columns, string Sql, bool Bindable, bool Returns);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Shape> Shapes = new();

    private readonly DbCommand command;
    private readonly (IProperty Property, ValueConverter? Converter)[] columns;
    private readonly DbParameter[] parameters;
    private readonly IProperty key;
    /// <summary>Whether the database generates the key (read back and set), or the entity brings it (inserted as a column).</summary>
    private readonly bool returns;

    /// <summary>Whether the rows go to SQLite by <see cref="SqliteDirect"/> (every column of a type it binds).</summary>
    internal bool Direct { get; }

    private RawInserter(DbCommand command, Shape shape, bool direct)
    {
        this.command = command;
        columns = shape.Columns;
        key = shape.Key;
        returns = shape.Returns;
        Direct = direct;
        command.CommandText = shape.Sql;
        parameters = direct ? [] : [.. columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
            return parameter;
        })];
    }

    /// <param name="direct">false: through Microsoft.Data.Sqlite's parameters even on SQLite (to compare the two).</param>
    public static RawInserter<T> Create(HuyingDbContext db, bool direct = true)
    {
        var shape = Shapes.GetValue(db.Model, ShapeOf);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Begin a transaction first");
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        return new RawInserter<T>(command, shape, direct && shape.Bindable && command is SqliteCommand);
    }

    private static Shape ShapeOf(IModel model)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var returns = key.ValueGenerated != ValueGenerated.Never;
        (IProperty Property, ValueConverter? Converter)[] columns =
            [.. entity.GetProperties().Where(p => p != key || !returns).Select(p => (p, p.GetTypeMapping().Converter))];
        var names = string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""));
        var values = string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        var returning = returns ? $" RETURNING \"{key.GetColumnName(table)}\"" : "";
        return new Shape(key, columns, $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({values}){returning}",
            columns.All(c => SqliteDirect.Binds(c.Converter?.ProviderClrType ?? c.Property.ClrType)), returns);
    }

    /// <summary>Inserts the entity through the command's parameters and sets its generated id (if the database made one).</summary>
    private async Task InsertAsync(T entity, CancellationToken ct)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i].Value = ValueOf(entity, columns[i].Property, columns[i].Converter);
        }
        if (!returns)
        {
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        var id = await command.ExecuteScalarAsync(ct);
        key.PropertyInfo!.SetValue(entity, Convert.ToInt64(id, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Inserts the entities in order and sets their generated ids (if the database makes them): where the provider sends a batch of statements in
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
                for (var i = 0; i < columns.Length; i++)
                {
                    var parameter = statement.CreateParameter();
                    parameter.ParameterName = parameters[i].ParameterName;
                    parameter.Value = ValueOf(entity, columns[i].Property, columns[i].Converter);
                    statement.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(statement);
            }
            if (!returns)
            {
                await batch.ExecuteNonQueryAsync(ct);
                continue;
            }
            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var entity in chunk)
            {
                if (!await reader.ReadAsync(ct))
                {
                    throw new InvalidOperationException($"An INSERT of {typeof(T).Name} returned no id");
                }
                key.PropertyInfo!.SetValue(entity, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
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
                statement.Bind(i + 1, ValueOf(entity, columns[i].Property, columns[i].Converter));
            }
            if (returns)
            {
                key.PropertyInfo!.SetValue(entity, statement.StepForId());
            }
            else
            {
                statement.Step();
            }
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
