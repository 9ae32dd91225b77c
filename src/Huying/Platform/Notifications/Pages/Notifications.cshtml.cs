using Huying.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Notifications.Pages;

/// <summary>The in-app inbox: notifications addressed to the user's grids, community or unit (the scope filter decides).</summary>
public sealed class NotificationsModel(HuyingDbContext db) : PageModel
{
    public List<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.Set<Notification>().AsNoTracking().Where(n => n.Channel == NotificationChannel.InApp);
        if (db.Scope.PartnerUnitId is null)
        {
            // Community staff read community-level notices; grid workers those of their grids.
            q = db.Scope.GridRestricted ? q.Where(n => n.GridId != null) : q.Where(n => n.UnitId == null);
        }
        Items = await q.OrderByDescending(n => n.Id).Take(100).ToListAsync(ct);
    }
}
