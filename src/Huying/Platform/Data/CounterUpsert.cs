using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Huying.Platform.Data;

/// <summary>
/// An atomic upsert of counters into <paramref name="table"/>: the row of <paramref name="keys"/> made with
/// <paramref name="counters"/>, or each counter added to the row's (concurrent saves add up). A row's values go in the
/// keys' order, then the counters'. On SQLite one statement a row (kept prepared by a context that keeps its statements,
/// <see cref="KeptSql"/>); on PostgreSQL every row in one statement, a column an array. A round trip a row had cost a
/// batch of intakes a round trip for each category's and community's day and month: with the intakes spread over ten
/// categories, 1.36× the intake rate on PostgreSQL (bench intake-ab, HUYING_BENCH_CATEGORIES=spread, 6 December; 0.97×
/// with one category, where a batch has two such rows).
/// </summary>
public sealed class CounterUpsert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> counters)
{
    private static string Quoted(string column) => $"\"{column}\"";

    private readonly string oneRow = Insert(table, keys, counters,
        "VALUES (" + string.Join(", ", keys.Concat(counters).Select((_, i) => "{" + i.ToString(CultureInfo.InvariantCulture) + "}")) + ")");

    private readonly string allRows = Insert(table, keys, counters,
        ArrayRows.Select(keys.Count + counters.Count));

    private static string Insert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> counters, string values) =>
        $"INSERT INTO \"{table}\" ({string.Join(", ", keys.Concat(counters).Select(Quoted))}) {values} "
        + $"ON CONFLICT ({string.Join(", ", keys.Select(Quoted))}) DO UPDATE SET "
        + string.Join(", ", counters.Select(c => $"\"{c}\" = \"{table}\".\"{c}\" + excluded.\"{c}\""));

    /// <summary>Adds <paramref name="rows"/> (no two with the same keys), in the order of their keys: every writer upserts
    /// in the same order, so two transactions upserting the same rows never wait for each other crosswise.</summary>
    public async Task ApplyAsync(HuyingDbContext db, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var width = keys.Count + counters.Count;
        if (rows.Any(r => r.Length != width))
        {
            throw new ArgumentException($"Each row of {table} has {width} values", nameof(rows));
        }
        if (rows.Count == 0)
        {
            return;
        }
        rows = [.. rows.Order(Comparer<object?[]>.Create(CompareKeys))];
        if ((rows.Count > 1 || db.Held is not null) && db.Database.IsNpgsql() && rows.All(r => r.All(v => v is not null)))
        {
            var parameters = new NpgsqlParameter[width];
            for (var c = 0; c < width; c++)
            {
                var values = Array.CreateInstance(rows[0][c]!.GetType(), rows.Count);
                for (var r = 0; r < rows.Count; r++)
                {
                    values.SetValue(rows[r][c], r);
                }
                parameters[c] = new NpgsqlParameter(ArrayRows.Name(c), values);
            }
            if (db.Held is { } held)
            {
                held.Add(allRows, parameters);
                return;
            }
            await db.Database.ExecuteSqlRawAsync(allRows, parameters, ct);
            return;
        }
        foreach (var row in rows)
        {
            await KeptSql.ExecuteAsync(db, oneRow, row, ct);
        }
    }

    private int CompareKeys(object?[] a, object?[] b)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var order = (a[i], b[i]) switch
            {
                (string x, string y) => string.CompareOrdinal(x, y),
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                (IComparable x, var y) => x.CompareTo(y),
                _ => 0,
            };
            if (order != 0)
            {
                return order;
            }
        }
        return 0;
    }
}
