using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Huying.Platform.Demo;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huying.Modules.Dashboard;

/// <summary>The dashboard and the briefing: for any division in the caller's scope and any period, for staff and officers.</summary>
public sealed class DashboardModule : HuyingModule
{
    /// <summary>The city's officer (运城市, DESIGN §7): every county of the demo, for the city's briefing and dashboard.</summary>
    public static readonly DemoAccount City = new("city", Roles.CountyOfficer, "运城市委组织部 · 运城市 1408");

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<BriefingWriter>();
        services.AddScoped<BriefingIssues>();
        services.AddSingleton<BriefingPdf>();
        services.AddPolicy(BriefingPolicies.Edit, Roles.CommunityStaff, Roles.CommunitySecretary, Roles.TownOfficer, Roles.CountyOfficer, Roles.Admin);
        services.AddSingleton<MonthlyBriefings>();
        services.AddHostedService(sp => sp.GetRequiredService<MonthlyBriefings>());
        services.AddMemoryCache();
        services.AddScoped<DashboardFigures>();
        services.AddNavItem(new NavItem(5, "/dashboard", "Dashboard", Policies.StaffOrUnit, "nav-dashboard"));
        services.AddNavItem(new NavItem(12, "/briefing", "Work briefing", Policies.Staff, "nav-briefing"));
    }

    public override Task SeedDemoAsync(DemoContext demo, CancellationToken ct) => demo.AddAccountAsync(City, "运城市委组织部", "1408");

    public override void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Briefing").RequireAuthorization(Policies.Staff);
        group.MapGet("/briefing", async Task<Ok<BriefingDto>> (string? division, DateOnly? from, DateOnly? to, BriefingWriter writer, CancellationToken ct) =>
            TypedResults.Ok(await writer.WriteAsync(division!, from, to, ct)))
            .RequiresDivisionInScope()
            .WithSummary("The monthly briefing (工作简报) for a division and period (this year to today unless told): the generated Chinese text and the figures behind each sentence");
        group.MapGet("/briefing.docx", async Task<FileContentHttpResult> (string? division, DateOnly? from, DateOnly? to, BriefingWriter writer, CancellationToken ct) =>
        {
            var print = BriefingPrint.Of(await writer.WriteAsync(division!, from, to, ct));
            return TypedResults.File(BriefingDocument.Write(print), BriefingDocument.ContentType, print.FileName + ".docx");
        }).RequiresDivisionInScope().WithSummary("The same briefing as a Word document (.docx)");
        group.MapGet("/briefing.pdf", async Task<FileContentHttpResult> (string? division, DateOnly? from, DateOnly? to, BriefingWriter writer, BriefingPdf pdf, CancellationToken ct) =>
        {
            var print = BriefingPrint.Of(await writer.WriteAsync(division!, from, to, ct));
            return TypedResults.File(pdf.Write(print), BriefingPdf.ContentType, print.FileName + ".pdf");
        }).RequiresDivisionInScope().ProducesProblem(StatusCodes.Status409Conflict).WithSummary("The same briefing as PDF");
        group.MapBriefingIssues();
    }
}
