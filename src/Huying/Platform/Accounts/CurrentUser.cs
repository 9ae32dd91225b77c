using System.Security.Claims;
using Huying.Platform.Web;

namespace Huying.Platform.Accounts;

/// <summary>
/// The signed-in user as services see it. Services authorize every change here, so a page handler and an endpoint
/// that do the same thing cannot differ. Outside a request (seeding, background work, commands) the platform acts
/// for itself and may do anything, as its data scope sees everything.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsSystem => accessor.HttpContext is null;

    public bool Holds(string policy) => IsSystem || Principal!.Holds(policy);

    /// <summary>Refuses (403) unless the user holds the policy.</summary>
    public void Require(string policy, string reason = "Your role cannot do this")
    {
        if (!Holds(policy))
        {
            throw new NotAllowedException(reason);
        }
    }
}
