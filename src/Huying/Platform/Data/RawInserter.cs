using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
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
/// statement with a column an array, sent at once or, while the context holds its writes (<see cref="HuyingDbContext.Held"/>),
/// with the others it holds.
/// </summary>
public sealed class RawInserter<T> : IAsyncDisposable where T : class
{
    /// <summary>What an INSERT of <typeparamref name="T"/> is under one model, worked out once per model.</summary>
    private sealed record Shape(IProperty Key, (IProperty Property, ValueConverter? Converter)[] Columns, string Sql, bool Bindable, bool Returns,
        Arrays Arrays, string Plain);

    /// <summary>
    /// The same INSERT for many rows on PostgreSQL: each column bound as one array (<c>INSERT … SELECT unnest(@a0), …</c>, <see cref="ArrayRows.Select"/>),
    /// with generated keys drawn from the key's sequence first (<see cref="Draw"/>), each column's array made by its
    /// <see cref="Column"/>, the parameters named by <see cref="Names"/>; <see cref="Unkeyed"/> the same without a generated
    /// key's column (the database's default gives it, and nobody reads it back).
    /// </summary>
    private sealed record Arrays(string Sql, string Draw, string Unkeyed, Lazy<Column[]> Columns, string[] Names);

    /// <summary>
    /// One column of <see cref="Arrays"/>: its values for a list of rows, as the typed array Npgsql binds, read and
    /// converted by a delegate compiled once a model (each value went through EF's getter and <c>Array.SetValue</c> as an
    /// object: with the parameters below, ~10 % of the CPU of writing a batch's matters, events and texts, docs/scale.md).
    /// </summary>
    private delegate NpgsqlParameter Column(T[] rows, string name);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Shape> Shapes = new();

    private readonly DbCommand command;
    private readonly (IProperty Property, ValueConverter? Converter)[] columns;
    /// <summary>The one-row INSERT's parameters, made when a row is first inserted alone (a list on PostgreSQL binds arrays
    /// instead, and the direct SQLite path none); they were made at every <see cref="Create"/>, a matter's 50 for nothing
    /// (0.5 % of the app's samples under the PostgreSQL intake).</summary>
    private DbParameter[]? parameters;
    private readonly IProperty key;
    private readonly Arrays arrays;
    private readonly string plain;
    /// <summary>Whether the database generates the key (read back and set), or the entity brings it (inserted as a column).</summary>
    private readonly bool returns;

    /// <summary>Whether the rows go to SQLite by <see cref="SqliteDirect"/> (every column of a type it binds, and a generated key
    /// that is the rowid, read back without RETURNING).</summary>
    internal bool Direct { get; }

    private readonly SqliteStatements? statements;

    /// <summary>The rows whose keys <see cref="DrawAhead"/> drew, and those keys, once the held reads were sent.</summary>
    private (IReadOnlyList<T> Rows, long[] Keys)? drawnAhead;

    /// <summary>The context, asked at each insert whether it holds its writes back (<see cref="HuyingDbContext.Held"/>), as
    /// <see cref="CounterUpsert"/> asks: an inserter made before or kept after the holding writes at once, never into a list
    /// already sent.</summary>
    private readonly HuyingDbContext db;

    private RawInserter(DbCommand command, Shape shape, bool direct, SqliteStatements? statements, HuyingDbContext db)
    {
        this.command = command;
        this.statements = statements;
        this.db = db;
        columns = shape.Columns;
        key = shape.Key;
        returns = shape.Returns;
        arrays = shape.Arrays;
        plain = shape.Plain;
        Direct = direct;
        command.CommandText = shape.Sql;
    }

    private DbParameter[] Parameters() => parameters ??= [.. columns.Select((_, i) =>
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
        command.Parameters.Add(parameter);
        return parameter;
    })];

    /// <param name="direct">false: through Microsoft.Data.Sqlite's parameters even on SQLite (to compare the two).</param>
    public static RawInserter<T> Create(HuyingDbContext db, bool direct = true)
    {
        var shape = Shapes.GetValue(db.Model, ShapeOf);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Begin a transaction first");
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        return new RawInserter<T>(command, shape, direct && shape.Bindable && command is SqliteCommand, db.Statements, db);
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
        string ServerType(IProperty p) => p.GetColumnType() is var type && type.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? type[..open] : type;
        var arrays = new Arrays(
            $"INSERT INTO \"{table.Name}\" ({arrayNames}) {ArrayRows.Select(columns.Length + (returns ? 1 : 0))}",
            // The sequence looked up once a statement (a materialized CTE): in the select list it was looked up again for
            // every row drawn, 7 % of the server's CPU under intake (perf, 6 December).
            $"WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('\"{table.Name}\"', '{key.GetColumnName(table)}')::regclass AS r) "
                + "SELECT nextval(s.r) FROM s, generate_series(1, @n) ORDER BY 1",
            $"INSERT INTO \"{table.Name}\" ({names}) {ArrayRows.Select(columns.Length)}",
            // Compiled when a list first goes to PostgreSQL: on SQLite, which binds row by row, never.
            new Lazy<Column[]>(() => [.. columns.Select(c => ColumnOf(c.Property, c.Converter, ServerType(c.Property) + "[]"))]),
            [.. Enumerable.Range(0, columns.Length + 1).Select(ArrayRows.Name)]);
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
            Parameters()[i].Value = ValueOf(entity, columns[i].Property, columns[i].Converter);
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
        var held = db.Held;
        if (connection is not NpgsqlConnection || (entities.Count < 2 && held is null))
        {
            foreach (var entity in entities)
            {
                await InsertAsync(entity, ct);
            }
            return;
        }
        if (drawnAhead is { } ahead && ReferenceEquals(ahead.Rows, entities))
        {
            drawnAhead = null;
            await InsertArraysAsync([.. entities], keys ? ahead.Keys : null, held, ct);
            return;
        }
        foreach (var chunk in entities.Chunk(10_000))
        {
            await InsertArraysAsync(chunk, returns && keys ? await DrawAsync(chunk.Length, ct) : null, held, ct);
        }
    }

    /// <summary>
    /// On PostgreSQL, while the context holds its statements: the keys of <paramref name="entities"/> drawn with the reads it
    /// holds (<see cref="HeldStatements.ReadAsync"/>), so that inserting them (<see cref="InsertAllAsync"/>, the same list,
    /// after the reads were sent) costs no round trip of its own. Elsewhere nothing: the keys are drawn or given at the insert.
    /// </summary>
    public void DrawAhead(IReadOnlyList<T> entities)
    {
        if (db.Held is not { } held || !returns || command.Connection is not NpgsqlConnection || entities.Count is 0 or > 10_000)
        {
            return;
        }
        held.Read(arrays.Draw, [new NpgsqlParameter<int>("n", entities.Count)], async (reader, ct) =>
            drawnAhead = (entities, await KeysAsync(reader, entities.Count, ct)));
    }

    private async Task<long[]> DrawAsync(int count, CancellationToken ct)
    {
        await using var draw = command.Connection!.CreateCommand();
        draw.Transaction = command.Transaction;
        draw.CommandText = arrays.Draw;
        draw.Parameters.Add(new NpgsqlParameter<int>("n", count));
        await using var reader = await draw.ExecuteReaderAsync(ct);
        return await KeysAsync(reader, count, ct);
    }

    private static async Task<long[]> KeysAsync(DbDataReader reader, int count, CancellationToken ct)
    {
        var ids = new List<long>(count);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids.Count == count ? [.. ids]
            : throw new InvalidOperationException($"{ids.Count} ids drawn for {count} rows of {typeof(T).Name}");
    }

    /// <param name="ids">The keys drawn for the rows; null when the database's default gives them and nobody reads them back.</param>
    private async Task InsertArraysAsync(T[] entities, long[]? ids, HeldStatements? held, CancellationToken ct)
    {
        var connection = command.Connection!;
        var fillers = arrays.Columns.Value;
        var values = new List<NpgsqlParameter>(fillers.Length + 1);
        if (ids is not null)
        {
            values.Add(new NpgsqlParameter<long[]>(arrays.Names[0], ids));
        }
        for (var c = 0; c < fillers.Length; c++)
        {
            values.Add(fillers[c](entities, arrays.Names[c + (ids is null ? 0 : 1)]));
        }
        var sql = ids is not null || !returns ? arrays.Sql : arrays.Unkeyed;
        if (held is not null)
        {
            held.Add(sql, values);
        }
        else
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = command.Transaction;
            insert.CommandText = sql;
            insert.Parameters.AddRange(values.ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        for (var r = 0; ids is not null && r < entities.Length; r++)
        {
            key.PropertyInfo!.SetValue(entities[r], ids[r]);
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

    /// <summary>
    /// The column's array for a list of rows: the property read and converted to what the database stores as one compiled
    /// expression, into an array of that type (nullable where the property is), bound as the column's server type's array.
    /// </summary>
    private static Column ColumnOf(IProperty property, ValueConverter? converter, string serverType)
    {
        var entity = Expression.Parameter(typeof(T), "row");
        Expression value = property.PropertyInfo is { } member ? Expression.Property(entity, member)
            : throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is not a property of the class: RawInserter writes only what the class holds");
        var nullable = !value.Type.IsValueType || Nullable.GetUnderlyingType(value.Type) is not null;
        var stored = converter?.ProviderClrType ?? Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        var element = nullable && stored.IsValueType ? typeof(Nullable<>).MakeGenericType(stored) : stored;
        Expression body;
        if (converter is null)
        {
            body = Expression.Convert(value, element);
        }
        else
        {
            // As EF converts: a null stays null, anything else goes through the converter as its model type.
            var model = converter.ModelClrType;
            var converted = Expression.Convert(Expression.Invoke(converter.ConvertToProviderExpression,
                value.Type == model ? value : Expression.Convert(value, model)), element);
            body = nullable ? Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(null, element), converted) : converted;
        }
        var read = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(T), element), body, entity).Compile();
        return (Column)typeof(RawInserter<T>).GetMethod(nameof(ColumnOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static, [typeof(Delegate), typeof(string)])!
            .MakeGenericMethod(element).Invoke(null, [read, serverType])!;
    }

    private static Column ColumnOf<TElement>(Delegate read, string serverType)
    {
        var typed = (Func<T, TElement>)read;
        return (rows, name) =>
        {
            var values = new TElement[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                values[r] = typed(rows[r]);
            }
            return new NpgsqlParameter<TElement[]>(name, values) { DataTypeName = serverType };
        };
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

/// <summary>A PostgreSQL statement's rows bound as arrays, a column an array.</summary>
internal static class ArrayRows
{
    /// <summary>
    /// The rows of the arrays <c>@a0</c> … <c>@a{count - 1}</c>, the i-th element of each in the i-th row: each array unnested in
    /// the select list, where PostgreSQL steps through them together. In <c>FROM unnest(@a0, …)</c> each array became a function
    /// scan of its own, its values first copied into a tuple store: a matter's 57 columns cost the server 31–40 µs of CPU a row
    /// against 22–28 µs so (batches of 32, prepared, the server's process timed; docs/scale.md, 7 December). The arrays are of
    /// one length (as in <c>FROM</c>, a shorter one would be padded with nulls).
    /// </summary>
    public static string Select(int count) =>
        "SELECT " + string.Join(", ", Enumerable.Range(0, count).Select(i => "unnest(@" + Name(i) + ")"));

    /// <summary>The name of the parameter that binds the <paramref name="column"/>-th array of <see cref="Select"/>.</summary>
    public static string Name(int column) => "a" + column.ToString(CultureInfo.InvariantCulture);
}
