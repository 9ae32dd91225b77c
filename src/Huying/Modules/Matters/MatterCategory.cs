using System.Text.Json;
using Huying.Platform.Data;
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

    public string NameIn(bool chinese) => chinese ? Name : NameEn;

    public IReadOnlyList<CategoryAttribute> Attributes =>
        AttributesJson is { Length: > 0 } json ? JsonSerializer.Deserialize<List<CategoryAttribute>>(json, JsonSerializerOptions.Web) ?? [] : [];
}

/// <summary>One extra question of a category: Open311's attribute (datatype string, number, text, singlevaluelist …).</summary>
public sealed record CategoryAttribute(string Code, string Description, string Datatype, bool Required, IReadOnlyList<AttributeValue>? Values = null);

public sealed record AttributeValue(string Key, string Name);

/// <summary>A configured holiday (放假) or make-up working day (调休上班) of the county's calendar.</summary>
public sealed class CalendarDay : IAudited
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }
    public bool IsWorkday { get; set; }
    public required string Name { get; set; }
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
        b.Ignore(c => c.Attributes);
        b.HasIndex(c => c.Code).IsUnique();
    }
}

public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("CalendarDays");
        b.Property(c => c.Name).HasMaxLength(50);
        b.HasIndex(c => c.Date).IsUnique();
    }
}

/// <summary>
/// Deadline arithmetic. In working time the clock runs only on working days of the county's calendar (local
/// time): Monday to Friday unless a configured holiday, plus configured make-up working days.
/// </summary>
public sealed class WorkCalendar(IReadOnlySet<DateOnly> holidays, IReadOnlySet<DateOnly> workdays)
{
    public static WorkCalendar Plain { get; } = new(new HashSet<DateOnly>(), new HashSet<DateOnly>());

    public bool IsWorkday(DateOnly day) =>
        workdays.Contains(day) || (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && !holidays.Contains(day));

    public DateTime Add(DateTime startUtc, int minutes, bool workingTime)
    {
        if (!workingTime)
        {
            return startUtc.AddMinutes(minutes);
        }
        var t = Display.Local(startUtc);
        var remaining = TimeSpan.FromMinutes(minutes);
        while (true)
        {
            var day = DateOnly.FromDateTime(t);
            var endOfDay = t.Date.AddDays(1);
            if (IsWorkday(day))
            {
                var left = endOfDay - t;
                if (remaining <= left)
                {
                    return Display.ToUtc(DateTime.SpecifyKind(t + remaining, DateTimeKind.Unspecified));
                }
                remaining -= left;
            }
            t = endOfDay;
        }
    }
}

/// <summary>The category catalogue and the calendar, read often and changed rarely: cached, forgotten on change.</summary>
public sealed class MatterCatalogue(HuyingContextFactory contexts, IMemoryCache cache)
{
    private const string Key = "matter-catalogue";

    public sealed record Snapshot(IReadOnlyList<MatterCategory> Categories, WorkCalendar Calendar)
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
        var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct);
        snapshot = new Snapshot(categories, new WorkCalendar(
            days.Where(d => !d.IsWorkday).Select(d => d.Date).ToHashSet(),
            days.Where(d => d.IsWorkday).Select(d => d.Date).ToHashSet()));
        cache.Set(Key, snapshot, TimeSpan.FromMinutes(5));
        return snapshot;
    }

    public void Forget() => cache.Remove(Key);

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
