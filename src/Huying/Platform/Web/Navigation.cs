using System.Security.Claims;
using Huying.Platform.Accounts;

namespace Huying.Platform.Web;

/// <summary>
/// One entry of the navigation bar, contributed by a module: shown to the users who hold <see cref="Policy"/> (and
/// pass <see cref="Also"/>), in <see cref="Order"/>; active while the path starts with <see cref="Href"/>.
/// </summary>
public sealed record NavItem(int Order, string Href, string Text, string Policy, string? Id = null, Func<ClaimsPrincipal, bool>? Also = null)
{
    public bool IsFor(ClaimsPrincipal user) => user.Holds(Policy) && (Also is null || Also(user));
}

/// <summary>A count shown beside the navigation item at <see cref="Href"/> (unread notifications, say); 0 shows nothing.</summary>
public interface INavBadge
{
    string Href { get; }

    Task<int> CountAsync(ClaimsPrincipal user, CancellationToken ct);
}

public static class NavigationSetup
{
    public static IServiceCollection AddNavItem(this IServiceCollection services, NavItem item) => services.AddSingleton(item);
}
