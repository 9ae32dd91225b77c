using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

public static class VolunteeringPolicies
{
    /// <summary>Who organises volunteering for a place: community staff and secretaries, town and county officers (a
    /// social-work department, a veteran cadres' bureau), administrators.</summary>
    public const string Organise = "VolunteeringOrganise";
}

/// <summary>The volunteering tables, as members of the context.</summary>
public static class VolunteeringData
{
    extension(HuyingDbContext db)
    {
        public DbSet<Volunteer> Volunteers => db.Set<Volunteer>();
        public DbSet<VolunteerTeam> VolunteerTeams => db.Set<VolunteerTeam>();
        public DbSet<TeamMember> TeamMembers => db.Set<TeamMember>();
        public DbSet<Activity> Activities => db.Set<Activity>();
        public DbSet<ActivityPost> ActivityPosts => db.Set<ActivityPost>();
        public DbSet<Occurrence> Occurrences => db.Set<Occurrence>();
        public DbSet<SignUp> SignUps => db.Set<SignUp>();
    }
}

/// <summary>
/// 党建+志愿服务: volunteers (with the talent pool and the new-employment groups), teams, activities one-off or
/// recurring, posts with capacity, sign-up and the waiting list, check-in by code, confirmed hours, people served,
/// calendars and the figures the report quotes.
/// </summary>
public sealed class VolunteeringModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingSection<VolunteeringBriefing>();
        services.AddPolicy(VolunteeringPolicies.Organise, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin);
        services.AddScoped<Schedule>();
        services.AddScoped<VolunteeringService>();
        services.AddScoped<SignUpService>();
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<Certificates>();
        services.AddHomeSection<VolunteeringHome>();
        services.AddSingleton<ReminderSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSweeper>());
        services.AddNavItem(new NavItem(45, "/volunteering", "Volunteering", VolunteeringPolicies.Organise, "nav-volunteering"));
        services.AddNavItem(new NavItem(46, "/volunteering/me", "My volunteering", Policies.SignedIn, "nav-my-volunteering",
            user => !user.Holds(VolunteeringPolicies.Organise) && !user.Holds(Policies.StaffOrUnit)));
    }

    public override void AddFilters(ScopeFilters filters)
    {
        filters.ByCommunity<Volunteer>();
        filters.ByCommunity<VolunteerTeam>();
        filters.ByCommunity<Activity>();
        filters.ByCommunity<Occurrence>();
        filters.ByCommunity<SignUp>();
        filters.ByCommunity<VolunteeringDay>();
        filters.ByCommunity<ActiveVolunteer>();
        filters.ByCommunity<VolunteerCommendation>();
    }

    public override IEnumerable<ISaveHook> SaveHooks => [new VolunteeringTallies()];

    public override void Map(IEndpointRouteBuilder app)
    {
        app.MapVolunteeringApi();
        app.MapCalendarFeeds();
        app.MapCertificates();
    }

    public override IEnumerable<string> PublicPageFolders => ["/Modules/Volunteering/Pages/Public"];

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new VolunteeringDemo(demo).SeedAsync(ct);
}
