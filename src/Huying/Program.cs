using Huying.Modules.Deliberation;
using Huying.Modules.Matters;
using Huying.Modules.Notices;
using Huying.Modules.Organisation;
using Huying.Modules.Projects;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Cli;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Localization;
using Huying.Platform.Privacy;
using Huying.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHuyingData(builder.Configuration);
builder.Services.AddDataProtection().SetApplicationName("Huying").PersistKeysToDbContext<HuyingDbContext>();
builder.Services.AddSingleton<PersonalData>();
builder.Services.AddHuyingAccounts();
builder.Services.AddHuyingLocalization();
builder.Services.AddHuyingProblems();
builder.Services.AddHuyingRateLimits(builder.Configuration);
builder.Services.AddOrganisation();
builder.Services.AddDeliberation();
builder.Services.AddMatters();
builder.Services.AddProjects();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddOpenApi();
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/";
        o.Conventions.AuthorizeFolder("/");
        o.Conventions.AllowAnonymousToPage("/Platform/Accounts/Pages/Denied");
        o.Conventions.AllowAnonymousToPage("/Platform/Web/Status");
        o.Conventions.AllowAnonymousToFolder("/Modules/Notices/Pages/Public");
        o.Conventions.AllowAnonymousToFolder("/Modules/Deliberation/Pages/Public");
        o.Conventions.AllowAnonymousToFolder("/Modules/Matters/Pages/Public");
        o.Conventions.AllowAnonymousToFolder("/Modules/Projects/Pages/Public");
        o.Conventions.AddPageRoute("/Modules/Organisation/Pages/People/Edit", "/people/new");
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization();
// Chinese text is written as text, not as &#x...; entities (still HTML-escaped where it must be).
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));

Display.Configure(builder.Configuration["App:TimeZone"]);
var app = builder.Build();

if (Commands.IsCommand(args))
{
    return await Commands.RunAsync(app.Services, args);
}

await app.Services.MigrateAsync();
await DemoSeeder.SeedIfEnabledAsync(app.Services, app.Configuration);

// Localization first, so problems written by the exception handler speak the caller's language too.
app.UseRequestLocalization();
app.UseExceptionHandler();
// An empty error response becomes a page for people and problem details for the API, files and feeds.
static bool ForMachines(HttpContext http) => http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/files")
    || http.Request.Path.StartsWithSegments("/open311") || http.Request.Path.Value!.EndsWith("/feed", StringComparison.Ordinal);
app.UseWhen(http => !ForMachines(http), branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
app.UseWhen(ForMachines, branch => branch.UseStatusCodePages());
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/healthz");
app.MapOpenApi();
app.MapScalarApiReference("/scalar");
app.MapCultureSwitch();
app.MapAuthApi();
app.MapOrganisationApi();
app.MapPeopleApi();
app.MapAuditApi();
app.MapDeliberationApi();
app.MapNoticesApi();
app.MapMattersApi();
app.MapOpen311Api();
app.MapProjectsApi();
app.MapIntakeBaseline(app.Configuration);
app.MapRazorPages();

await app.RunAsync();
return 0;

public partial class Program;
