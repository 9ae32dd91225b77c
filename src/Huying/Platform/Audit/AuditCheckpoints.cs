using System.Globalization;
using Huying.Platform.Background;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Audit;

/// <summary>
/// A head of the audit chain as seen at a moment, kept outside the database; <see cref="First"/> is the hash of the
/// chain's first line, which tells one database's chain from another's (a fresh database starts a new chain).
/// </summary>
public sealed record Checkpoint(long Sequence, string Hash, DateTime At, string First);

/// <summary>
/// The heads of the audit chain, appended to a file outside the database (<see cref="ChainKey.CheckpointFile"/>),
/// each line keyed so it cannot be forged without the key. The verifier compares the chain with the last one: a
/// line removed from the end, or a rewritten chain, no longer matches what was seen. Written every few minutes,
/// after the demo is seeded and after each verification that found the chain intact.
/// </summary>
public static class AuditCheckpoints
{
    private static readonly Lock Gate = new();

    /// <summary>Records the chain's current head when it moved since the last checkpoint.</summary>
    public static async Task WriteAsync(HuyingDbContext db, DateTime now, CancellationToken ct = default)
    {
        await AuditChain.LinkAsync(db, wait: true, ct);
        var lines = db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null);
        var first = await lines.Where(a => a.Sequence == 1).Select(a => a.Hash).FirstOrDefaultAsync(ct);
        var head = await lines.OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        if (first is not null && head is { Sequence: { } sequence, Hash: { } hash })
        {
            Write(db.Chain, new Checkpoint(sequence, hash, now, first));
        }
    }

    /// <summary>
    /// After a restore: the restored chain's head becomes the last checkpoint, though earlier ones saw more (the lines
    /// after it are gone by the operator's act, which the restore writes into the chain itself).
    /// </summary>
    public static void Restored(ChainKey key, Checkpoint head)
    {
        lock (Gate)
        {
            var text = Line(head);
            Directory.CreateDirectory(Path.GetDirectoryName(key.CheckpointFile)!);
            File.AppendAllText(key.CheckpointFile, $"{text} {key.Mac(text)}\n");
        }
    }

    /// <summary>Records a head (one the verifier just walked to); nothing when the last checkpoint is as far.</summary>
    public static void Write(ChainKey key, Checkpoint checkpoint)
    {
        lock (Gate)
        {
            if (Last(key, checkpoint.First) is { } last && last.Sequence >= checkpoint.Sequence)
            {
                return;
            }
            var text = Line(checkpoint);
            Directory.CreateDirectory(Path.GetDirectoryName(key.CheckpointFile)!);
            File.AppendAllText(key.CheckpointFile, $"{text} {key.Mac(text)}\n");
        }
    }

    /// <summary>
    /// The last checkpoint of the chain that starts with <paramref name="first"/> whose key holds (a forged or damaged
    /// line is passed over), or null. With no first line (the chain was emptied), the last checkpoint of any chain.
    /// </summary>
    public static Checkpoint? Last(ChainKey key, string? first)
    {
        if (!File.Exists(key.CheckpointFile))
        {
            return null;
        }
        foreach (var line in File.ReadLines(key.CheckpointFile).Reverse())
        {
            var parts = line.Split(' ');
            if (parts.Length == 5 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var sequence)
                && DateTime.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            {
                var checkpoint = new Checkpoint(sequence, parts[1], at, parts[3]);
                if (key.Mac(Line(checkpoint)) == parts[4] && (first is null || first == checkpoint.First))
                {
                    return checkpoint;
                }
            }
        }
        return null;
    }

    private static string Line(Checkpoint c) =>
        $"{c.Sequence.ToString(CultureInfo.InvariantCulture)} {c.Hash} {c.At.ToString("O", CultureInfo.InvariantCulture)} {c.First}";
}

/// <summary>Writes a checkpoint every <c>Audit:CheckpointSeconds</c> (600).</summary>
public sealed class CheckpointWriter(HuyingContextFactory contexts, TimeProvider clock, IConfiguration configuration, ILogger<CheckpointWriter> log)
    : PeriodicWork(clock, log, configuration, "Audit:CheckpointSeconds", 600)
{
    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var db = contexts.Create(DataScope.System);
        await AuditCheckpoints.WriteAsync(db, Clock.GetUtcNow().UtcDateTime, ct);
    }
}
