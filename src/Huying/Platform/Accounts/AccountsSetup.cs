using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Huying.Platform.Web;
using Microsoft.Extensions.Options;

namespace Huying.Platform.Accounts;

public static class AccountsSetup
{
    private const string SmartScheme = "cookie-or-bearer";

    public static IServiceCollection AddHuyingAccounts(this IServiceCollection services)
    {
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

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "huying.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
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
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole<long>>()
            .AddEntityFrameworkStores<HuyingDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<HuyingClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder().AddHuyingPolicies();
        services.AddSingleton<CurrentUser>();
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
        return app;
    }

    public sealed record TokenRequest(string? UserName, string? Password);

    private static async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> IssueToken(
        TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        IUserClaimsPrincipalFactory<AppUser> principals)
    {
        var user = string.IsNullOrWhiteSpace(request.UserName) ? null : await users.FindByNameAsync(request.UserName);
        if (user is null || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Unauthorized();
        }
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return TypedResults.Unauthorized();
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
        if (user.PersonId is { } person)
        {
            identity.AddClaim(new Claim(ScopeClaims.Person, person.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
