using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Huying.Platform.Data;

/// <summary>
/// One statement prepared on a SQLite connection and run row after row, its values bound by position exactly as
/// Microsoft.Data.Sqlite binds a parameter of the same type left to its default (text as UTF-8, date-times as
/// <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, booleans as 0/1): the same bytes in the file, without a parameter object,
/// a name look-up and a reader a row. Only the types in <see cref="Binds"/>; a busy database is waited for as
/// Microsoft.Data.Sqlite waits (up to the command's timeout).
/// </summary>
internal sealed class SqliteDirect : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly int timeoutSeconds;

    public SqliteDirect(SqliteConnection connection, string sql, int timeoutSeconds)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open");
        this.timeoutSeconds = timeoutSeconds;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out statement), db);
    }

    /// <summary>Whether a value of this CLR type (after the model's conversion) is bound here.</summary>
    public static bool Binds(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(string) || t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(byte)
            || t == typeof(bool) || t == typeof(double) || t == typeof(DateTime) || t == typeof(byte[]));

    public void Bind(int index, object value)
    {
        var rc = value switch
        {
            DBNull => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text16(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            short number => raw.sqlite3_bind_int64(statement, index, number),
            byte number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double real => double.IsNaN(real) ? throw new InvalidOperationException("NaN cannot be stored")
                : raw.sqlite3_bind_double(statement, index, real),
            DateTime at => BindTime(index, at),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new NotSupportedException($"A {value.GetType().Name} is not bound directly"),
        };
        SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>A time as Microsoft.Data.Sqlite writes it, formatted on the stack: every intake binds a dozen.</summary>
    private int BindTime(int index, DateTime at)
    {
        Span<char> text = stackalloc char[32];
        return at.TryFormat(text, out var length, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)
            ? raw.sqlite3_bind_text16(statement, index, text[..length])
            : throw new InvalidOperationException($"{at:O} does not fit the stored form");
    }

    /// <summary>Runs an INSERT with the values bound and returns the rowid it gave its row (an INTEGER PRIMARY KEY's value).</summary>
    public long StepForRowid()
    {
        Step();
        // The connection's last insert outside any trigger: the row this statement inserted.
        return raw.sqlite3_last_insert_rowid(db);
    }

    /// <summary>Runs the statement (one that returns no rows) with the values bound.</summary>
    public void Step() => Finish(StepWaiting());

    /// <summary>One step, the busy database waited for as Microsoft.Data.Sqlite waits.</summary>
    private int StepWaiting()
    {
        var started = Environment.TickCount64;
        int rc;
        while ((rc = raw.sqlite3_step(statement)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED
            && Environment.TickCount64 - started < timeoutSeconds * 1000L)
        {
            raw.sqlite3_reset(statement);
            Thread.Sleep(1);
        }
        return rc;
    }

    private void Finish(int rc)
    {
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public void Dispose() => statement.Dispose();
}

/// <summary>
/// Statements kept prepared on one SQLite connection for a context that writes the same statements batch after batch
/// on a connection it holds open (the intake writer): preparing them again at every batch was ~5 % of the app's CPU
/// under intake. Dropped with the context, and whenever the context's connection is another one.
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    private sqlite3? handle;
    private readonly Dictionary<string, SqliteDirect> kept = new(StringComparer.Ordinal);

    /// <summary>The statement for <paramref name="sql"/> on this connection, prepared on first use.</summary>
    public SqliteDirect Get(SqliteConnection connection, string sql, int timeoutSeconds)
    {
        if (!ReferenceEquals(handle, connection.Handle))
        {
            Dispose();
            handle = connection.Handle;
        }
        if (!kept.TryGetValue(sql, out var statement))
        {
            kept[sql] = statement = new SqliteDirect(connection, sql, timeoutSeconds);
        }
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in kept.Values)
        {
            statement.Dispose();
        }
        kept.Clear();
        handle = null;
    }
}

/// <summary>
/// One write statement run again and again (an upsert of counters): on SQLite, by a context that keeps its statements
/// (<see cref="HuyingDbContext.KeepStatements"/>) on its open connection, bound straight to the statement kept for it;
/// otherwise through EF, as <c>ExecuteSqlRawAsync</c> runs it.
/// </summary>
public static partial class KeptSql
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Positional = new(StringComparer.Ordinal);

    /// <param name="sql">The statement with <c>{0}</c>, <c>{1}</c>… where the values go, as <c>ExecuteSqlRawAsync</c> takes it.</param>
    public static Task ExecuteAsync(HuyingDbContext db, string sql, object?[] values, CancellationToken ct)
    {
        if (db.Statements is { } kept && db.Database.GetDbConnection() is SqliteConnection { State: System.Data.ConnectionState.Open } connection
            && values.All(v => v is null || SqliteDirect.Binds(v.GetType())))
        {
            ct.ThrowIfCancellationRequested();
            var statement = kept.Get(connection, Positional.GetOrAdd(sql, static s => Placeholder().Replace(s,
                m => "?" + (int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture))),
                db.Database.GetCommandTimeout() ?? 30);
            for (var i = 0; i < values.Length; i++)
            {
                statement.Bind(i + 1, values[i] ?? DBNull.Value);
            }
            statement.Step();
            return Task.CompletedTask;
        }
        return db.Database.ExecuteSqlRawAsync(sql, values.Select(v => v ?? DBNull.Value), ct);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\d+)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
