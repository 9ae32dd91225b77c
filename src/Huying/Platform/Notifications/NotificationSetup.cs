using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Web;

namespace Huying.Platform.Notifications;

public static class NotificationSetup
{
    /// <summary>The outbox's delivery: text messages through <see cref="ISmsSender"/> (the default only logs), retried.</summary>
    public static IServiceCollection AddHuyingNotifications(this IServiceCollection services)
    {
        services.AddSingleton<ISmsSender, LoggingSmsSender>();
        services.AddScoped<Inbox>();
        services.AddScoped<INavBadge, InboxBadge>();
        services.AddNavItem(new NavItem(90, "/notifications", "Notifications", Policies.Inbox, "nav-notifications"));
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        return services;
    }

    /// <summary>A notification is addressed to a unit, a community's grids or the community: the same filter as what it is about.</summary>
    public static void AddFilters(ScopeFilters filters) =>
        filters.Add<Notification>((db, x) => db.ScopeAll
            || (db.ScopeUnitId != null ? x.UnitId == db.ScopeUnitId
                : db.ScopeCommunities.Contains(x.CommunityCode) && (!db.ScopeGridRestricted || (x.GridId != null && db.ScopeGrids.Contains(x.GridId.Value)))));
}

/// <summary>The unread count beside the navigation's notifications item.</summary>
public sealed class InboxBadge(Inbox inbox) : INavBadge
{
    public string Href => "/notifications";

    public Task<int> CountAsync(ClaimsPrincipal user, CancellationToken ct) => inbox.UnreadCountAsync(ct);
}
