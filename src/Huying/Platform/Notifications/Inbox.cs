using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Notifications;

public sealed record InboxItem(long Id, DateTime CreatedAt, string Kind, string Subject, string? Link, bool Read);

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Unread);

/// <summary>
/// A person's in-app notifications: those addressed to their grids, community or unit (the scope filter decides),
/// at their level — a grid's workers read the grids', community staff the community's, a unit its own, town and
/// county officers what is escalated to them — never one about their own act. Read marks are per person: a
/// cursor ("all read up to here") and single marks above it.
/// </summary>
public sealed class Inbox(HuyingDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const int PageSize = 100;

    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    private long? UserId => db.Scope.Actor.UserId;

    /// <summary>Who has an inbox: staff, the units' liaisons and party members (residents hear from the platform by text message).</summary>
    public static bool HasInbox(ClaimsPrincipal user) => user.Holds(Policies.Inbox);

    private IQueryable<Notification> Visible()
    {
        var q = db.Notifications.AsNoTracking().Where(n => n.Channel == NotificationChannel.InApp);
        if (!HasInbox(User) || UserId is not { } me)
        {
            return q.Where(_ => false);
        }
        if (!User.Holds(Policies.StaffOrUnit))
        {
            // A member's own inbox: only what is addressed to them by account, a query of its own (no scope to filter by).
            return db.Notifications.IgnoreQueryFilters().AsNoTracking().Where(n => n.Channel == NotificationChannel.InApp && n.ForUserId == me);
        }
        q = q.Where(n => (n.NotForUserId == null || n.NotForUserId != me) && (n.ForUserId == null || n.ForUserId == me));
        var scope = db.Scope;
        if (scope.PartnerUnitId is not null)
        {
            return q;
        }
        if (User.IsInRole(Roles.TownOfficer) || User.IsInRole(Roles.CountyOfficer) || User.IsInRole(Roles.Admin))
        {
            return q.Where(n => n.Audience == Audience.Supervisor);
        }
        return scope.GridRestricted ? q.Where(n => n.GridId != null) : q.Where(n => n.UnitId == null);
    }

    private IQueryable<Notification> Unread(long me)
    {
        var cursor = db.Set<NotificationCursor>().Where(c => c.UserId == me).Select(c => c.ReadToId);
        return Visible().Where(n => !cursor.Any(to => n.Id <= to)
            && !db.Set<NotificationRead>().Any(r => r.UserId == me && r.NotificationId == n.Id));
    }

    public Task<int> UnreadCountAsync(CancellationToken ct) => UserId is { } me ? Unread(me).CountAsync(ct) : Task.FromResult(0);

    public async Task<InboxPage> PageAsync(bool unreadOnly, CancellationToken ct)
    {
        if (UserId is not { } me)
        {
            return new([], 0);
        }
        var unread = Unread(me);
        var rows = await (unreadOnly ? unread : Visible()).OrderByDescending(n => n.Id).Take(PageSize)
            .Select(n => new { n.Id, n.CreatedAt, n.Kind, n.Subject, n.Link }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var unreadIds = (await unread.Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        return new([.. rows.Select(r => new InboxItem(r.Id, r.CreatedAt, r.Kind, r.Subject, r.Link, !unreadIds.Contains(r.Id)))],
            await unread.CountAsync(ct));
    }

    /// <summary>Marks one notification read for this person and gives where it leads; null when it is not theirs (404).</summary>
    public async Task<InboxItem?> ReadAsync(long id, CancellationToken ct)
    {
        if (UserId is not { } me || await Visible().FirstOrDefaultAsync(n => n.Id == id, ct) is not { } n)
        {
            return null;
        }
        if (await Unread(me).AnyAsync(x => x.Id == id, ct))
        {
            db.Add(new NotificationRead { UserId = me, NotificationId = id, ReadAt = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Read twice at once (two tabs): the mark is there, which is all that was asked.
                db.ChangeTracker.Clear();
            }
        }
        return new(n.Id, n.CreatedAt, n.Kind, n.Subject, n.Link, true);
    }

    /// <summary>Everything visible now counts as read: the cursor moves to the newest, the single marks below it go.</summary>
    public async Task<int> ReadAllAsync(CancellationToken ct)
    {
        if (UserId is not { } me)
        {
            return 0;
        }
        var newest = await Visible().MaxAsync(n => (long?)n.Id, ct);
        if (newest is not { } to)
        {
            return 0;
        }
        var marked = await Unread(me).CountAsync(ct);
        // Only forward: a cursor never moves back past what was already read.
        var moved = await db.Set<NotificationCursor>().Where(c => c.UserId == me && c.ReadToId < to)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReadToId, to), ct);
        if (moved == 0 && !await db.Set<NotificationCursor>().AnyAsync(c => c.UserId == me, ct))
        {
            db.Add(new NotificationCursor { UserId = me, ReadToId = to });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                await db.Set<NotificationCursor>().Where(c => c.UserId == me && c.ReadToId < to)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReadToId, to), ct);
            }
        }
        await db.Set<NotificationRead>().Where(r => r.UserId == me && r.NotificationId <= to).ExecuteDeleteAsync(ct);
        return marked;
    }
}

/// <summary>The inbox's endpoints: the list with the unread count, one read, all read.</summary>
public static class InboxApi
{
    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", async Task<Ok<InboxPage>> (bool? unread, Inbox inbox, CancellationToken ct) =>
            TypedResults.Ok(await inbox.PageAsync(unread == true, ct)))
            .WithSummary("My notifications, newest first, with my unread count");
        group.MapPost("/{id:long}/read", async Task<Results<Ok<InboxItem>,
            NotFound<ProblemDetailsBody>>> (long id, Inbox inbox, CancellationToken ct) =>
            await inbox.ReadAsync(id, ct) is { } item ? TypedResults.Ok(item) : ProblemSetup.NotFound())
            .WithSummary("Mark one of my notifications read (for me only)");
        group.MapPost("/read-all", async Task<Ok<ReadAllResult>> (Inbox inbox, CancellationToken ct) =>
            TypedResults.Ok(new ReadAllResult(await inbox.ReadAllAsync(ct))))
            .WithSummary("Mark all my notifications read (for me only)");
        return app;
    }
}

public sealed record ReadAllResult(int Marked);
