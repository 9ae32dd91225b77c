using Huying.Platform.Composition;
using Huying.Platform.Data;

namespace Huying.Platform.Web;

public static class WebSetup
{
    /// <summary>JSON and HTML encoding shared by every module.</summary>
    public static IServiceCollection AddHuyingWeb(this IServiceCollection services)
    {
        // Counts made once per request, shared with the briefing's sections.
        services.AddScoped<Composition.SharedCounts>();
        // Chinese text is written as text, not as &#x...; entities (still HTML-escaped where it must be).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // One JSON naming for enums everywhere: camelCase strings.
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        // Answers that are the same for every anonymous caller (the OpenAPI document) are built once, not per request.
        services.AddOutputCache();
        // A community's public pages, from memory for anonymous visitors until the community's next committed change.
        services.AddSingleton<PublicPages>();
        services.AddSingleton<Data.ICommitListener>(sp => sp.GetRequiredService<PublicPages>());
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>()
            .Configure<PublicPages>((o, pages) => o.AddPolicy(PublicPages.Policy, pages));
        services.AddNavItem(new NavItem(0, "/", "Overview", Accounts.Policies.SignedIn));
        services.AddNavItem(new NavItem(85, "/admin/calendar", "Working calendar", Accounts.Policies.Admin));
        services.AddNavItem(new NavItem(90, "/admin/audit", "Audit trail", Accounts.Policies.AuditRead));
        return services;
    }

    /// <summary>Razor Pages: every page needs a signed-in user, except the platform's own and the modules' public folders.</summary>
    public static IServiceCollection AddHuyingPages(this IServiceCollection services, ModuleList modules)
    {
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Platform/Accounts/Pages/Denied");
                o.Conventions.AllowAnonymousToPage("/Platform/Web/Status");
                foreach (var module in modules.All)
                {
                    foreach (var folder in module.PublicPageFolders)
                    {
                        o.Conventions.AllowAnonymousToFolder(folder);
                    }
                    module.ConfigurePages(o.Conventions);
                }
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new HandlerPolicyFilter());
                o.Filters.Add(new PageInputBounds());
                o.ModelBinderProviders.Insert(0, new YesNoBinder.Provider());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        return services;
    }

    /// <summary>The request pipeline, in order.</summary>
    public static WebApplication UseHuyingPipeline(this WebApplication app)
    {
        // The client's address and scheme as a proxy on this machine reports them (cookies Secure behind HTTPS).
        app.UseForwardedHeaders();
        // Localization first, so problems written by the exception handler speak the caller's language too.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        // An empty error response becomes a page for people and problem details for the API, files and feeds.
        app.UseWhen(http => !ForMachines(http), branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseWhen(ForMachines, branch => branch.UseStatusCodePages());
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        // A signed-out cookie or token is anonymous from here on (Sessions).
        app.Use((http, next) => http.RequestServices.GetRequiredService<Accounts.Sessions>().CheckAsync(http, () => next(http)));
        app.UseRateLimiter();
        app.UseReadYourWrites();
        app.UseOutputCache();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    private static bool ForMachines(HttpContext http) => http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/files")
        || http.Request.Path.StartsWithSegments("/open311") || http.Request.Path.Value!.EndsWith("/feed", StringComparison.Ordinal)
        || http.Request.Path.Value!.EndsWith(".ics", StringComparison.Ordinal);
}
