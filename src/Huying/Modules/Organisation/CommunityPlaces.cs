using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation;

/// <summary>A community's position: both numbers, or neither to take it off the map.</summary>
public sealed record PositionInput(double? Latitude, double? Longitude);

/// <summary>A community where the map shows it (its office's position, WGS-84); null numbers when it is not placed yet.</summary>
public sealed record CommunityPlace(string Code, string Name, double? Latitude, double? Longitude);

/// <summary>
/// Where communities are: most have no boundary on any offline map, so the county's map shows each as a point at its
/// office, placed by its secretary, the town or the county. Scoped like every read: a community out of scope is not there.
/// </summary>
public sealed class CommunityPlaces(HuyingDbContext db, CurrentUser user)
{
    public Task<Community?> FindAsync(string code, CancellationToken ct) => db.Communities.FirstOrDefaultAsync(c => c.Code == code, ct);

    /// <summary>The communities beneath a division in the reader's scope, placed or not, by code.</summary>
    public Task<List<CommunityPlace>> UnderAsync(string division, CancellationToken ct) =>
        db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(division)).OrderBy(c => c.Code)
            .Select(c => new CommunityPlace(c.Code, c.Name, c.Latitude, c.Longitude)).ToListAsync(ct);

    /// <summary>Refuses (403) a role that does not place communities, before anything typed is read.</summary>
    public void MayPlace() =>
        user.Require(OrganisationPolicies.PlaceCommunity, "Only the community's secretary, the town or the county places a community on the map");

    public async Task<CommunityPlace> PlaceAsync(Community community, PositionInput input, CancellationToken ct)
    {
        MayPlace();
        var errors = new FieldErrors();
        if (input.Latitude is null != input.Longitude is null)
        {
            errors.Add("latitude", "Give both latitude and longitude, or neither to take the community off the map");
        }
        else if (input.Latitude is { } lat && input.Longitude is { } lon && !CityMaps.InShanxi(lat, lon))
        {
            errors.Add("latitude", "The position lies outside Shanxi");
        }
        errors.ThrowIfAny();
        community.Latitude = input.Latitude is { } la ? Math.Round(la, 6) : null;
        community.Longitude = input.Longitude is { } lo ? Math.Round(lo, 6) : null;
        await db.SaveChangesAsync(ct);
        return new CommunityPlace(community.Code, community.Name, community.Latitude, community.Longitude);
    }
}
