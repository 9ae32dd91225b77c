using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Huying.Platform.Web;
using Microsoft.Extensions.Options;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.HttpOverrides;

namespace Huying.Platform.Accounts;

public static class AccountsSetup
{
    private const string SmartScheme = "cookie-or-bearer";

    public static IServiceCollection AddHuyingAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        // Served over HTTPS (directly, or behind a proxy on this machine that says so) cookies are Secure; with an
        // https public address always.
        var secure = configuration["App:PublicUrl"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = secure);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure(o => o.BearerTokenProtector = new RememberedTickets(o.BearerTokenProtector));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "huying.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            // Idle timeout: a session left alone for 30 minutes ends.
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = c => ApiAware(c.HttpContext, c.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => ApiAware(c.HttpContext, c.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                // No lockout by count: a stranger could lock anyone out. SignInThrottle slows guessing instead.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole<long>>()
            .AddEntityFrameworkStores<HuyingDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<HuyingClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder().AddHuyingPolicies();
        services.AddSingleton<CurrentUser>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInGuard>();
        services.AddSingleton<Sessions>();
        return services;
    }

    private static AuthorizationBuilder AddHuyingPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in Policies.RolesOf)
        {
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
        return builder;
    }

    private static Task ApiAware(HttpContext http, string redirect, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = status;
        }
        else
        {
            http.Response.Redirect(redirect);
        }
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueToken)
            .WithTags("Auth")
            .WithSummary("Exchange a user name and password for a bearer token")
            .RequireRateLimiting(RateLimits.SignIn)
            .AllowAnonymous();
        app.MapPost("/api/auth/logout", async Task<NoContent> (HttpContext http, Sessions sessions, UserManager<AppUser> users, SignInManager<AppUser> signIn) =>
            {
                await sessions.SignOutAsync(http, users, signIn);
                return TypedResults.NoContent();
            })
            .WithTags("Auth")
            .WithSummary("Sign out: every cookie and token of the account stops working")
            .RequireAuthorization();
        return app;
    }

    public sealed record TokenRequest(string? UserName, string? Password);

    private static async Task<Results<SignInHttpResult, UnauthorizedHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest request, HttpContext http, SignInGuard guard, IUserClaimsPrincipalFactory<AppUser> principals)
    {
        var attempt = await guard.CheckAsync(request.UserName, request.Password, http, "token", http.RequestAborted);
        if (attempt.Outcome == SignInOutcome.Delayed)
        {
            http.Response.Headers.RetryAfter = attempt.RetrySeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                title: Tr.T("Too many failed attempts: try again in {0} seconds", attempt.RetrySeconds));
        }
        if (attempt.User is not { } user)
        {
            return TypedResults.Unauthorized();
        }
        if (user.MustChangePassword)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Tr.T("Change the one-time password first"));
        }
        var principal = await principals.CreateAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}

/// <summary>Puts the account's scope into its claims, so each request can build its filter without a query.</summary>
public sealed class HuyingClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<long>> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<long>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ScopeClaims.DisplayName, user.DisplayName));
        foreach (var code in Split(user.ScopeDivisions))
        {
            identity.AddClaim(new Claim(ScopeClaims.Division, code));
        }
        foreach (var grid in Split(user.ScopeGrids))
        {
            identity.AddClaim(new Claim(ScopeClaims.Grid, grid));
        }
        if (user.PartnerUnitId is { } unit)
        {
            identity.AddClaim(new Claim(ScopeClaims.Unit, unit.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(ScopeClaims.MustChangePassword, "1"));
        }
        if (user.PersonId is { } person)
        {
            identity.AddClaim(new Claim(ScopeClaims.Person, person.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
