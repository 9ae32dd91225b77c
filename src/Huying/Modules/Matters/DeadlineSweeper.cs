using Huying.Platform.Audit;
using Huying.Platform.Background;
using Huying.Platform.Notifications;
using Huying.Platform.Data;
using Huying.Platform.Web;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>
/// Deadline work: cards (黄牌 before a deadline, 红牌 after), a supervision notice (督办) to the handler when overdue,
/// escalation to the next level after the configured delay, and closing verified matters whose rating window
/// passed. Safe with several instances: each notice is unique per matter, kind and deadline in the database.
/// </summary>
public sealed class DeadlineSweeper(HuyingContextFactory contexts, HuyingMetrics metrics, TimeProvider clock, IConfiguration configuration, ILogger<DeadlineSweeper> log)
    : PeriodicWork(clock, log, configuration, "Matters:SweepSeconds", 60)
{
    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    /// <summary>
    /// Notices a transaction (<c>Matters:SweepBatch</c>). Each commit writes the pages at the ends of the notices' tables
    /// and indexes again: a 1M catch-up's 59,000 notices took SQLite 6.2–6.5 s a pass at 1,000 a batch (its commits
    /// 1.0–1.7 s of it), 4.5–4.8 s at 5,000. A batch holds SQLite's one write lock ~0.4 s so; intake waits that long
    /// while a catch-up runs.
    /// </summary>
    private int BatchSize => Math.Clamp(Configuration.GetValue("Matters:SweepBatch", 5000), 1, 10_000);

    private TimeSpan EscalationDelay => TimeSpan.FromHours(Configuration.GetValue("Matters:EscalateAfterHours", 24.0));

    /// <summary>
    /// How many batches of notices are written at once (<c>Matters:SweepWriters</c>): one on SQLite, whose file has one
    /// writer, each batch read then written; two on PostgreSQL, where one batch's statements run on the server while the
    /// other's are made ready here, and the next is read meanwhile.
    /// </summary>
    private int Writers => Math.Clamp(Configuration.GetValue("Matters:SweepWriters", contexts.Provider == DatabaseProvider.Sqlite ? 1 : 2), 1, 8);

    /// <summary>One pass; returns how many notices it wrote.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = AuditEntry.Truncate(Clock.GetUtcNow().UtcDateTime);
        await using var db = Context();

        var escalateBefore = now - EscalationDelay;
        if (metrics.Listened)
        {
            // How far behind this pass starts (the oldest notice owed), and what is overdue now.
            var oldest = await db.NextNotices.Where(n => n.At != null && n.At <= now).MinAsync(n => n.At, ct);
            var overdue = await db.Matters.CountAsync(m => (int)m.State <= (int)MatterState.Verified && m.DueAt != null && m.DueAt < now, ct);
            metrics.Sweep(oldest is { } at ? (now - at).TotalSeconds : 0, overdue);
        }
        var written = Writers == 1 ? await WriteInTurnAsync(db, now, escalateBefore, ct) : await WriteAheadAsync(db, now, escalateBefore, ct);
        var expired = await db.Matters.Where(m => m.State == MatterState.Verified && m.RateUntil != null && m.RateUntil < now)
            .OrderBy(m => m.RateUntil).Take(500).ToListAsync(ct);
        foreach (var m in expired)
        {
            try
            {
                var from = m.State;
                m.CloseUnrated(now);
                db.MatterEvents.Add(MatterOutbox.Event(m, "close", from, "System", null, null, now));
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone rated it at this moment; theirs stands.
                db.ChangeTracker.Clear();
            }
        }
        return written;
    }

    /// <summary>
    /// One writer: each batch read, then written, on the pass's one connection. On SQLite (one writer a file) reading
    /// ahead on a second connection saved nothing at 5,000 a batch, and the runs that did had 50–90 MiB more RSS under
    /// intake after a 1M catch-up (docs/scale.md) — that connection's page cache left filled in the pool, I guess.
    /// </summary>
    private async Task<int> WriteInTurnAsync(HuyingDbContext db, DateTime now, DateTime escalateBefore, CancellationToken ct)
    {
        var written = 0;
        await foreach (var owed in ReadOwedAsync(db, now, ct))
        {
            written += await WriteOwedAsync(db, owed, now, escalateBefore, ct);
        }
        return written;
    }

    /// <summary>
    /// Several writers (PostgreSQL): the batches are read on the pass's connection while the batches before them are
    /// written, each writer on a connection of its own; a part that fails stops the others.
    /// </summary>
    private async Task<int> WriteAheadAsync(HuyingDbContext db, DateTime now, DateTime escalateBefore, CancellationToken ct)
    {
        var batches = Channel.CreateBounded<Owed>(new BoundedChannelOptions(2) { SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writing = Enumerable.Range(0, Writers).Select(_ => Stopping(WriteAllAsync(batches.Reader, now, escalateBefore, stop.Token), stop)).ToList();
        var reading = Stopping(ReadAheadAsync(), stop);
        await Task.WhenAll([reading, .. writing]);
        return writing.Sum(w => w.Result);

        async Task<int> ReadAheadAsync()
        {
            try
            {
                await foreach (var owed in ReadOwedAsync(db, now, stop.Token))
                {
                    await batches.Writer.WriteAsync(owed, stop.Token);
                }
                return 0;
            }
            finally
            {
                batches.Writer.TryComplete();
            }
        }
    }

    /// <summary>
    /// The matters owed a notice now, in the order they fell due, a batch at a time: their schedule's index alone, past
    /// the last one read (the batches before may not be written yet), then the columns the notices are addressed by, not
    /// whole matters. Read as one join, PostgreSQL's planner sent two parallel workers to each batch on two busy cores: a
    /// 1M catch-up's reads took 2.4 s so, 1.7 s by id.
    /// </summary>
    private async IAsyncEnumerable<Owed> ReadOwedAsync(HuyingDbContext db, DateTime now, [EnumeratorCancellation] CancellationToken ct)
    {
        var owedNow = db.NextNotices.Where(n => n.At != null && n.At <= now);
        var next = owedNow;
        while (true)
        {
            var owed = await next.OrderBy(n => n.At).ThenBy(n => n.MatterId).Select(n => new { n.MatterId, At = n.At!.Value })
                .Take(BatchSize).ToListAsync(ct);
            if (owed.Count == 0)
            {
                yield break;
            }
            var (at, id) = (owed[^1].At, owed[^1].MatterId);
            next = owedNow.Where(n => n.At > at || (n.At == at && n.MatterId > id));
            var ids = owed.Select(n => n.MatterId).ToList();
            var batch = await db.Matters.AsNoTracking().Where(m => ids.Contains(m.Id) && m.DueAt != null)
                .Select(m => new Due(m.Id, m.TrackingCode, m.CommunityCode, m.GridId, m.UnitId, m.Handler, m.State, m.DueAt))
                .ToListAsync(ct);
            var owing = batch.Select(m => m.Id).ToHashSet();
            yield return new Owed(batch, [.. ids.Where(owedId => !owing.Contains(owedId))]);
        }
    }

    /// <summary>Writes batches until none are left, on this writer's own context and connection.</summary>
    private async Task<int> WriteAllAsync(ChannelReader<Owed> batches, DateTime now, DateTime escalateBefore, CancellationToken ct)
    {
        await using var db = Context();
        var written = 0;
        await foreach (var owed in batches.ReadAllAsync(ct))
        {
            written += await WriteOwedAsync(db, owed, now, escalateBefore, ct);
        }
        return written;
    }

    /// <summary>One batch as read: the schedules that owe nothing cleared, the notices owed written.</summary>
    private async Task<int> WriteOwedAsync(HuyingDbContext db, Owed owed, DateTime now, DateTime escalateBefore, CancellationToken ct)
    {
        var (batch, idle) = owed;
        if (idle.Count > 0)
        {
            // A schedule whose matter owes nothing now (its deadline gone meanwhile) is cleared, not read again.
            await db.NextNotices.Where(n => idle.Contains(n.MatterId) && n.At != null && n.At <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.At, (DateTime?)null), ct);
        }
        if (batch.Count == 0)
        {
            return 0;
        }
        var written = await WriteAsync(db, batch, now, escalateBefore, ct);
        db.ChangeTracker.Clear();
        return written;
    }

    /// <summary>
    /// A context of the pass: its batches write their audit lines linked (<see cref="AuditChain.LinkOwnLines"/>). A 1M
    /// catch-up writes 59,000 lines; left to the linker, each was written, then written again with its place, the
    /// linker's transactions taking SQLite's one write lock between the sweep's batches.
    /// </summary>
    private HuyingDbContext Context()
    {
        var db = contexts.Create(DataScope.System);
        AuditChain.LinkOwnLines(db, log);
        return db;
    }

    /// <summary>A part of the pass that, failing, stops the others: its failure, not their cancellation, is the pass's.</summary>
    private static async Task<T> Stopping<T>(Task<T> work, CancellationTokenSource stop)
    {
        try
        {
            return await work;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>
    /// Writes the notice each matter is due for (its 督办 record, the record's audit line and the in-app notice), a
    /// batch in one transaction through <see cref="RawInserter{T}"/>: a catch-up writes tens of thousands, and EF's per-row
    /// tracking and SQL cost three times the inserts. When another instance wrote some of them first (the unique index
    /// refuses the batch), the batch is written one by one and those are skipped.
    /// </summary>
    private async Task<int> WriteAsync(HuyingDbContext db, List<Due> batch, DateTime now, DateTime escalateBefore, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var notices = batch.Select(m => Notice(m, now, escalateBefore)).ToList();
            await using (var insert = RawInserter<Supervision>.Create(db))
            {
                await insert.InsertAllAsync([.. notices.Select(n => n.Supervision)], ct);
            }
            await using (var insert = RawInserter<Notification>.Create(db))
            {
                await insert.InsertAllAsync([.. notices.Select(n => n.Notice)], ct);
            }
            foreach (var (supervision, _) in notices)
            {
                db.Audit("create", nameof(Supervision), supervision.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            await db.SaveChangesAsync(ct);
            await AdvanceAsync(db, batch, now, escalateBefore, ct);
            await transaction.CommitAsync(ct);
            return batch.Count;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e) && batch.Count > 1)
        {
            var written = 0;
            foreach (var m in batch)
            {
                written += await WriteAsync(db, [m], now, escalateBefore, ct);
            }
            return written;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            log.LogDebug(e, "Notice for matter {Matter} already written", batch[0].Id);
            await AdvanceAsync(db, batch, now, escalateBefore, ct);
            return 0;
        }
    }

    /// <summary>
    /// The next notice of the matters, in one statement (in the notices' transaction, so the two are one): the 督办 at
    /// the deadline, the escalation after the delay, then none — from the deadline as it stands. A step taken
    /// meanwhile set its own notice, later than now, and is left. Only the narrow <see cref="NextNotice"/> rows change:
    /// the matters' are read, not rewritten.
    /// </summary>
    private Task AdvanceAsync(HuyingDbContext db, List<Due> batch, DateTime now, DateTime escalateBefore, CancellationToken ct)
    {
        var ids = batch.Select(m => m.Id).ToList();
        var hours = EscalationDelay.TotalHours;
        var matters = db.Matters;
        return db.NextNotices.Where(n => ids.Contains(n.MatterId) && n.At != null && n.At <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.At, n => matters.Where(x => x.Id == n.MatterId)
                .Select(x => x.DueAt == null || x.DueAt <= escalateBefore ? null : x.DueAt <= now ? x.DueAt!.Value.AddHours(hours) : x.DueAt)
                .FirstOrDefault()), ct);
    }

    /// <summary>Before the deadline a warning, from it the 督办, after the delay the escalation.</summary>
    private static SupervisionKind KindOf(DateTime due, DateTime now, DateTime escalateBefore) =>
        due <= escalateBefore ? SupervisionKind.Escalation : due <= now ? SupervisionKind.Overdue : SupervisionKind.Warning;

    private static (Supervision Supervision, Notification Notice) Notice(Due m, DateTime now, DateTime escalateBefore)
    {
        var due = m.DueAt!.Value;
        var kind = KindOf(due, now, escalateBefore);
        var addressedTo = kind == SupervisionKind.Escalation
            ? m.Handler == HandlerLevel.Grid ? "Community" : "Town"
            : m.Handler.ToString();
        var supervision = MatterOutbox.Supervision(m, kind, now, addressedTo);
        supervision.DueAt = due;
        var (text, audience) = kind switch
        {
            SupervisionKind.Warning => ("Deadline near (yellow card)", Audience.Handler),
            SupervisionKind.Overdue => ("Overdue: supervision notice (red card)", Audience.Handler),
            _ => ("Overdue matter escalated to you", Audience.Supervisor),
        };
        return (supervision, MatterOutbox.InApp(m, text, m.TrackingCode, audience, gridLevel: audience == Audience.Handler && m.Handler == HandlerLevel.Grid, now));
    }

    /// <summary>A batch as read: the matters owed a notice, and those whose schedule owes nothing now.</summary>
    private sealed record Owed(List<Due> Batch, List<long> Idle);

    /// <summary>A matter owed a notice, as the sweep reads it.</summary>
    private sealed record Due(long Id, string TrackingCode, string CommunityCode, long? GridId, long? UnitId, HandlerLevel Handler,
        MatterState State, DateTime? DueAt) : IMatterAddress;
}
