using Huying.Modules.Dashboard;
using Huying.Modules.Deliberation;
using Huying.Modules.Heritage;
using Huying.Modules.HealthAid;
using Huying.Modules.Matters;
using Huying.Modules.Notices;
using Huying.Modules.Organisation;
using Huying.Modules.Projects;
using Huying.Modules.Pledges;
using Huying.Modules.Proxy;
using Huying.Modules.Volunteering;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Cli;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Files;
using Huying.Platform.Localization;
using Huying.Platform.Composition;
using Huying.Platform.Notifications;
using Huying.Platform.Privacy;
using Huying.Platform.Web;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// The house. No "Server: Kestrel" on answers: what runs here is nobody's business.
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHuyingData(builder.Configuration);
builder.Services.AddHuyingKeyRing(builder.Configuration);
builder.Services.AddHuyingPrivacy();
builder.Services.AddHuyingAccounts(builder.Configuration);
builder.Services.AddHuyingLocalization();
builder.Services.AddHuyingProblems();
builder.Services.AddHuyingRateLimits(builder.Configuration);
builder.Services.AddHuyingTelemetry(builder.Configuration);
// Request logs at Warning unless configured otherwise: an Information line per request carries paths and queries.
foreach (var category in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore" })
{
    if (builder.Configuration[$"Logging:LogLevel:{category}"] is null)
    {
        builder.Logging.AddFilter(category, LogLevel.Warning);
    }
}
builder.Services.AddHuyingFiles();
builder.Services.AddHuyingNotifications();
builder.Services.AddHuyingWeb();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<Huying.Platform.Files.FileStoreHealthCheck>("files");
builder.Services.AddOpenApi();

var modules = builder.AddModules(Program.Modules());

builder.Services.AddHuyingPages(modules);

Display.Configure(builder.Configuration["App:TimeZone"]);
var app = builder.Build();

if (Commands.IsCommand(app.Services, args))
{
    return await Commands.RunAsync(app.Services, args);
}

app.WarnIfInClear();
// The database is made ready (its model built, a second of a start, then migrations and the demo) on another thread
// while the pipeline and the endpoints are set up here; nothing is served, and no background work starts, before both.
var ready = Task.Run(async () =>
{
    await app.Services.MigrateAsync();
    await DemoSeeder.SeedIfEnabledAsync(app.Services, app.Configuration);
});

app.UseHuyingPipeline();

// A crowd of anonymous probes runs the checks (a connection, a file written and removed) once a second, not once
// each; a failing check is never kept, and a signed-in caller always gets a fresh one.
app.MapHealthChecks("/healthz").CacheOutput(policy => policy.Expire(TimeSpan.FromSeconds(1)));
// The document only changes with a new build: generated once per host and kept (it took both cores at 5 requests a second),
// without the indentation that made it twice its size.
app.MapOpenApi().WithoutIndentation().CacheOutput(policy => policy.Expire(TimeSpan.FromDays(1)));
app.MapScalarApiReference("/scalar");
// Every endpoint below refuses dates outside 1900–2100 beside the field (InputBounds).
var endpoints = app.MapGroup("").AddEndpointFilter<InputBounds>();
endpoints.MapCultureSwitch();
endpoints.MapAuthApi();
endpoints.MapAuditApi();
endpoints.MapFilesApi();
endpoints.MapInboxApi();
endpoints.MapHomeApi();
endpoints.MapChainApi();
endpoints.MapModules();
app.MapRazorPages();

await ready;
await app.RunAsync();
return 0;

public partial class Program
{
    /// <summary>The rooms of the house, in the order their demo parts build on each other.</summary>
    public static HuyingModule[] Modules() =>
    [
        new OrganisationModule(),
        new NoticesModule(),
        new DeliberationModule(),
        new MattersModule(),
        new ProjectsModule(),
        new VolunteeringModule(),
        new PledgesModule(),
        new ProxyModule(),
        new HeritageModule(),
        new HealthAidModule(),
        new DashboardModule(),
    ];
}
