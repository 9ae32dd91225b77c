using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Files;
using Huying.Platform.Ratings;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

public static class PledgePolicies
{
    /// <summary>The member's branch committee (a village or community secretary): reviews, shows the board, records help, evaluates, amends.</summary>
    public const string Review = "PledgeReview";

    /// <summary>The town party committee: files (备案).</summary>
    public const string File = "PledgeFile";

    /// <summary>Who reads the branches' months, compliance and figures: community staff and secretaries, town and county officers, administrators.</summary>
    public const string Oversee = "PledgeOversee";
}

/// <summary>The pledge tables, as members of the context.</summary>
public static class PledgeData
{
    extension(HuyingDbContext db)
    {
        public DbSet<BranchMember> BranchMembers => db.Set<BranchMember>();
        public DbSet<OpinionItem> OpinionItems => db.Set<OpinionItem>();
        public DbSet<Pledge> Pledges => db.Set<Pledge>();
        public DbSet<PledgeStep> PledgeSteps => db.Set<PledgeStep>();
        public DbSet<PledgeBoard> PledgeBoards => db.Set<PledgeBoard>();
        public DbSet<PledgeTown> PledgeTowns => db.Set<PledgeTown>();
        public DbSet<PledgeResidentRating> PledgeResidentRatings => db.Set<PledgeResidentRating>();
        public DbSet<PledgeReminder> PledgeReminders => db.Set<PledgeReminder>();
    }
}

/// <summary>
/// 党建+每月一件事: party members' monthly pledges from the opinion list, studied by the branch, filed by the town,
/// shown on the party-affairs board (晒诺), followed mid-month (督诺) and evaluated at month end (评诺); compliance
/// and the figures the report quotes.
/// </summary>
public sealed class PledgesModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingSection<PledgesBriefing>();
        services.AddPolicy(PledgePolicies.Review, Roles.CommunitySecretary);
        services.AddPolicy(PledgePolicies.File, Roles.TownOfficer);
        services.AddPolicy(PledgePolicies.Oversee, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin);
        services.AddScoped<PledgeService>();
        services.AddHomeSection<PledgesHome>();
        services.AddSingleton<PledgeReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<PledgeReminders>());
        // Who raised an item of the opinion list has its code: enough to rate the village's pledges, once each.
        services.AddResidentCodes(async (db, code, ct) => await db.OpinionItems.Where(o => o.TrackingCode == code).Select(o => o.CommunityCode).FirstOrDefaultAsync(ct));
        // A report's photos: to the branches in scope, and to the member whose pledge it is.
        services.AddFileOwner(nameof(PledgeStep), async (db, user, id, ct) => user.Holds(PledgePolicies.Oversee)
            ? await db.PledgeSteps.AnyAsync(s => s.Id == id, ct)
            : user.UserId() is { } me && await db.PledgeSteps.IgnoreQueryFilters().AnyAsync(s => s.Id == id && s.Pledge!.Member!.UserId == me, ct));
        services.AddNavItem(new NavItem(47, "/pledges", "Monthly pledges", PledgePolicies.Oversee, "nav-pledges"));
        services.AddNavItem(new NavItem(48, "/pledges/me", "My pledges", Policies.PartyMember, "nav-my-pledges", user => !user.Holds(PledgePolicies.Oversee)));
    }

    public override void AddFilters(ScopeFilters filters)
    {
        filters.ByCommunity<BranchMember>();
        filters.ByCommunity<OpinionItem>();
        filters.ByCommunity<Pledge>();
        filters.ByCommunity<PledgeStep>();
        filters.ByCommunity<PledgeBoard>();
        filters.ByCommunity<PledgeResidentRating>();
        filters.ByCommunity<PledgeReminder>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapPledgesApi();

    public override IEnumerable<string> PublicPageFolders => ["/Modules/Pledges/Pages/Public"];

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new PledgesDemo(demo).SeedAsync(ct);
}
