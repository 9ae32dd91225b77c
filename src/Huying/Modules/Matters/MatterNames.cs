using System.Security.Claims;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Huying.Modules.Matters;

/// <summary>How the timeline names who acted: the role they acted in, and the unit, grid or division they act for.</summary>
public sealed class MatterNames(HuyingDbContext db, PlaceNames places, IMemoryCache cache)
{
    private static readonly string[] RolePriority =
    [
        Roles.CommunitySecretary, Roles.CommunityStaff, Roles.GridLeader, Roles.GridWorker, Roles.UnitLiaison, Roles.TownOfficer,
        Roles.CountyOfficer, Roles.Admin, Roles.PartyMember, Roles.Volunteer, Roles.Resident,
    ];

    public static string RoleOf(ClaimsPrincipal user) => user.FirstRoleOf(RolePriority) ?? Roles.Resident;

    /// <summary>
    /// The organisation a user acts for, as the timeline shows it: their unit, their grid or their division.
    /// Names rarely change, so they are cached for a few minutes (every intake and action needs one).
    /// </summary>
    public async Task<string?> ActingForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var unit = user.FindFirstValue(ScopeClaims.Unit);
        var grid = user.Holds(Policies.CommunityStaff) ? null : user.FindFirstValue(ScopeClaims.Grid);
        var division = user.FindFirstValue(ScopeClaims.Division);
        var key = $"unit-name:{unit}:{grid}:{division}";
        if (cache.TryGetValue(key, out string? cached))
        {
            return cached;
        }
        string? name;
        if (long.TryParse(unit, out var unitId))
        {
            name = await places.UnitAsync(unitId, ct);
        }
        else if (long.TryParse(grid, out var gridId))
        {
            name = (await places.GridsAsync(ct)).TryGetValue(gridId, out var g) ? $"{await places.CommunityAsync(g.Community, ct)}{g.Name}" : null;
        }
        else
        {
            name = division is null ? null : await db.Divisions.AsNoTracking().Where(d => d.Code == division).Select(d => d.Name).FirstOrDefaultAsync(ct);
        }
        cache.Set(key, name, TimeSpan.FromMinutes(5));
        return name;
    }
}
