using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Organisation;

/// <summary>
/// Households, residents and party members of one grid, kept current on every save (see
/// <see cref="GridTallies"/>) so that county figures read a few dozen rows instead of counting every resident.
/// </summary>
public sealed class GridTally : ICommunityScoped
{
    public long GridId { get; set; }
    public required string CommunityCode { get; set; }
    public int Households { get; set; }
    public int People { get; set; }
    public int PartyMembers { get; set; }
}

public sealed class GridTallyConfiguration : IEntityTypeConfiguration<GridTally>
{
    public void Configure(EntityTypeBuilder<GridTally> b)
    {
        b.ToTable("GridTallies");
        b.HasKey(t => t.GridId);
        b.Property(t => t.GridId).ValueGeneratedNever();
        b.Property(t => t.CommunityCode).HasMaxLength(12);
        b.HasIndex(t => t.CommunityCode);
    }
}

/// <summary>Turns the tracked changes of households and people into per-grid deltas, applied in the same transaction.</summary>
public sealed class GridTallies : ISaveHook
{
    private sealed record Delta(string CommunityCode)
    {
        public int Households;
        public int People;
        public int PartyMembers;
    }

    /// <summary>Read before the save: what each added, removed or moved household and person changes.</summary>
    public Func<CancellationToken, Task>? Capture(HuyingDbContext db)
    {
        var deltas = new Dictionary<long, Delta>();
        Delta At(long grid, string community) => deltas.TryGetValue(grid, out var d) ? d : deltas[grid] = new Delta(community);

        foreach (var entry in db.ChangeTracker.Entries<Person>())
        {
            var p = entry.Entity;
            if (entry.State is EntityState.Added or EntityState.Deleted)
            {
                var sign = entry.State == EntityState.Added ? 1 : -1;
                var grid = entry.State == EntityState.Added ? p.GridId : entry.OriginalValues.GetValue<long>(nameof(Person.GridId));
                var community = entry.State == EntityState.Added ? p.CommunityCode : entry.OriginalValues.GetValue<string>(nameof(Person.CommunityCode));
                var member = entry.State == EntityState.Added ? p.IsPartyMember : entry.OriginalValues.GetValue<bool>(nameof(Person.IsPartyMember));
                var d = At(grid, community);
                d.People += sign;
                d.PartyMembers += member ? sign : 0;
            }
            else if (entry.State == EntityState.Modified)
            {
                var oldGrid = entry.OriginalValues.GetValue<long>(nameof(Person.GridId));
                var oldMember = entry.OriginalValues.GetValue<bool>(nameof(Person.IsPartyMember));
                if (oldGrid != p.GridId || oldMember != p.IsPartyMember)
                {
                    var before = At(oldGrid, entry.OriginalValues.GetValue<string>(nameof(Person.CommunityCode)));
                    before.People--;
                    before.PartyMembers -= oldMember ? 1 : 0;
                    var after = At(p.GridId, p.CommunityCode);
                    after.People++;
                    after.PartyMembers += p.IsPartyMember ? 1 : 0;
                }
            }
        }
        foreach (var entry in db.ChangeTracker.Entries<Household>())
        {
            if (entry.State is EntityState.Added)
            {
                At(entry.Entity.GridId, entry.Entity.CommunityCode).Households++;
            }
            else if (entry.State is EntityState.Deleted)
            {
                At(entry.OriginalValues.GetValue<long>(nameof(Household.GridId)), entry.OriginalValues.GetValue<string>(nameof(Household.CommunityCode))).Households--;
            }
            else if (entry.State is EntityState.Modified && entry.OriginalValues.GetValue<long>(nameof(Household.GridId)) != entry.Entity.GridId)
            {
                At(entry.OriginalValues.GetValue<long>(nameof(Household.GridId)), entry.OriginalValues.GetValue<string>(nameof(Household.CommunityCode))).Households--;
                At(entry.Entity.GridId, entry.Entity.CommunityCode).Households++;
            }
        }
        var changed = deltas.Where(d => d.Value.Households != 0 || d.Value.People != 0 || d.Value.PartyMembers != 0).ToList();
        if (changed.Count == 0)
        {
            return null;
        }
        return async ct =>
        {
            foreach (var (grid, d) in changed)
            {
                // An atomic increment: concurrent saves on other connections add up instead of overwriting.
                var updated = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE \"GridTallies\" SET \"Households\" = \"Households\" + {d.Households}, \"People\" = \"People\" + {d.People}, \"PartyMembers\" = \"PartyMembers\" + {d.PartyMembers} WHERE \"GridId\" = {grid}", ct);
                if (updated == 0)
                {
                    await db.Database.ExecuteSqlInterpolatedAsync(
                        $"INSERT INTO \"GridTallies\" (\"GridId\", \"CommunityCode\", \"Households\", \"People\", \"PartyMembers\") VALUES ({grid}, {d.CommunityCode}, {d.Households}, {d.People}, {d.PartyMembers})", ct);
                }
            }
        };
    }

    /// <summary>Rebuilds every tally from the rows themselves (after bulk SQL, or to check them).</summary>
    public async Task RecountAsync(HuyingDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"GridTallies\"", ct);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "GridTallies" ("GridId", "CommunityCode", "Households", "People", "PartyMembers")
            SELECT g."Id", g."CommunityCode",
                (SELECT COUNT(*) FROM "Households" h WHERE h."GridId" = g."Id"),
                (SELECT COUNT(*) FROM "People" p WHERE p."GridId" = g."Id"),
                (SELECT COUNT(*) FROM "People" p WHERE p."GridId" = g."Id" AND p."IsPartyMember")
            FROM "Grids" g
            """, ct);
        await transaction.CommitAsync(ct);
    }
}
