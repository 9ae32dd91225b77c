using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;
using Huying.Modules.Organisation;

namespace Huying.Modules.Matters;

/// <summary>
/// A node of the configurable category tree (the Open311 service code is <see cref="Code"/>), with the respond,
/// resolve and verify deadlines of its matters, in calendar time or in working time.
/// </summary>
public sealed class MatterCategory : IAudited
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public string? ParentCode { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public string? Keywords { get; set; }
    public int RespondMinutes { get; set; }
    public int ResolveMinutes { get; set; }
    public int VerifyMinutes { get; set; }
    /// <summary>Deadlines count working days only (weekends and holidays skipped, make-up workdays counted).</summary>
    public bool WorkingTime { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>Extra questions of this category (Open311 service definition attributes), as JSON.</summary>
    public string? AttributesJson { get; set; }
    /// <summary>
    /// The page of the module whose record such a matter is about (a heritage site's hazard names its site):
    /// matters of this category are raised there only, never on the general forms, the hotline import or Open311.
    /// </summary>
    public string? IntakePage { get; set; }

    /// <summary>Offered on the general forms and to Open311 clients.</summary>
    public bool Raisable => Active && IntakePage is null;

    public string NameIn(bool chinese) => chinese ? Name : NameEn;

    /// <summary>The questions, parsed once per text: the catalogue's categories are read by every intake.</summary>
    public IReadOnlyList<FormQuestion> Attributes
    {
        get
        {
            var json = AttributesJson;
            if (parsed is not { } p || !ReferenceEquals(p.Json, json))
            {
                parsed = p = new ParsedQuestions(json, FormQuestions.Parse(json));
            }
            return p.Questions;
        }
    }

    private ParsedQuestions? parsed;

    private sealed record ParsedQuestions(string? Json, IReadOnlyList<FormQuestion> Questions);
}

public sealed class MatterCategoryConfiguration : IEntityTypeConfiguration<MatterCategory>
{
    public void Configure(EntityTypeBuilder<MatterCategory> b)
    {
        b.ToTable("MatterCategories");
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.ParentCode).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.NameEn).HasMaxLength(80);
        b.Property(c => c.Keywords).HasMaxLength(500);
        b.Property(c => c.AttributesJson).HasMaxLength(4000);
        b.Property(c => c.IntakePage).HasMaxLength(100);
        b.Ignore(c => c.Attributes);
        b.Ignore(c => c.Raisable);
        b.HasIndex(c => c.Code).IsUnique();
    }
}

/// <summary>The category catalogue and the places intake routes by, read often and changed rarely: cached, forgotten on change.</summary>
public sealed record CategoryDeadlines(double? RespondHours, double? ResolveHours, double? VerifyHours, bool WorkingTime);

public sealed record CategoryInput(string? Code, string? ParentCode, string? Name, string? NameEn, CategoryDeadlines Deadlines);

public sealed partial class MatterCatalogue(HuyingContextFactory contexts, IMemoryCache cache, CurrentUser user)
{
    private const string Key = "matter-catalogue";

    public sealed record Snapshot(IReadOnlyList<MatterCategory> Categories)
    {
        public MatterCategory? Find(string? code) => Categories.FirstOrDefault(c => c.Code == code);
    }

    public async Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key, out Snapshot? snapshot) && snapshot is not null)
        {
            return snapshot;
        }
        await using var db = contexts.Create(DataScope.System);
        var categories = await db.Set<MatterCategory>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(ct);
        snapshot = new Snapshot(categories);
        cache.Set(Key, snapshot, TimeSpan.FromMinutes(5));
        return snapshot;
    }

    public void Forget() => cache.Remove(Key);

    private static FieldErrors Check(CategoryDeadlines d) => new FieldErrors().Add("respondHours",
        d.RespondHours is not (> 0 and <= 8760) || d.ResolveHours is not (> 0 and <= 8760) || d.VerifyHours is not (> 0 and <= 8760)
            || d.RespondHours > d.ResolveHours
            ? "Deadlines are positive hours, and the response comes before the resolution" : null);

    private static void Apply(MatterCategory category, CategoryDeadlines d)
    {
        category.RespondMinutes = (int)Math.Round(d.RespondHours!.Value * 60);
        category.ResolveMinutes = (int)Math.Round(d.ResolveHours!.Value * 60);
        category.VerifyMinutes = (int)Math.Round(d.VerifyHours!.Value * 60);
        category.WorkingTime = d.WorkingTime;
    }

    /// <summary>The administrator changes a category's deadlines or turns it off.</summary>
    public async Task UpdateAsync(HuyingDbContext db, string code, CategoryDeadlines deadlines, bool active, CancellationToken ct)
    {
        user.Require(Policies.Admin);
        var category = await db.Set<MatterCategory>().FirstOrDefaultAsync(c => c.Code == code, ct)
            ?? throw new FieldException("code", "Choose a category");
        Check(deadlines).ThrowIfAny();
        Apply(category, deadlines);
        category.Active = active;
        await db.SaveChangesAsync(ct);
        Forget();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9.-]{1,39}$")]
    private static partial System.Text.RegularExpressions.Regex CodeShape();

    /// <summary>The administrator adds a category (or sub-category) to the tree; its code becomes its Open311 service code.</summary>
    public async Task AddAsync(HuyingDbContext db, CategoryInput input, CancellationToken ct)
    {
        user.Require(Policies.Admin);
        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        var parent = string.IsNullOrWhiteSpace(input.ParentCode) ? null : input.ParentCode.Trim();
        var categories = db.Set<MatterCategory>();
        var errors = new FieldErrors()
            .Add("newCode", !CodeShape().IsMatch(code) ? "A code is 2 to 40 lower-case letters, digits, dots or dashes"
                : await categories.AnyAsync(c => c.Code == code, ct) ? "That code is taken" : null)
            .Add("parentCode", parent is not null && !await categories.AnyAsync(c => c.Code == parent, ct) ? "The parent category does not exist" : null)
            .Add("name", string.IsNullOrWhiteSpace(input.Name) || string.IsNullOrWhiteSpace(input.NameEn) || input.Name.Trim().Length > 50
                || input.NameEn.Trim().Length > 80 ? "Give the name in Chinese and in English" : null)
            .AddAll(Check(input.Deadlines));
        errors.ThrowIfAny();
        var category = new MatterCategory
        {
            Code = code, ParentCode = parent, Name = input.Name!.Trim(), NameEn = input.NameEn!.Trim(),
            SortOrder = (await categories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 10,
        };
        Apply(category, input.Deadlines);
        categories.Add(category);
        await db.SaveChangesAsync(ct);
        Forget();
    }

    public sealed record Place(long Id, string Name, long GridId);

    /// <summary>Communities (code → name) and their buildings, courtyards and alleys: what intake routes by.</summary>
    public sealed record Places(IReadOnlyDictionary<string, string> Communities, IReadOnlyDictionary<string, IReadOnlyList<Place>> Buildings)
    {
        public Place? Building(string community, long id) =>
            Buildings.TryGetValue(community, out var list) ? list.FirstOrDefault(b => b.Id == id) : null;

        /// <summary>The longest building name the address mentions.</summary>
        public Place? Match(string community, string address) =>
            Buildings.TryGetValue(community, out var list)
                ? list.Where(b => address.Contains(b.Name, StringComparison.Ordinal)).MaxBy(b => b.Name.Length)
                : null;
    }

    public async Task<Places> PlacesAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue("matter-places", out Places? places) && places is not null)
        {
            return places;
        }
        await using var db = contexts.Create(DataScope.System);
        var communities = await db.Communities.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var buildings = await db.Buildings.AsNoTracking().Select(b => new { b.CommunityCode, b.Id, b.Name, b.GridId }).ToListAsync(ct);
        places = new Places(communities, buildings.GroupBy(b => b.CommunityCode)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Place>)[.. g.Select(b => new Place(b.Id, b.Name, b.GridId))]));
        cache.Set("matter-places", places, TimeSpan.FromMinutes(2));
        return places;
    }
}
