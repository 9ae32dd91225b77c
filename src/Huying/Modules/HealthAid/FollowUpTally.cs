using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.HealthAid;

/// <summary>
/// How many follow-ups one enrolment had in one calendar year, kept current on every save (see
/// <see cref="FollowUpTallies"/>): the managed rate of a year, or of a year to date, reads one row per patient
/// instead of every follow-up. The enrolment's plan and dates are copied beside the count, so that the rate reads
/// this table alone. A count, nothing clinical: it is not sealed.
/// </summary>
public sealed class FollowUpTally : ICommunityScoped
{
    public required string CommunityCode { get; set; }
    public int Year { get; set; }
    public long EnrolmentId { get; set; }
    public int Count { get; set; }
    public int IntervalDays { get; set; }
    public DateOnly EnrolledOn { get; set; }
    public DateOnly? EndedOn { get; set; }
}

public sealed class FollowUpTallyConfiguration : IEntityTypeConfiguration<FollowUpTally>
{
    public void Configure(EntityTypeBuilder<FollowUpTally> b)
    {
        b.ToTable("FollowUpTallies");
        // The enrolment's own row is found by its village, year and id (the rate asks once per patient).
        b.HasKey(t => new { t.CommunityCode, t.Year, t.EnrolmentId });
        b.Property(t => t.CommunityCode).HasMaxLength(12);
        // A division's year, those on one plan followed often enough, from the index alone.
        b.HasIndex(t => new { t.Year, t.CommunityCode, t.IntervalDays, t.Count, t.EnrolledOn, t.EndedOn });
    }
}

/// <summary>
/// Turns tracked follow-ups (added, moved to another day, removed) into per-year deltas of <see cref="FollowUpTally"/>,
/// and an enrolment's changed plan or dates into its tallies' copies, in the same transaction.
/// </summary>
public sealed class FollowUpTallies : ISaveHook
{
    private sealed record Key(string CommunityCode, int Year, long EnrolmentId);

    private static Key Read(PropertyValues v) =>
        new(v.GetValue<string>(nameof(FollowUp.CommunityCode)), v.GetValue<DateOnly>(nameof(FollowUp.On)).Year, v.GetValue<long>(nameof(FollowUp.EnrolmentId)));

    public Func<CancellationToken, Task>? Capture(HuyingDbContext db)
    {
        var deltas = new Dictionary<Key, int>();
        foreach (var e in db.ChangeTracker.Entries<FollowUp>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (e.State != EntityState.Added)
            {
                var before = Read(e.OriginalValues);
                deltas[before] = deltas.GetValueOrDefault(before) - 1;
            }
            if (e.State != EntityState.Deleted)
            {
                var now = Read(e.CurrentValues);
                deltas[now] = deltas.GetValueOrDefault(now) + 1;
            }
        }
        var changed = deltas.Where(d => d.Value != 0).ToList();
        var replanned = db.ChangeTracker.Entries<Enrolment>()
            .Where(e => e.State == EntityState.Modified && (e.Property(x => x.IntervalDays).IsModified || e.Property(x => x.EnrolledOn).IsModified
                || e.Property(x => x.EndedOn).IsModified))
            .Select(e => e.Entity.Id).ToList();
        return changed.Count == 0 && replanned.Count == 0 ? null : async ct =>
        {
            foreach (var (k, n) in changed)
            {
                // An atomic upsert, the same SQL on SQLite and PostgreSQL: concurrent saves add up (the enrolment's plan and
                // dates come with the first row; SQLite needs the WHERE to read ON CONFLICT as the upsert).
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "FollowUpTallies" ("CommunityCode", "Year", "EnrolmentId", "Count", "IntervalDays", "EnrolledOn", "EndedOn")
                    SELECT {k.CommunityCode}, {k.Year}, {k.EnrolmentId}, {n}, e."IntervalDays", e."EnrolledOn", e."EndedOn" FROM "Enrolments" AS e WHERE e."Id" = {k.EnrolmentId}
                    ON CONFLICT ("CommunityCode", "Year", "EnrolmentId") DO UPDATE SET "Count" = "FollowUpTallies"."Count" + excluded."Count"
                    """, ct);
            }
            foreach (var id in replanned)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    UPDATE "FollowUpTallies" SET
                        "IntervalDays" = (SELECT e."IntervalDays" FROM "Enrolments" AS e WHERE e."Id" = {id}),
                        "EnrolledOn" = (SELECT e."EnrolledOn" FROM "Enrolments" AS e WHERE e."Id" = {id}),
                        "EndedOn" = (SELECT e."EndedOn" FROM "Enrolments" AS e WHERE e."Id" = {id})
                    WHERE "EnrolmentId" = {id}
                    """, ct);
            }
        };
    }

    /// <summary>Rebuilds the tallies from the follow-ups themselves (after the demo's bulk writes, or to check them).</summary>
    public async Task RecountAsync(HuyingDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<FollowUpTally>().IgnoreQueryFilters().ExecuteDeleteAsync(ct);
        var counts = await db.Set<FollowUp>().IgnoreQueryFilters().AsNoTracking()
            .GroupBy(f => new { f.CommunityCode, f.On.Year, f.EnrolmentId })
            .Select(g => new { g.Key.CommunityCode, g.Key.Year, g.Key.EnrolmentId, N = g.Count() }).ToListAsync(ct);
        var plans = await db.Set<Enrolment>().IgnoreQueryFilters().AsNoTracking()
            .Select(e => new { e.Id, e.IntervalDays, e.EnrolledOn, e.EndedOn }).ToDictionaryAsync(e => e.Id, ct);
        foreach (var chunk in counts.Where(c => plans.ContainsKey(c.EnrolmentId)).Chunk(2000))
        {
            db.Set<FollowUpTally>().AddRange(chunk.Select(c => new FollowUpTally
            {
                CommunityCode = c.CommunityCode, Year = c.Year, EnrolmentId = c.EnrolmentId, Count = c.N, IntervalDays = plans[c.EnrolmentId].IntervalDays,
                EnrolledOn = plans[c.EnrolmentId].EnrolledOn, EndedOn = plans[c.EnrolmentId].EndedOn,
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(ct);
    }
}
