using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid;

public static class HealthPolicies
{
    /// <summary>Who reads the figures (aggregates only): staff of every level, the units, and the care roles.</summary>
    public const string Figures = "HealthFigures";
}

/// <summary>
/// 党建+医疗帮扶: villagers' health records with their consent, the chronic-disease registry and its follow-ups by
/// expert, village doctor and team member, the overdue work list, referrals through the green channel, the work
/// team's clinic days, consultations, mobile rounds, home visits and trainings, its nine monthly indicators, and
/// the figures. Health data is sensitive: only the care roles of the village see it (<see cref="CareAccess"/>).
/// </summary>
public sealed class HealthAidModule : HuyingModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddBriefingSection<HealthBriefing>();
        services.AddPolicy(HealthPolicies.Figures, [.. Policies.RolesOf[Policies.StaffOrUnit], .. Policies.RolesOf[Policies.Care]]);
        services.AddScoped<CareAccess>();
        services.AddScoped<HealthRecords>();
        services.AddScoped<CareWork>();
        services.AddScoped<HealthExport>();
        services.AddScoped<HealthFigureCounts>();
        services.AddHomeSection<HealthHome>();
        services.AddNavItem(new NavItem(57, "/health", "Health aid", Policies.Care, "nav-health"));
        services.AddNavItem(new NavItem(58, "/health/figures", "Health figures", HealthPolicies.Figures, "nav-health-figures"));
    }

    /// <summary>Every health record is the care roles' of its village alone; an administrator's scope does not reach it.</summary>
    public override void AddFilters(ScopeFilters filters)
    {
        filters.ByCare<HealthRecord>();
        filters.ByCare<Enrolment>();
        filters.ByCare<FollowUp>();
        filters.ByCare<Referral>();
        filters.ByCare<CareActivity>();
        filters.ByCare<HomeVisit>();
        filters.ByCare<CareTeam>();
        filters.ByCare<FollowUpTally>();
        filters.ByCare<AssessmentValue>();
    }

    public override void Map(IEndpointRouteBuilder app) => app.MapHealthAidApi();

    /// <summary>The registry's conditions under the national basic public-health service norms (four follow-ups a year).</summary>
    public override async Task EnsureDefaultsAsync(HuyingDbContext db, CancellationToken ct)
    {
        (string Code, string Name, string NameEn)[] defaults =
        [
            ("hypertension", "高血压", "Hypertension"),
            ("diabetes2", "2型糖尿病", "Type 2 diabetes"),
            ("copd", "慢性阻塞性肺疾病", "COPD"),
            ("chd", "冠心病", "Coronary heart disease"),
            ("stroke", "脑卒中", "Stroke"),
        ];
        var known = await db.Set<ChronicCondition>().Select(c => c.Code).ToListAsync(ct);
        db.AddRange(defaults.Where(d => !known.Contains(d.Code)).Select(d => new ChronicCondition { Code = d.Code, Name = d.Name, NameEn = d.NameEn }));
        await db.SaveChangesAsync(ct);
    }

    public override IEnumerable<ISaveHook> SaveHooks => [new FollowUpTallies()];

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => new HealthDemo(demo).SeedAsync(ct);

    /// <summary>Figures are masked under five people for a reader outside the health team of the villages.</summary>
    public static bool Masked(HuyingDbContext db) => !db.Scope.CareAll && db.Scope.CareCommunities.Count == 0;
}
