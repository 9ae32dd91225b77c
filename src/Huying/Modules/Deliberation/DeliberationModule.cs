using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Files;
using Huying.Platform.Composition;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

using Huying.Platform.Ratings;

namespace Huying.Modules.Deliberation;

/// <summary>The deliberation tables, as members of the context.</summary>
public static class DeliberationData
{
    extension(HuyingDbContext db)
    {
        public DbSet<Topic> Topics => db.Set<Topic>();
        public DbSet<FollowUpTask> FollowUpTasks => db.Set<FollowUpTask>();
        public DbSet<Venue> Venues => db.Set<Venue>();
        public DbSet<Meeting> Meetings => db.Set<Meeting>();
        public DbSet<Participant> Participants => db.Set<Participant>();
        public DbSet<DeliberationOption> DeliberationOptions => db.Set<DeliberationOption>();
        public DbSet<Vote> Votes => db.Set<Vote>();
    }
}

/// <summary>
/// 议事: topics raised by residents and staff, venues with quorum rules, meetings with attendance, options and votes,
/// decisions on the spot published on the notice board, follow-up tasks.
/// </summary>
public sealed class DeliberationModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DeliberationService>();
        services.AddBriefingSection<DeliberationBriefing>();
        services.AddChainLinks<TopicChain>();
        services.AddChainAction(new ChainAction("raise-topic", "Raise a topic", ["matter", "need"], Policies.CommunityStaff,
            (r, around) => around.Any(t => t.Ref.Kind == TopicChain.Kind && t.Links.Contains(r.Ref)) ? null : $"/deliberation?from={r.Ref}"));
        services.AddHomeSection<DeliberationHome>();
        services.AddFileOwner(nameof(Topic), async (db, user, id, ct) => user.Holds(Policies.Staff) && await db.Topics.AnyAsync(t => t.Id == id, ct));
        services.AddResidentCodes(async (db, code, ct) => await db.Topics.Where(t => t.TrackingCode == code).Select(t => t.CommunityCode).FirstOrDefaultAsync(ct));
        services.AddNavItem(new NavItem(40, "/deliberation", "Deliberation", Policies.Staff));
    }

    public override void AddFilters(ScopeFilters filters)
    {
        filters.ByCommunity<Topic>();
        filters.ByCommunity<Venue>();
        filters.ByCommunity<Meeting>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapDeliberationApi();

    public override IEnumerable<string> PublicPageFolders => ["/Modules/Deliberation/Pages/Public"];

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new DeliberationDemo(demo).SeedAsync(ct);
}
