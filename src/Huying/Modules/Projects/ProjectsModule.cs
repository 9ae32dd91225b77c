using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Files;
using Huying.Platform.Composition;
using Huying.Platform.Web;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

public static class ProjectPolicies
{
    /// <summary>In-service party members' reports and service (双报到).</summary>
    public const string InService = "InServiceRead";

    /// <summary>The work on a project: its units' liaisons and community staff (plan, report, ask for acceptance).</summary>
    public const string Work = "ProjectWork";
}

/// <summary>The big committee's tables, as members of the context.</summary>
public static class ProjectData
{
    extension(HuyingDbContext db)
    {
        public DbSet<Need> Needs => db.Set<Need>();
        public DbSet<NeedOffer> NeedOffers => db.Set<NeedOffer>();
        public DbSet<Project> Projects => db.Set<Project>();
        public DbSet<ProjectUnit> ProjectUnits => db.Set<ProjectUnit>();
        public DbSet<ProjectNeed> ProjectNeeds => db.Set<ProjectNeed>();
        public DbSet<Milestone> Milestones => db.Set<Milestone>();
        public DbSet<ProgressUpdate> ProgressUpdates => db.Set<ProgressUpdate>();
        public DbSet<Commendation> Commendations => db.Set<Commendation>();
        public DbSet<ProjectRating> ProjectRatings => db.Set<ProjectRating>();
        public DbSet<PartnershipAgreement> Agreements => db.Set<PartnershipAgreement>();
        public DbSet<JointMeeting> JointMeetings => db.Set<JointMeeting>();
        public DbSet<JointMeetingAttendee> JointMeetingAttendees => db.Set<JointMeetingAttendee>();
        public DbSet<InServiceMember> InServiceMembers => db.Set<InServiceMember>();
        public DbSet<ServiceTask> ServiceTasks => db.Set<ServiceTask>();
        public DbSet<ServiceRecord> ServiceRecords => db.Set<ServiceRecord>();
    }
}

/// <summary>
/// 大党委: the needs list, joint meetings with the partner units, projects with milestones and acceptance,
/// partnership agreements, in-service party members (双报到), the live summary table and its figures.
/// </summary>
public sealed class ProjectsModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingSection<ProjectBriefing>();
        services.AddPolicy(ProjectPolicies.InService, Roles.PartyMember, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.UnitLiaison,
            Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin);
        services.AddPolicy(ProjectPolicies.Work, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.UnitLiaison);
        services.AddScoped<NeedsService>();
        services.AddScoped<JointMeetingsService>();
        services.AddScoped<ProjectWorkService>();
        services.AddScoped<ProjectOutcomesService>();
        services.AddScoped<AgreementsService>();
        services.AddScoped<InServiceService>();
        services.AddHomeSection<ProjectHome>();
        services.AddScoped<IPlaceFacts, AgreementFacts>();
        services.AddChainLinks<ProjectChain>();
        services.AddChainAction(new ChainAction("need-from-topic", "Create a need from the decision", ["topic"], Policies.CommunityStaff,
            (r, _) => r.Text is null ? null : $"/projects/needs?community={r.Community}&topic={r.Ref.Id}"));
        services.AddScoped<IOpenAsks, NeedAsks>();
        services.AddScoped<ProjectSummary>();
        services.AddScoped<ProjectFigures>();
        services.AddSingleton<MilestoneSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<MilestoneSweeper>());
        services.AddFileOwner(nameof(Need), async (db, user, id, ct) => user.Holds(Policies.StaffOrUnit) && await db.Needs.AnyAsync(n => n.Id == id, ct));
        services.AddFileOwner(nameof(ProgressUpdate), async (db, user, id, ct) =>
            user.Holds(Policies.StaffOrUnit) && await db.ProgressUpdates.AnyAsync(u => u.Id == id, ct));
        services.AddFileOwner(nameof(PartnershipAgreement), async (db, user, id, ct) =>
            user.Holds(Policies.StaffOrUnit) && await db.Agreements.AnyAsync(a => a.Id == id, ct));
        services.AddNavItem(new NavItem(60, "/projects", "Big committee", Policies.StaffOrUnit, "nav-projects"));
        services.AddNavItem(new NavItem(61, "/projects/service", "In-service members", ProjectPolicies.InService, "nav-service",
            user => !user.Holds(Policies.StaffOrUnit)));
    }

    /// <summary>
    /// Community staff see their communities' records; a unit liaison sees only its own unit's projects, the needs
    /// offered to it, its agreements, meetings it attended and its in-service members; a party member their own service.
    /// </summary>
    public override void AddFilters(ScopeFilters filters)
    {
        filters.Add<Need>((db, n) => db.ScopeAll
            || (db.ScopeUnitId != null ? n.Offers.Any(o => o.PartnerUnitId == db.ScopeUnitId) : db.ScopeCommunities.Contains(n.CommunityCode)));
        filters.Add<NeedOffer>((db, o) => db.ScopeAll
            || (db.ScopeUnitId != null ? o.PartnerUnitId == db.ScopeUnitId : db.ScopeCommunities.Contains(o.CommunityCode)));
        filters.Add<Project>((db, p) => db.ScopeAll
            || (db.ScopeUnitId != null ? p.Units.Any(u => u.PartnerUnitId == db.ScopeUnitId) : db.ScopeCommunities.Contains(p.CommunityCode)));
        // A project's parts: seen by whoever sees the project (its units, or staff of its community).
        Expression<Func<HuyingDbContext, long, string, bool>> ofProject = (db, projectId, code) => db.ScopeAll
            || (db.ScopeUnitId != null
                ? db.Set<ProjectUnit>().Any(u => u.ProjectId == projectId && u.PartnerUnitId == db.ScopeUnitId)
                : db.ScopeCommunities.Contains(code));
        filters.ByOwner<Milestone>(nameof(Milestone.ProjectId), ofProject);
        filters.ByOwner<ProgressUpdate>(nameof(ProgressUpdate.ProjectId), ofProject);
        filters.ByOwner<Commendation>(nameof(Commendation.ProjectId), ofProject);
        filters.ByOwner<ProjectRating>(nameof(ProjectRating.ProjectId), ofProject);
        filters.ByOwner<ProjectOutcome>(nameof(ProjectOutcome.ProjectId), ofProject);
        filters.ByOwner<UpkeepRule>(nameof(UpkeepRule.ProjectId), ofProject);
        filters.Add<PartnershipAgreement>((db, a) => db.ScopeAll
            || (db.ScopeUnitId != null ? a.PartnerUnitId == db.ScopeUnitId : db.ScopeCommunities.Contains(a.CommunityCode)));
        filters.Add<JointMeeting>((db, m) => db.ScopeAll
            || (db.ScopeUnitId != null ? m.Attendees.Any(a => a.PartnerUnitId == db.ScopeUnitId) : db.ScopeCommunities.Contains(m.CommunityCode)));
        filters.Add<InServiceMember>((db, m) => db.ScopeAll
            || (db.ScopeUnitId != null ? m.PartnerUnitId == db.ScopeUnitId
                : db.ScopePersonId != null ? m.PersonId == db.ScopePersonId : db.ScopeCommunities.Contains(m.CommunityCode)));
        filters.ByCommunity<ServiceTask>();
        filters.Add<ServiceRecord>((db, r) => db.ScopeAll
            || (db.ScopeUnitId != null ? r.PartnerUnitId == db.ScopeUnitId
                : db.ScopePersonId != null
                    ? db.Set<InServiceMember>().Any(m => m.Id == r.MemberId && m.PersonId == db.ScopePersonId)
                    : db.ScopeCommunities.Contains(r.CommunityCode)));
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapProjectsApi();

    public override IEnumerable<string> PublicPageFolders => ["/Modules/Projects/Pages/Public"];

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new ProjectDemo(demo).SeedAsync(ct);
}
