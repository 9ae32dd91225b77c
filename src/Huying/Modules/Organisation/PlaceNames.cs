using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Huying.Modules.Organisation;

/// <summary>
/// Names of communities, grids and partner units. They are not personal and are shown beside records of any scope
/// (the unit handling a matter, the community of a public page), so they are read through the platform's own
/// context — never by lifting the request's scope filters, which would lift them from the whole query — and cached
/// for a few minutes.
/// </summary>
public sealed class PlaceNames(HuyingContextFactory contexts, IMemoryCache cache)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);

    private async Task<T> CachedAsync<T>(string key, Func<HuyingDbContext, Task<T>> read)
    {
        if (cache.TryGetValue(key, out T? value) && value is not null)
        {
            return value;
        }
        await using var db = contexts.Create(DataScope.System);
        value = await read(db);
        cache.Set(key, value, Keep);
        return value;
    }

    public Task<IReadOnlyDictionary<string, string>> CommunitiesAsync(CancellationToken ct = default) =>
        CachedAsync<IReadOnlyDictionary<string, string>>("names:communities", async db =>
            await db.Communities.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, ct));

    /// <summary>Null when Huying has no such community.</summary>
    public async Task<string?> CommunityAsync(string? code, CancellationToken ct = default) =>
        code is not null && (await CommunitiesAsync(ct)).TryGetValue(code, out var name) ? name : null;

    public Task<IReadOnlyDictionary<long, string>> UnitsAsync(CancellationToken ct = default) =>
        CachedAsync<IReadOnlyDictionary<long, string>>("names:units", async db =>
            await db.PartnerUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct));

    public async Task<string?> UnitAsync(long? id, CancellationToken ct = default) =>
        id is { } unit && (await UnitsAsync(ct)).TryGetValue(unit, out var name) ? name : null;

    /// <summary>Grids by id: the grid's name and its community's code.</summary>
    public Task<IReadOnlyDictionary<long, (string Name, string Community)>> GridsAsync(CancellationToken ct = default) =>
        CachedAsync<IReadOnlyDictionary<long, (string Name, string Community)>>("names:grids", async db =>
            (await db.Grids.AsNoTracking().Select(g => new { g.Id, g.Name, g.CommunityCode }).ToListAsync(ct))
                .ToDictionary(g => g.Id, g => (g.Name, g.CommunityCode)));

    public async Task<string?> GridAsync(long? id, CancellationToken ct = default) =>
        id is { } grid && (await GridsAsync(ct)).TryGetValue(grid, out var g) ? g.Name : null;

    /// <summary>Forgets the names after a place or unit is added or renamed.</summary>
    public void Forget()
    {
        cache.Remove("names:communities");
        cache.Remove("names:units");
        cache.Remove("names:grids");
    }
}
