using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Spectre.Console;

namespace Huying.Platform.Cli;

/// <summary>
/// `backup &lt;file&gt;` and `restore &lt;file&gt;`, for either provider, while the app runs: SQLite through its online
/// backup API (a consistent copy page by page, writers wait only for each step), PostgreSQL through pg_dump /
/// pg_restore (custom format, one transaction). Beside the backup, the counts of its tables and the audit chain's head
/// (&lt;file&gt;.json); a restore checks the restored database against them and walks the audit chain. A restore of an
/// older backup removes the chain's later lines by the operator's act: it says so in the chain itself (a "restore"
/// line naming the head it replaced) and makes the restored head the last checkpoint, so the verifier reads an
/// honest, declared truncation instead of a tampered one.
/// </summary>
public static class Backups
{
    public sealed record Manifest(DateTime At, string Provider, long AuditSequence, string? AuditHead, Dictionary<string, long> Counts);

    /// <summary>The tables whose row counts a restore must give back exactly.</summary>
    private static readonly string[] Counted = ["AuditEntries", "Matters", "People", "Households", "Communities", "Notices", "Projects", "Attachments"];

    public static async Task<int> BackupAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2)
        {
            AnsiConsole.MarkupLine("[red]Usage:[/] backup <file>");
            return 2;
        }
        var file = Path.GetFullPath(args[1]);
        var contexts = services.GetRequiredService<HuyingContextFactory>();
        await using (var db = contexts.Create(DataScope.System))
        {
            // The manifest names the chain's head: the lines written so far are linked into it first.
            await AuditChain.LinkAsync(db, wait: true, CancellationToken.None);
        }
        if (contexts.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(contexts.ConnectionString);
            await source.OpenAsync();
            File.Delete(file);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await target.OpenAsync();
            source.BackupDatabase(target);
            // The copy carries the live file's write-ahead mode; a backup is one file at rest, and opening a write-ahead
            // file read-only (as restore does) leaves its -wal and -shm files behind beside it.
            await using var rollback = target.CreateCommand();
            rollback.CommandText = "PRAGMA journal_mode=DELETE";
            await rollback.ExecuteNonQueryAsync();
        }
        else if (await PgToolAsync("pg_dump", contexts.ConnectionString, ["--format=custom", "--no-owner", $"--file={file}"]) is var code and not 0)
        {
            return code;
        }
        // The manifest is taken of the copy itself, so it says what the file holds.
        var manifest = await ManifestAsync(contexts.Provider, contexts.Provider == DatabaseProvider.Sqlite ? $"Data Source={file};Pooling=False" : contexts.ConnectionString,
            services.GetRequiredService<TimeProvider>());
        await File.WriteAllTextAsync(file + ".json", JsonSerializer.Serialize(manifest));
        AnsiConsole.MarkupLine($"[green]Backed up[/] to {Markup.Escape(file)}: {manifest.AuditSequence:N0} audit lines, {Markup.Escape(Describe(manifest.Counts))}.");
        return 0;
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            AnsiConsole.MarkupLine("[red]Usage:[/] restore <file> (a file written by backup)");
            return 2;
        }
        var file = Path.GetFullPath(args[1]);
        var contexts = services.GetRequiredService<HuyingContextFactory>();
        var clock = services.GetRequiredService<TimeProvider>();
        var before = await ManifestAsync(contexts.Provider, contexts.ConnectionString, clock);
        if (contexts.Provider == DatabaseProvider.Sqlite)
        {
            var copy = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            try
            {
                // Read before anything is overwritten: a file that is not one of our databases changes nothing.
                await ManifestAsync(DatabaseProvider.Sqlite, copy, clock);
            }
            catch (SqliteException e)
            {
                AnsiConsole.MarkupLine($"[red]Not a backup of this app:[/] {Markup.Escape(e.Message)}");
                return 1;
            }
            await using var source = new SqliteConnection(copy);
            await source.OpenAsync();
            await using var target = new SqliteConnection(contexts.ConnectionString);
            await target.OpenAsync();
            source.BackupDatabase(target);
        }
        else if (await PgToolAsync("pg_restore", contexts.ConnectionString, ["--clean", "--if-exists", "--no-owner", "--single-transaction", file]) is var code and not 0)
        {
            return code;
        }
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        var restored = await ManifestAsync(contexts.Provider, contexts.ConnectionString, clock);
        if (File.Exists(file + ".json") && JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(file + ".json")) is { } expected)
        {
            var differ = expected.Counts.Where(c => restored.Counts.GetValueOrDefault(c.Key, -1) != c.Value).Select(c => c.Key).ToList();
            if (differ.Count > 0 || expected.AuditHead != restored.AuditHead)
            {
                AnsiConsole.MarkupLine($"[red]The restored database differs from the backup's manifest:[/] {Markup.Escape(string.Join(", ", differ.DefaultIfEmpty("audit head")))}.");
                return 1;
            }
        }
        await using (var db = contexts.Create(DataScope.System))
        {
            if (restored.AuditHead is { } head && await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == 1).Select(a => a.Hash).FirstOrDefaultAsync() is { } first)
            {
                AuditCheckpoints.Restored(db.Chain, new Checkpoint(restored.AuditSequence, head, clock.GetUtcNow().UtcDateTime, first));
            }
            db.Audit("restore", "Database", null, $"from {Path.GetFileName(file)}: chain head {restored.AuditSequence} ({restored.AuditHead}) replaces {before.AuditSequence} ({before.AuditHead})");
            await db.SaveChangesAsync();
            var verified = await AuditVerifier.VerifyAsync(db);
            if (!verified.Intact)
            {
                AnsiConsole.MarkupLine($"[red]Restored, but the audit trail is broken at line {verified.BrokenAt}:[/] {Markup.Escape(verified.Reason ?? "")}");
                return 1;
            }
            AnsiConsole.MarkupLine($"[green]Restored[/] from {Markup.Escape(file)}: {Markup.Escape(Describe(restored.Counts))}; audit trail intact ({verified.Checked:N0} lines, the restore recorded).");
        }
        return 0;
    }

    private static string Describe(Dictionary<string, long> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}"));

    private static async Task<Manifest> ManifestAsync(DatabaseProvider provider, string connectionString, TimeProvider clock)
    {
        await using System.Data.Common.DbConnection connection = provider == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in Counted)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        await using var head = connection.CreateCommand();
        head.CommandText = "SELECT \"Sequence\", \"Hash\" FROM \"AuditEntries\" WHERE \"Sequence\" IS NOT NULL ORDER BY \"Sequence\" DESC LIMIT 1";
        await using var reader = await head.ExecuteReaderAsync();
        var (sequence, hash) = await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetString(1)) : (0L, null);
        return new Manifest(clock.GetUtcNow().UtcDateTime, provider.ToString(), sequence, hash, counts);
    }

    /// <summary>Runs pg_dump or pg_restore against the app's database (the password through the environment, never the command line).</summary>
    private static async Task<int> PgToolAsync(string tool, string connectionString, string[] args)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true };
        foreach (var arg in new[] { $"--host={csb.Host}", $"--port={csb.Port}", $"--username={csb.Username}", $"--dbname={csb.Database}" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        if (!string.IsNullOrEmpty(csb.Password))
        {
            start.Environment["PGPASSWORD"] = csb.Password;
        }
        try
        {
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                AnsiConsole.MarkupLine($"[red]{tool} failed:[/] {Markup.Escape(errors.Trim())}");
            }
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            AnsiConsole.MarkupLine($"[red]{tool} is not installed[/] (Debian: apt-get install postgresql-client).");
            return 2;
        }
    }
}
