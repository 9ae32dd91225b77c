using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Matters;

/// <summary>
/// When the deadline sweep next owes a matter a notice (the warning, the 督办, the escalation); null when none. A row a
/// matter, in a narrow table of its own: the sweep moves tens of thousands of these in a catch-up, and on PostgreSQL
/// every moved value is a new version of its row with an entry in each of the row's indexes — two here, a dozen on
/// the matter (<see cref="DeadlineSweeper"/>).
/// </summary>
public sealed class NextNotice
{
    public long MatterId { get; set; }
    public DateTime? At { get; set; }
}

public sealed class NextNoticeConfiguration : IEntityTypeConfiguration<NextNotice>
{
    public void Configure(EntityTypeBuilder<NextNotice> b)
    {
        b.ToTable("NextNotices");
        b.HasKey(n => n.MatterId);
        b.Property(n => n.MatterId).ValueGeneratedNever();
        // The sweep reads only the matters it owes a notice now, in the order they fell due. No foreign key: matters
        // are never deleted, and on PostgreSQL the key's check would lock the matter's row at every write of this one.
        b.HasIndex(n => new { n.At, n.MatterId }).HasFilter("\"At\" IS NOT NULL");
    }
}

/// <summary>
/// Keeps each matter's <see cref="NextNotice"/>: a new matter, or one whose deadline moved (a new stage, an extension),
/// is next owed the warning of that deadline. The sweep moves it on from there as it writes the notices.
/// </summary>
public sealed class NextNotices : ISaveHook
{
    public Func<CancellationToken, Task>? Capture(HuyingDbContext db)
    {
        var added = new List<Matter>();
        var moved = new List<Matter>();
        foreach (var entry in db.ChangeTracker.Entries<Matter>())
        {
            if (entry.State == EntityState.Added)
            {
                added.Add(entry.Entity);
            }
            else if (entry.State == EntityState.Modified && (entry.Property(m => m.DueAt).IsModified || entry.Property(m => m.WarnAt).IsModified))
            {
                moved.Add(entry.Entity);
            }
        }
        if (added.Count == 0 && moved.Count == 0)
        {
            return null;
        }
        return async ct =>
        {
            // Ids are known once the rows are written: after the save, in its transaction.
            var missing = new List<Matter>(added);
            foreach (var m in moved)
            {
                var at = m.WarnAt;
                if (await db.NextNotices.Where(n => n.MatterId == m.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.At, at), ct) == 0)
                {
                    missing.Add(m);
                }
            }
            await AddAsync(db, missing, ct);
        };
    }

    /// <summary>The schedules of newly written matters (for writers that bypass change tracking), in the caller's transaction.</summary>
    public static async Task AddAsync(HuyingDbContext db, IReadOnlyCollection<Matter> matters, CancellationToken ct)
    {
        if (matters.Count == 0)
        {
            return;
        }
        await using var insert = RawInserter<NextNotice>.Create(db);
        await insert.InsertAllAsync([.. matters.Select(m => new NextNotice { MatterId = m.Id, At = m.WarnAt })], ct);
    }

    /// <summary>
    /// Gives each matter written by bulk SQL (without one) its schedule: the warning of its deadline. The others' are
    /// the sweep's progress, and stay.
    /// </summary>
    public async Task RecountAsync(HuyingDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "NextNotices" ("MatterId", "At")
            SELECT m."Id", m."WarnAt" FROM "Matters" m
            WHERE NOT EXISTS (SELECT 1 FROM "NextNotices" n WHERE n."MatterId" = m."Id")
            """, ct);
    }
}
