using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Huying.Platform.Accounts;

/// <summary>
/// Sessions end when their account's security stamp changes: a sign-out, a password change. Cookies and bearer
/// tokens both carry the stamp they were issued with; <see cref="CheckAsync"/> compares it on every request with the
/// account's current one (kept for <c>Accounts:StampSeconds</c>, 30, and dropped at once on this instance when it
/// changes here), so a signed-out cookie or token stops working.
/// </summary>
public sealed class Sessions(HuyingContextFactory contexts, IMemoryCache cache, IConfiguration configuration, IOptions<IdentityOptions> identity)
{
    private readonly TimeSpan keep = TimeSpan.FromSeconds(configuration.GetValue("Accounts:StampSeconds", 30.0));

    /// <summary>Ends every session of the signed-in account (cookies and tokens alike) and the cookie of this one.</summary>
    public async Task SignOutAsync(HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        if (await users.GetUserAsync(http.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            Forget(user.Id);
            await using var db = contexts.Create(DataScope.System);
            db.Audit("sign-out", "Account", user.Id.ToString(CultureInfo.InvariantCulture), null,
                new Actor(user.Id, user.UserName ?? "?", http.Connection.RemoteIpAddress?.ToString()));
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await signIn.SignOutAsync();
    }

    public void Forget(long userId) => cache.Remove(Key(userId));

    /// <summary>
    /// Runs after authentication: a principal whose stamp is no longer its account's becomes anonymous (and its
    /// cookie is removed); one that must change its password may only do that.
    /// </summary>
    public async Task CheckAsync(HttpContext http, Func<Task> next)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && user.UserId() is { } id)
        {
            var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var current = await cache.GetOrCreateAsync(Key(id), async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = keep;
                await using var db = contexts.Create(DataScope.System);
                return await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(http.RequestAborted);
            });
            if (stamp is null || current is null || stamp != current)
            {
                if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else if (user.HasClaim(ScopeClaims.MustChangePassword, "1") && !MayWhileChanging(http.Request.Path))
            {
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = 403,
                        Title = Tr.T("Change the one-time password first"),
                    });
                    return;
                }
                http.Response.Redirect("/account/password");
                return;
            }
        }
        await next();
    }

    // Static files are served before authentication and never reach this.
    private static bool MayWhileChanging(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/culture") || path.StartsWithSegments("/status")
        || path.StartsWithSegments("/api/auth");

    private static string Key(long id) => $"stamp:{id.ToString(CultureInfo.InvariantCulture)}";
}
