using System.Text;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Huying.Modules.Organisation;

/// <summary>
/// One character, or two in a row, of a resident's name, beside the person and their community: a name search looks
/// up its first two characters here (a Chinese name is two to four characters, so a search is usually two, too short
/// for trigrams) and tests the whole text only on the people found, instead of every name of the county. Kept by
/// <see cref="PersonNameGrams"/> on every save.
/// </summary>
public sealed class PersonNameGram : ICommunityScoped
{
    public long PersonId { get; set; }
    public required string Gram { get; set; }
    public required string CommunityCode { get; set; }

    /// <summary>The name's characters and pairs of neighbouring characters (spaces left out), each once.</summary>
    public static IEnumerable<string> Of(string name)
    {
        var runes = name.EnumerateRunes().Where(r => !Rune.IsWhiteSpace(r)).Select(r => r.ToString()).ToList();
        return runes.Concat(runes.Zip(runes.Skip(1), (a, b) => a + b)).Distinct(StringComparer.Ordinal);
    }

    /// <summary>What a search looks up: its first two characters (one if that is all), or null when it starts with a space.</summary>
    public static string? KeyOf(string q)
    {
        var runes = q.EnumerateRunes().Take(2).ToList();
        return runes.Count == 0 || runes.Any(Rune.IsWhiteSpace) ? null : string.Concat(runes.Select(r => r.ToString()));
    }
}

public sealed class PersonNameGramConfiguration : IEntityTypeConfiguration<PersonNameGram>
{
    public void Configure(EntityTypeBuilder<PersonNameGram> b)
    {
        b.ToTable("PersonNameGrams");
        b.HasKey(g => new { g.PersonId, g.Gram });
        b.Property(g => g.Gram).HasMaxLength(4);
        b.Property(g => g.CommunityCode).HasMaxLength(12);
        b.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => new { g.Gram, g.CommunityCode, g.PersonId });
    }
}

/// <summary>
/// Keeps <see cref="PersonNameGram"/> rows current in the save that adds a person or changes a name or community
/// (a removed person's go with the row), written as a few multi-row INSERTs, so an import of thousands stays fast.
/// </summary>
public sealed class PersonNameGrams : ISaveHook
{
    private const int RowsPerInsert = 300;

    public Func<CancellationToken, Task>? Capture(HuyingDbContext db)
    {
        var added = db.ChangeTracker.Entries<Person>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var renamed = db.ChangeTracker.Entries<Person>()
            .Where(e => e.State == EntityState.Modified && (e.Property(p => p.Name).IsModified || e.Property(p => p.CommunityCode).IsModified))
            .Select(e => e.Entity).ToList();
        return added.Count == 0 && renamed.Count == 0 ? null : async ct =>
        {
            foreach (var chunk in renamed.Select(p => (object)p.Id).Chunk(RowsPerInsert))
            {
                // Placeholders only ({0}, {1}, …): every value goes as a parameter.
                var sql = "DELETE FROM \"PersonNameGrams\" WHERE \"PersonId\" IN (" + Placeholders(chunk.Length, 1) + ")";
                await db.Database.ExecuteSqlRawAsync(sql, chunk, ct);
            }
            await InsertAsync(db, added.Concat(renamed).Select(p => (p.Id, p.Name, p.CommunityCode)), ct);
        };
    }

    private static async Task InsertAsync(HuyingDbContext db, IEnumerable<(long Id, string Name, string CommunityCode)> people, CancellationToken ct)
    {
        var rows = people.SelectMany(p => PersonNameGram.Of(p.Name).Select(g => new object[] { p.Id, g, p.CommunityCode }));
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            var sql = "INSERT INTO \"PersonNameGrams\" (\"PersonId\", \"Gram\", \"CommunityCode\") VALUES " + Placeholders(chunk.Length, 3);
            await db.Database.ExecuteSqlRawAsync(sql, chunk.SelectMany(r => r), ct);
        }
    }

    /// <summary>"{0}, {1}" for rows of one value, "({0}, {1}, {2}), ({3}, …)" for rows of several: numbered placeholders, nothing else.</summary>
    private static string Placeholders(int rows, int width) => string.Join(", ", Enumerable.Range(0, rows).Select(row =>
    {
        var cells = string.Join(", ", Enumerable.Range(row * width, width).Select(i => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
        return width == 1 ? cells : "(" + cells + ")";
    }));

    /// <summary>Rebuilds every person's grams from the names themselves.</summary>
    public async Task RecountAsync(HuyingDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<PersonNameGram>().IgnoreQueryFilters().ExecuteDeleteAsync(ct);
        var after = 0L;
        while (true)
        {
            var page = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id > after).OrderBy(p => p.Id).Take(5000)
                .Select(p => new { p.Id, p.Name, p.CommunityCode }).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            await InsertAsync(db, page.Select(p => (p.Id, p.Name, p.CommunityCode)), ct);
            after = page[^1].Id;
        }
        await transaction.CommitAsync(ct);
    }
}
