using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Files;
using Huying.Platform.Composition;
using Huying.Platform.Ratings;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

public static class MatterPolicies
{
    /// <summary>Import hotline work orders, send supervision notices across communities.</summary>
    public const string Manage = "MattersManage";
}

/// <summary>The matters' tables, as members of the context.</summary>
public static class MatterData
{
    extension(HuyingDbContext db)
    {
        public DbSet<Matter> Matters => db.Set<Matter>();
        public DbSet<MatterEvent> MatterEvents => db.Set<MatterEvent>();
        public DbSet<MatterCategory> MatterCategories => db.Set<MatterCategory>();
        public DbSet<ExtensionRequest> ExtensionRequests => db.Set<ExtensionRequest>();
        public DbSet<Supervision> Supervisions => db.Set<Supervision>();
        public DbSet<MatterRollup> MatterRollups => db.Set<MatterRollup>();
        public DbSet<NextNotice> NextNotices => db.Set<NextNotice>();
        public DbSet<Open311Client> Open311Clients => db.Set<Open311Client>();
    }
}

/// <summary>
/// 事项, the closed loop 居民提事项—网格理事—联动办事: intake (public page, staff, 12345 hotline, Open311), the state
/// machine with its deadlines, cards and supervision, the outbox, and the KPIs.
/// </summary>
public sealed class MattersModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingSection<MattersBriefing>();
        services.AddPolicy(MatterPolicies.Manage, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin);
        services.AddSingleton<MatterCatalogue>();
        services.AddSingleton<IntakeWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<IntakeWriter>());
        services.AddScoped<MatterIntake>();
        services.AddScoped<MatterActions>();
        services.AddScoped<MatterNames>();
        services.AddScoped<Platform.Composition.IOpenAsks, MatterAsks>();
        services.AddChainLinks<MatterChain>();
        services.AddSingleton<DeadlineSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweeper>());
        services.AddScoped<MattersService>();
        services.AddHomeSection<MatterHome>();
        services.AddHomeSection<MatterOverviewHome>();
        services.AddFileOwner(nameof(Matter), async (db, _, id, ct) => await db.Matters.AnyAsync(m => m.Id == id, ct));
        services.AddResidentCodes(async (db, code, ct) => await db.Matters.Where(m => m.TrackingCode == code).Select(m => m.CommunityCode).FirstOrDefaultAsync(ct));
        services.AddScoped<MatterKpis>();
        services.AddScoped<HotlineImport>();
        // Residents follow their own matters on the home page; the queue is the staff's and the units'.
        services.AddNavItem(new NavItem(10, "/matters", "Matters", Policies.StaffOrUnit, "nav-matters"));
        services.AddNavItem(new NavItem(11, "/matters/kpis", "KPIs", Policies.StaffOrUnit, "nav-kpis"));
        services.AddNavItem(new NavItem(80, "/matters/categories", "Categories", Policies.Admin));
    }

    public override void AddFilters(ScopeFilters filters)
    {
        // A unit sees what was dispatched to it; a grid worker the own grids; a resident the own matters.
        filters.Add<Matter>((db, m) => db.ScopeAll
            || (db.ScopeUnitId != null ? m.UnitId == db.ScopeUnitId
                : db.ScopeCommunities.Contains(m.CommunityCode) && (!db.ScopeGridRestricted
                    || (m.GridId != null && db.ScopeGrids.Contains(m.GridId.Value))
                    || (db.ScopePersonId != null && m.ReporterPersonId == db.ScopePersonId))));
        filters.Add<Supervision>((db, x) => db.ScopeAll
            || (db.ScopeUnitId != null ? x.UnitId == db.ScopeUnitId
                : db.ScopeCommunities.Contains(x.CommunityCode) && (!db.ScopeGridRestricted || (x.GridId != null && db.ScopeGrids.Contains(x.GridId.Value)))));
        filters.Add<MatterRollup>((db, x) => db.ScopeAll
            || (db.ScopeUnitId != null ? x.UnitId == db.ScopeUnitId
                : db.ScopeCommunities.Contains(x.CommunityCode) && (!db.ScopeGridRestricted || db.ScopeGrids.Contains(x.GridId))));
    }

    public override IEnumerable<ISaveHook> SaveHooks => [new MatterRollups(), new NextNotices()];

    public override void Map(IEndpointRouteBuilder app)
    {
        app.MapMattersApi();
        app.MapOpen311Api();
    }

    public override IEnumerable<string> PublicPageFolders => ["/Modules/Matters/Pages/Public"];

    public override Task EnsureDefaultsAsync(HuyingDbContext db, CancellationToken ct) => MatterDefaults.EnsureAsync(db, ct);

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new MatterDemo(demo).SeedAsync(ct);
}
