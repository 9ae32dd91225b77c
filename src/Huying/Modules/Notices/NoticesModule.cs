using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Composition;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Notices;

/// <summary>The notice board's tables, as members of the context.</summary>
public static class NoticeData
{
    extension(HuyingDbContext db)
    {
        public DbSet<Notice> Notices => db.Set<Notice>();
        public DbSet<NoticeVersion> NoticeVersions => db.Set<NoticeVersion>();
        public DbSet<Objection> Objections => db.Set<Objection>();
    }
}

/// <summary>
/// 公示栏: public notices of a community, versioned and chained by hash, open to objections for a window, printable
/// as an A4 poster with a QR code, and an Atom feed. Other modules publish through <see cref="NoticeService"/>.
/// </summary>
public sealed class NoticesModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<NoticeService>();
        services.AddChainLinks<NoticeChain>();
        services.AddHomeSection<NoticeHome>();
        services.AddNavItem(new NavItem(50, "/notices", "Notices", Policies.Staff));
    }

    // Public pages read a community's board through NoticeService's public reads, which name the community.
    public override void AddFilters(ScopeFilters filters) => filters.ByCommunity<Notice>();

    public override void Map(IEndpointRouteBuilder app) => app.MapNoticesApi();

    public override IEnumerable<string> PublicPageFolders => ["/Modules/Notices/Pages/Public"];
}
