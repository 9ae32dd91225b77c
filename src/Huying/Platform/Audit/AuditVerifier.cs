using System.Data.Common;
using System.Globalization;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Audit;

public sealed record AuditVerification(long Checked, long? BrokenAt, string? Reason)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// Links what is waiting (<see cref="AuditChain"/>), then walks the chain in order and reports the first line whose keyed hash or link does not hold, then compares it with
/// the last checkpoint kept outside the database (a removed tail, a rewritten chain). Rows are read as raw
/// values, never trusted to be well-formed: a line someone edited into something unreadable is a broken chain at
/// that line, not a crash.
/// </summary>
public static class AuditVerifier
{
    private const int Page = 5000;

    public static async Task<AuditVerification> VerifyAsync(HuyingDbContext db, CancellationToken ct = default)
    {
        await AuditChain.LinkAsync(db, wait: true, ct);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }
        try
        {
            var previous = AuditEntry.GenesisHash;
            long expected = 1;
            Checkpoint? checkpoint = null;
            string? first = null, hashAtCheckpoint = null;
            while (true)
            {
                var rows = await ReadAsync(connection, expected - 1, ct);
                foreach (var row in rows)
                {
                    var entry = Parse(row);
                    if (entry is null)
                    {
                        return new(expected - 1, expected, "its content cannot be read");
                    }
                    if (entry.Sequence != expected)
                    {
                        return new(expected - 1, expected, "this line is missing");
                    }
                    if (entry.PreviousHash != previous)
                    {
                        return new(expected - 1, entry.Sequence, "its link to the line before does not match");
                    }
                    if (entry.ComputeSeal(db.Chain) != entry.Seal || AuditEntry.ComputeHash(db.Chain, expected, entry.Seal, previous) != entry.Hash)
                    {
                        return new(expected - 1, entry.Sequence, "its content does not match its hash");
                    }
                    if (entry.Sequence == 1)
                    {
                        first = entry.Hash;
                        checkpoint = AuditCheckpoints.Last(db.Chain, first);
                    }
                    if (entry.Sequence == checkpoint?.Sequence)
                    {
                        hashAtCheckpoint = entry.Hash;
                    }
                    previous = entry.Hash!;
                    expected++;
                }
                if (rows.Count < Page)
                {
                    // The chain holds in itself; it must also hold what was seen of it from outside the database.
                    checkpoint ??= first is null ? AuditCheckpoints.Last(db.Chain, null) : null;
                    if (checkpoint is not null && expected - 1 < checkpoint.Sequence)
                    {
                        return new(expected - 1, expected, "lines from here on were removed: a checkpoint outside the database saw more");
                    }
                    if (checkpoint is not null && hashAtCheckpoint != checkpoint.Hash)
                    {
                        return new(expected - 1, checkpoint.Sequence, "this line differs from the checkpoint kept outside the database");
                    }
                    if (first is not null)
                    {
                        AuditCheckpoints.Write(db.Chain, new Checkpoint(expected - 1, previous, db.Clock.GetUtcNow().UtcDateTime, first));
                    }
                    return new(expected - 1, null, null);
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>The next page of lines after a sequence number, every column as the database gives it.</summary>
    private static async Task<List<object?[]>> ReadAsync(DbConnection connection, long after, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT "Sequence", "At", "UserId", "UserName", "Action", "EntityType", "EntityId", "Details", "Address", "PreviousHash", "Hash", "Seal"
            FROM "AuditEntries" WHERE "Sequence" > @after ORDER BY "Sequence" LIMIT {Page}
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@after";
        parameter.Value = after;
        command.Parameters.Add(parameter);
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                // SQLite hands back whatever was stored; reading as an object never throws on a wrong type.
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The line as written, or null when a column cannot be what the chain hashed.</summary>
    private static AuditEntry? Parse(object?[] row)
    {
        try
        {
            var at = row[1] switch
            {
                DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
                string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d) => d,
                _ => (DateTime?)null,
            };
            if (at is null || row[0] is null || row[3] is not string userName || row[4] is not string action || row[5] is not string entityType
                || row[9] is not string previous || row[10] is not string hash || row[11] is not string seal)
            {
                return null;
            }
            return new AuditEntry
            {
                Sequence = Convert.ToInt64(row[0], CultureInfo.InvariantCulture),
                At = at.Value,
                UserId = row[2] is null ? null : Convert.ToInt64(row[2], CultureInfo.InvariantCulture),
                UserName = userName,
                Action = action,
                EntityType = entityType,
                EntityId = row[6] as string,
                Details = row[7] as string,
                Address = row[8] as string,
                PreviousHash = previous,
                Hash = hash,
                Seal = seal,
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }
}
