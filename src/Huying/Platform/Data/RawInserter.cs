using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Huying.Platform.Data;

/// <summary>
/// The INSERT of an entity type (… RETURNING "Id" where the database generates the key), with its columns, names and
/// value conversions taken from the EF model (so it cannot drift from the mapping), run inside the context's current
/// transaction. For hot paths that write many rows of one shape, where EF's per-row change tracking and SQL
/// generation cost more than the database itself. No audit, tallies or rollups happen here: the caller does them. On
/// SQLite the values are bound straight to one prepared statement (<see cref="SqliteDirect"/>), as Microsoft.Data.Sqlite
/// would bind them, without its per-value parameter objects and name look-ups; on PostgreSQL a list of rows is one
/// statement with a column an array.
/// </summary>
public sealed class RawInserter<T> : IAsyncDisposable where T : class
{
    /// <summary>What an INSERT of <typeparamref name="T"/> is under one model, worked out once per model.</summary>
    private sealed record Shape(IProperty Key, (IProperty Property, ValueConverter? Converter)[] Columns, string Sql, bool Bindable, bool Returns,
        Arrays Arrays, string Plain);

    /// <summary>
    /// The same INSERT for many rows on PostgreSQL: each column bound as one array (<c>INSERT … SELECT * FROM unnest(…)</c>),
    /// with generated keys drawn from the key's sequence first (<see cref="Draw"/>), and the arrays' element types and
    /// server types, one per column of <see cref="Sql"/>; <see cref="Unkeyed"/> the same without a generated key's column
    /// (the database's default gives it, and nobody reads it back).
    /// </summary>
    private sealed record Arrays(string Sql, string Draw, string Unkeyed, Type[] Elements, string[] ServerTypes);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Shape> Shapes = new();

    private readonly DbCommand command;
    private readonly (IProperty Property, ValueConverter? Converter)[] columns;
    private readonly DbParameter[] parameters;
    private readonly IProperty key;
    private readonly Arrays arrays;
    private readonly string plain;
    /// <summary>Whether the database generates the key (read back and set), or the entity brings it (inserted as a column).</summary>
    private readonly bool returns;

    /// <summary>Whether the rows go to SQLite by <see cref="SqliteDirect"/> (every column of a type it binds, and a generated key
    /// that is the rowid, read back without RETURNING).</summary>
    internal bool Direct { get; }

    private readonly SqliteStatements? statements;

    private RawInserter(DbCommand command, Shape shape, bool direct, SqliteStatements? statements)
    {
        this.command = command;
        this.statements = statements;
        columns = shape.Columns;
        key = shape.Key;
        returns = shape.Returns;
        arrays = shape.Arrays;
        plain = shape.Plain;
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
        return new RawInserter<T>(command, shape, direct && shape.Bindable && command is SqliteCommand, db.Statements);
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
        // The array form names the key (its values drawn before the insert), or, where nobody reads it back, leaves it to the
        // column's default (Unkeyed).
        var keyName = $"\"{key.GetColumnName(table)}\"";
        var arrayNames = returns ? $"{keyName}, {names}" : names;
        string ArrayValues(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "@a" + i.ToString(CultureInfo.InvariantCulture)));
        Type Element(IProperty p, ValueConverter? c) => (c?.ProviderClrType ?? p.ClrType) is var t && t.IsValueType && Nullable.GetUnderlyingType(t) is null
            ? typeof(Nullable<>).MakeGenericType(t) : t;
        string ServerType(IProperty p) => p.GetColumnType() is var type && type.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? type[..open] : type;
        var arrays = new Arrays(
            $"INSERT INTO \"{table.Name}\" ({arrayNames}) SELECT * FROM unnest({ArrayValues(columns.Length + (returns ? 1 : 0))})",
            // The sequence looked up once a statement (a materialized CTE): in the select list it was looked up again for
            // every row drawn, 7 % of the server's CPU under intake (perf, 6 December).
            $"WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('\"{table.Name}\"', '{key.GetColumnName(table)}')::regclass AS r) "
                + "SELECT nextval(s.r) FROM s, generate_series(1, @n) ORDER BY 1",
            $"INSERT INTO \"{table.Name}\" ({names}) SELECT * FROM unnest({ArrayValues(columns.Length)})",
            [.. columns.Select(c => Element(c.Property, c.Converter))],
            [.. columns.Select(c => ServerType(c.Property))]);
        var plain = $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({values})";
        return new Shape(key, columns, plain + returning,
            columns.All(c => SqliteDirect.Binds(c.Converter?.ProviderClrType ?? c.Property.ClrType))
                && (!returns || string.Equals(key.GetColumnType(), "INTEGER", StringComparison.OrdinalIgnoreCase)),
            returns, arrays, plain);
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
    /// Inserts the entities and sets their generated ids (if the database makes them): on PostgreSQL a list of rows is
    /// one statement with a column an array, planned and run once (a 1M catch-up's notices and 督办 records took 2.5 s
    /// so, 3.5 s as 500 single-row statements a round trip); on SQLite one by one (it runs in the process, where a
    /// statement costs little).
    /// </summary>
    /// <param name="keys">false: the caller never reads the generated ids, which may then be left unset. On PostgreSQL none is
    /// drawn beforehand: a round trip and a statement fewer (the intake's events, notices and audit lines so: 1.13× and 1.05×
    /// its rate on PostgreSQL in two runs of bench intake-ab, the server's CPU an intake 0.175 → 0.157 and 0.164 → 0.149 ms).</param>
    public async Task InsertAllAsync(IReadOnlyList<T> entities, CancellationToken ct, bool keys = true)
    {
        var connection = command.Connection!;
        if (Direct)
        {
            InsertAllDirect((SqliteConnection)connection, entities, keys, ct);
            return;
        }
        if (connection is not NpgsqlConnection || entities.Count < 2)
        {
            foreach (var entity in entities)
            {
                await InsertAsync(entity, ct);
            }
            return;
        }
        foreach (var chunk in entities.Chunk(10_000))
        {
            await InsertArraysAsync(chunk, keys, ct);
        }
    }

    private async Task InsertArraysAsync(T[] entities, bool keys, CancellationToken ct)
    {
        var connection = command.Connection!;
        var ids = new List<long>(entities.Length);
        var drawn = returns && keys;
        if (drawn)
        {
            await using var draw = connection.CreateCommand();
            draw.Transaction = command.Transaction;
            draw.CommandText = arrays.Draw;
            draw.Parameters.Add(new NpgsqlParameter<int>("n", entities.Length));
            await using var reader = await draw.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
            }
            if (ids.Count != entities.Length)
            {
                throw new InvalidOperationException($"{ids.Count} ids drawn for {entities.Length} rows of {typeof(T).Name}");
            }
        }
        await using var insert = connection.CreateCommand();
        insert.Transaction = command.Transaction;
        insert.CommandText = drawn || !returns ? arrays.Sql : arrays.Unkeyed;
        if (drawn)
        {
            insert.Parameters.Add(new NpgsqlParameter<long[]>("a0", [.. ids]));
        }
        for (var c = 0; c < columns.Length; c++)
        {
            var values = Array.CreateInstance(arrays.Elements[c], entities.Length);
            for (var r = 0; r < entities.Length; r++)
            {
                var value = ValueOf(entities[r], columns[c].Property, columns[c].Converter);
                values.SetValue(value is DBNull ? null : value, r);
            }
            insert.Parameters.Add(new NpgsqlParameter("a" + (c + (drawn ? 1 : 0)).ToString(CultureInfo.InvariantCulture), values)
            {
                DataTypeName = arrays.ServerTypes[c] + "[]",
            });
        }
        await insert.ExecuteNonQueryAsync(ct);
        if (drawn)
        {
            for (var r = 0; r < entities.Length; r++)
            {
                key.PropertyInfo!.SetValue(entities[r], ids[r]);
            }
        }
    }

    private void InsertAllDirect(SqliteConnection connection, IReadOnlyList<T> entities, bool keys, CancellationToken ct)
    {
        // Without RETURNING: SQLite gathers a RETURNING statement's rows in a temporary table it creates and drops at
        // every run. A generated key is SQLite's rowid (an INTEGER PRIMARY KEY), read back from the connection.
        using var own = statements is null ? new SqliteDirect(connection, plain, command.CommandTimeout) : null;
        var statement = own ?? statements!.Get(connection, plain, command.CommandTimeout);
        foreach (var entity in entities)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Length; i++)
            {
                statement.Bind(i + 1, ValueOf(entity, columns[i].Property, columns[i].Converter));
            }
            if (returns)
            {
                key.PropertyInfo!.SetValue(entity, statement.StepForRowid());
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
