using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Cli;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

public static class ProxyPolicies
{
    /// <summary>Who works cases: community staff and secretaries (the counter) and the offices' liaisons (the inbox).</summary>
    public const string Handle = "ProxyHandle";

    /// <summary>Who reads the catalogue: those who work cases, and the administrator who keeps it.</summary>
    public const string Catalogue = "ProxyCatalogue";

    /// <summary>Who reads the figures: staff of every level and the offices.</summary>
    public const string Figures = Policies.StaffOrUnit;
}

/// <summary>
/// 同城通办: the county's catalogue of items, applications the community files for residents registered elsewhere
/// (帮办 / 代办), the offices' inbox, the resident's tracking page with 好差评, the figures, and the purge of old
/// materials.
/// </summary>
public sealed class ProxyModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingSection<ProxyBriefing>();
        services.AddPolicy(ProxyPolicies.Handle, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.UnitLiaison);
        services.AddPolicy(ProxyPolicies.Catalogue, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.UnitLiaison, Roles.Admin);
        services.AddScoped<ProxyCases>();
        services.AddScoped<ProxyLists>();
        services.AddScoped<ProxyCatalogue>();
        services.AddScoped<ProxySupervision>();
        services.AddSingleton<ProxyDeadlines>();
        services.AddHostedService(sp => sp.GetRequiredService<ProxyDeadlines>());
        services.AddHomeSection<ProxyHome>();
        services.AddScoped<ProxyTracking>();
        services.AddScoped<ITrackedRecords>(sp => sp.GetRequiredService<ProxyTracking>());
        // A material is sensitive personal information: only the community's staff handling the case and the office it
        // was forwarded to see it, and every view is written to the audit trail.
        services.AddFileOwner(nameof(ProxyDocument), async (db, user, id, ct) =>
        {
            if (!user.Holds(ProxyPolicies.Handle))
            {
                return false;
            }
            var document = await db.Set<ProxyDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
            if (document is null || !await db.Set<ProxyApplication>().AnyAsync(a => a.Id == document.ApplicationId, ct))
            {
                return false;
            }
            db.Audit("view", nameof(ProxyDocument), id.ToString(CultureInfo.InvariantCulture), $"case {document.ApplicationId}");
            await db.SaveChangesAsync(ct);
            return true;
        });
        // A template is a blank form: whoever works cases or keeps the catalogue prints it.
        services.AddFileOwner(ProxyCatalogue.TemplateOwner, async (db, user, id, ct) =>
            user.Holds(ProxyPolicies.Catalogue) && await db.Set<ProxyMaterial>().AnyAsync(m => m.Id == id, ct));
        services.AddNavItem(new NavItem(52, "/proxy", "Same-city services", ProxyPolicies.Handle, "nav-proxy"));
        services.AddNavItem(new NavItem(81, "/proxy/catalogue", "Same-city catalogue", Policies.Admin, "nav-proxy-catalogue"));
    }

    public override void AddFilters(ScopeFilters filters)
    {
        // The community's cases for its staff; for an office, the cases forwarded to it (from the moment they are).
        filters.Add<ProxyApplication>((db, a) => db.ScopeAll
            || (db.ScopeUnitId != null ? a.OfficeUnitId == db.ScopeUnitId && (a.ForwardedAt != null || a.DecidedAt != null)
                : db.ScopeCommunities.Contains(a.CommunityCode)));
        filters.Add<ProxyTally>((db, t) => db.ScopeAll
            || (db.ScopeUnitId != null ? t.OfficeUnitId == db.ScopeUnitId : db.ScopeCommunities.Contains(t.CommunityCode)));
        filters.Add<ProxyDocument>((db, d) => db.ScopeAll || db.Set<ProxyApplication>().Any(a => a.Id == d.ApplicationId));
        filters.Add<ProxyStep>((db, s) => db.ScopeAll || db.Set<ProxyApplication>().Any(a => a.Id == s.ApplicationId));
    }

    public override IEnumerable<ISaveHook> SaveHooks => [new ProxyTallies()];

    public override void Map(IEndpointRouteBuilder app) => app.MapProxyApi();

    public override IEnumerable<string> PublicPageFolders => ["/Modules/Proxy/Pages/Public"];

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new ProxyDemo(demo).SeedAsync(ct);

    public override IEnumerable<Command> Commands =>
    [
        new("purge-proxy-materials", "purge-proxy-materials  (removes the scans of cases finished longer ago than their item keeps them)", async (services, _) =>
        {
            using var scope = services.CreateScope();
            var contexts = scope.ServiceProvider.GetRequiredService<HuyingContextFactory>();
            await using var db = contexts.Create(DataScope.System);
            var purged = await ProxyPurge.RunAsync(db, scope.ServiceProvider.GetRequiredService<FileStore>(), TimeProvider.System, default);
            Console.WriteLine($"purged the materials of {purged} cases");
            return 0;
        }),
    ];
}

/// <summary>Retention: a finished case's scans go when its item's retention has passed; the case, its steps and the audit lines stay.</summary>
public static class ProxyPurge
{
    /// <summary>Runs in the system's scope (every county's cases).</summary>
    public static async Task<int> RunAsync(HuyingDbContext db, FileStore files, TimeProvider clock, CancellationToken ct)
    {
        var now = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        // Item by item, the cases whose retention has ended are found by the database (not every decided case read each pass).
        var due = new List<long>();
        foreach (var item in await db.Set<ProxyService>().AsNoTracking().Select(s => new { s.Id, s.RetentionDays }).ToListAsync(ct))
        {
            var endedBy = now.AddDays(-item.RetentionDays);
            due.AddRange(await db.Set<ProxyApplication>()
                .Where(a => a.ServiceId == item.Id && a.MaterialsPurgedAt == null && a.DecidedAt != null && (a.DeliveredAt ?? a.DecidedAt) <= endedBy)
                .Select(a => a.Id).ToListAsync(ct));
        }
        var purged = 0;
        foreach (var id in due)
        {
            var documents = await db.Set<ProxyDocument>().Where(d => d.ApplicationId == id && d.Kind != ProxyDocumentKind.Result)
                .Select(d => d.Id).ToListAsync(ct);
            var attachments = await db.Set<Attachment>().Where(x => x.OwnerType == nameof(ProxyDocument) && documents.Contains(x.OwnerId)).ToListAsync(ct);
            await db.Set<ProxyApplication>().Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.MaterialsPurgedAt, now), ct);
            db.Audit("purge", nameof(ProxyApplication), id.ToString(CultureInfo.InvariantCulture), $"{attachments.Count} files");
            await files.DeleteAsync(db, attachments, ct);
            purged++;
        }
        return purged;
    }
}
