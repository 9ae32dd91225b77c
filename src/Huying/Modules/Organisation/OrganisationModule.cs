using Huying.Platform.Accounts;
using Huying.Platform.Cli;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Composition;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation;

public static class OrganisationPolicies
{
    /// <summary>Create and edit people and households.</summary>
    public const string PeopleWrite = nameof(PeopleWrite);

    /// <summary>Place a community on the map: its secretary, the town, the county.</summary>
    public const string PlaceCommunity = nameof(PlaceCommunity);
}

/// <summary>The organisation's tables, as members of the context.</summary>
public static class OrganisationData
{
    extension(HuyingDbContext db)
    {
        public DbSet<Division> Divisions => db.Set<Division>();
        public DbSet<Community> Communities => db.Set<Community>();
        public DbSet<PartnerUnit> PartnerUnits => db.Set<PartnerUnit>();
        public DbSet<PartnerUnitCommunity> PartnerUnitCommunities => db.Set<PartnerUnitCommunity>();
        public DbSet<PartyOrganisation> PartyOrganisations => db.Set<PartyOrganisation>();
        public DbSet<CommitteeMember> CommitteeMembers => db.Set<CommitteeMember>();
        public DbSet<CoordinationGroup> CoordinationGroups => db.Set<CoordinationGroup>();
        public DbSet<Grid> Grids => db.Set<Grid>();
        public DbSet<Building> Buildings => db.Set<Building>();
        public DbSet<Household> Households => db.Set<Household>();
        public DbSet<Person> People => db.Set<Person>();
        public DbSet<GridTally> GridTallies => db.Set<GridTally>();
    }
}

/// <summary>
/// 组织: divisions, communities and their big committees, partner units, the four-level party structure, grids,
/// buildings, households and people. Every other module hangs its records on these places.
/// </summary>
public sealed class OrganisationModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingSection<OrganisationBriefing>();
        services.AddPolicy(OrganisationPolicies.PeopleWrite, Roles.GridWorker, Roles.CommunityStaff, Roles.CommunitySecretary);
        services.AddPolicy(OrganisationPolicies.PlaceCommunity, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin);
        services.AddScoped<OrganisationService>();
        services.AddScoped<CommunityPlaces>();
        services.AddScoped<PeopleService>();
        services.AddScoped<PeopleImport>();
        services.AddSingleton<PlaceNames>();
        services.AddSingleton<ICommunityDirectory, CommunityDirectory>();
        services.AddNavItem(new NavItem(20, "/org/communities", "Communities", Policies.Staff));
        services.AddNavItem(new NavItem(30, "/people", "People", Policies.Staff));
        services.AddNavItem(new NavItem(70, "/org/partner-units", "Partner units", Policies.StaffOrUnit));
    }

    public override void AddFilters(ScopeFilters filters)
    {
        filters.Add<Community>((db, c) => db.ScopeAll || db.ScopeCommunities.Contains(c.Code));
        filters.ByCommunity<PartyOrganisation>();
        filters.ByCommunity<PersonNameGram>();
        filters.ByCommunity<CommitteeMember>();
        filters.ByCommunity<CoordinationGroup>();
        // Grid-level records: a grid worker sees the own grids only.
        filters.Add<Grid>((db, g) => db.ScopeAll
            || (db.ScopeCommunities.Contains(g.CommunityCode) && (!db.ScopeGridRestricted || db.ScopeGrids.Contains(g.Id))));
        filters.Add<Building>((db, x) => db.ScopeAll
            || (db.ScopeCommunities.Contains(x.CommunityCode) && (!db.ScopeGridRestricted || db.ScopeGrids.Contains(x.GridId))));
        filters.Add<Household>((db, x) => db.ScopeAll
            || (db.ScopeCommunities.Contains(x.CommunityCode) && (!db.ScopeGridRestricted || db.ScopeGrids.Contains(x.GridId))));
        filters.Add<Person>((db, x) => db.ScopeAll
            || (db.ScopeCommunities.Contains(x.CommunityCode) && (!db.ScopeGridRestricted || db.ScopeGrids.Contains(x.GridId))));
        filters.Add<GridTally>((db, x) => db.ScopeAll
            || (db.ScopeCommunities.Contains(x.CommunityCode) && (!db.ScopeGridRestricted || db.ScopeGrids.Contains(x.GridId))));
        // A unit's liaison sees the own unit; staff the units linked to their communities.
        filters.Add<PartnerUnit>((db, u) => db.ScopeAll
            || (db.ScopeUnitId != null ? u.Id == db.ScopeUnitId : u.Communities.Any(l => db.ScopeCommunities.Contains(l.CommunityCode))));
        filters.Add<PartnerUnitCommunity>((db, l) => db.ScopeAll
            || (db.ScopeUnitId != null ? l.PartnerUnitId == db.ScopeUnitId : db.ScopeCommunities.Contains(l.CommunityCode)));
    }

    public override void ConfigurePages(Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection conventions)
    {
        conventions.AddPageRoute("/Modules/Organisation/Pages/People/Edit", "/people/new");
        // The home page is also the public entry: an anonymous visitor finds a community or follows a matter there.
        conventions.AllowAnonymousToPage("/Modules/Organisation/Pages/Overview");
    }

    public override IEnumerable<ISaveHook> SaveHooks => [new GridTallies(), new PersonNameGrams()];

    public override void Map(IEndpointRouteBuilder app)
    {
        app.MapOrganisationApi();
        app.MapPeopleApi();
    }

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new OrganisationDemo(demo, new Synthetic(new Random(2026))).SeedAsync(ct);

    public override IEnumerable<Command> Commands =>
    [
        new("import-divisions", "import-divisions <folder with provinces.csv … villages.csv>", DivisionImportCommand.RunAsync),
    ];
}

/// <summary>Every community's code, for the platform's scope resolution.</summary>
internal sealed class CommunityDirectory(HuyingContextFactory contexts) : ICommunityDirectory
{
    public IReadOnlyList<string> CommunityCodes()
    {
        using var db = contexts.Create(DataScope.System);
        return db.Communities.AsNoTracking().Select(c => c.Code).ToArray();
    }
}
