using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Heritage;

public static class HeritagePolicies
{
    /// <summary>Who reads the sites and zones: staff, partner units and party members (the scope decides which).</summary>
    public const string Read = "HeritageRead";

    /// <summary>Who keeps them: staff of the place, and the heritage centre's liaison for the sites it keeps.</summary>
    public const string Keep = "HeritageKeep";

    /// <summary>Who checks in on patrols: the zones' party members (their zone decides) and those who keep the sites.</summary>
    public const string Patrol = "HeritagePatrol";

    /// <summary>Who reads the figures: staff of every level and the units.</summary>
    public const string Figures = Policies.StaffOrUnit;
}

/// <summary>
/// 文物保护党员责任区: the immovable heritage sites with their census fields and protection levels, the party members'
/// responsibility zones over them, the census records and the education bases' visits, and the figures.
/// </summary>
public sealed class HeritageModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingSection<HeritageBriefing>();
        services.AddPolicy(HeritagePolicies.Read, Roles.GridWorker, Roles.GridLeader, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer,
            Roles.CountyOfficer, Roles.Admin, Roles.UnitLiaison, Roles.PartyMember);
        services.AddPolicy(HeritagePolicies.Keep, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin,
            Roles.UnitLiaison);
        services.AddPolicy(HeritagePolicies.Patrol, Roles.PartyMember, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer,
            Roles.Admin, Roles.UnitLiaison);
        services.AddScoped<HeritageSites>();
        services.AddScoped<HeritagePatrols>();
        services.AddScoped<CensusImport>();
        services.AddScoped<HeritageHazards>();
        services.AddScoped<HeritageVisits>();
        services.AddScoped<HeritageFigureCounts>();
        services.AddScoped<Platform.Composition.IPublicEntries, HeritageEntries>();
        // A patrol's photos: whoever reads the site sees them (the scope filter decides which patrols are there).
        services.AddFileOwner(HeritagePatrols.PhotoOwner, async (db, user, id, ct) =>
            user.Holds(HeritagePolicies.Read) && await db.Set<HeritagePatrol>().AnyAsync(p => p.Id == id, ct));
        services.AddFileOwner(HeritageSites.PhotoOwner, async (db, user, id, ct) =>
            user.Holds(HeritagePolicies.Read) && await db.Set<HeritageSite>().AnyAsync(s => s.Id == id, ct));
        services.AddFileOwner(HeritageHazards.RaisedPhotoOwner, async (db, user, id, ct) =>
            user.Holds(HeritagePolicies.Read) && await db.Set<HeritageHazard>().AnyAsync(h => h.MatterId == id, ct));
        services.AddFileOwner(HeritageHazards.PhotoOwner, async (db, user, id, ct) =>
            user.Holds(HeritagePolicies.Read) && await db.Set<HazardReport>().AnyAsync(r => r.Id == id, ct));
        services.AddNavItem(new NavItem(56, "/heritage", "Heritage", HeritagePolicies.Read, "nav-heritage"));
    }

    /// <summary>Sites, zones, census records and visits are records of a place: whoever's scope holds the place sees them.</summary>
    public override void AddFilters(ScopeFilters filters)
    {
        filters.ByCommunity<HeritageSite>();
        filters.ByCommunity<SiteLevelChange>();
        filters.ByCommunity<ResponsibilityZone>();
        filters.ByCommunity<ZoneMember>();
        filters.ByCommunity<CensusRecord>();
        filters.ByCommunity<HeritageVisit>();
        filters.ByCommunity<HeritagePatrol>();
        filters.ByCommunity<HeritageHazard>();
        filters.ByCommunity<HazardReport>();
        filters.ByCommunity<HeritageEvent>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapHeritageApi();

    /// <summary>The hazards' categories in the matters' catalogue (raised on the heritage report page only).</summary>
    public override Task EnsureDefaultsAsync(HuyingDbContext db, CancellationToken ct) => Matters.MatterDefaults.EnsureAsync(db, HeritageHazards.Categories, ct);

    public override IEnumerable<string> PublicPageFolders => ["/Modules/Heritage/Pages/Public"];

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new HeritageDemo(demo).SeedAsync(ct);
}
