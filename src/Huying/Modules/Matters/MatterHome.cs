using System.Globalization;
using System.Security.Claims;
using Huying.Modules.Matters.Pages;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>
/// The matters' card on the home page: for staff and units the queues that need them (new, due soon, overdue, the
/// community's queue), each a link to the queue; for a resident their own matters with where each stands.
/// </summary>
public sealed class MatterHome(MattersService matters, MatterCatalogue catalogue, MatterKpis kpis, HuyingDbContext db, HomeCardCache cache, TimeProvider clock) : IHomeSection
{
    public const int TodayListSize = 12;

    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.GridWorker))
        {
            return await TodayAsync(ct);
        }
        if (HomeCardCache.Spans(user))
        {
            return await cache.GetAsync(user, "matters", () => QueuesAsync(user, ct));
        }
        if (user.Holds(Policies.StaffOrUnit))
        {
            return await QueuesAsync(user, ct);
        }
        return await OwnAsync(user, ct);
    }

    /// <summary>The queues that need staff or a unit, counted (up to <see cref="CountCap"/>), each a link to the queue.</summary>
    private async Task<HomeCard?> QueuesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var items = new List<HomeItem>();
        foreach (var view in new[] { QueueView.New, QueueView.DueSoon, QueueView.Overdue, QueueView.ToVerify, QueueView.CommunityQueue, QueueView.ToDispatch, QueueView.Extensions }.Where(v => IndexModel.Visible(user, v)))
        {
            var count = await CountUpToAsync(matters.Queue(new QueueFilter(View: view)), ct);
            items.Add(new HomeItem(Tr.T(IndexModel.TabName(view)), $"/matters?view={view.ToString().ToLowerInvariant()}",
                Shown(count), Urgent: count > 0 && view == QueueView.Overdue));
        }
        if (user.Holds(Policies.CommunityStaff))
        {
            // The community's month so far beside the whole month before.
            var today = DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));
            var first = new DateOnly(today.Year, today.Month, 1);
            var now = await kpis.ReportAsync(null, first, today, KpiGroup.None, Tr.IsChinese, ct);
            var before = await kpis.ReportAsync(null, first.AddMonths(-1), first.AddDays(-1), KpiGroup.None, Tr.IsChinese, ct);
            static string Pct(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.CurrentCulture) : "—";
            items.Add(new HomeItem(Tr.T("On-time rate this month"), "/matters/kpis",
                Tr.T("{0} (last month {1})", Pct(now.Total.OnTimeRate), Pct(before.Total.OnTimeRate)), Urgent: now.Total.OnTimeRate < before.Total.OnTimeRate));
            items.Add(new HomeItem(Tr.T("Satisfaction this month"), "/matters/kpis",
                Tr.T("{0} (last month {1})", Pct(now.Total.SatisfactionRate), Pct(before.Total.SatisfactionRate))));
        }
        return new HomeCard(10, "matters", Tr.T("Matters that need you"), items, Tr.T("Nothing waiting."),
            new HomeItem(Tr.T("Open the queue"), "/matters"));
    }

    /// <summary>A resident's own matters with where each stands.</summary>
    private async Task<HomeCard?> OwnAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var person))
        {
            return null;
        }
        // The data layer shows a resident their own matters only.
        var own = await db.Matters.AsNoTracking().Where(m => m.ReporterPersonId == person)
            .OrderByDescending(m => m.SubmittedAt).Take(5).Select(m => new { m.TrackingCode, m.CategoryCode, m.State, m.CommunityCode }).ToListAsync(ct);
        var community = user.HomeCommunity();
        return new HomeCard(10, "matters", Tr.T("My matters"),
            [.. own.Select(m => new HomeItem(m.TrackingCode, $"/track/{m.TrackingCode}",
                m.State is MatterState.Resolved or MatterState.Verified ? Tr.T("{0}: rate now", Tr.T(MatterText.StateName(m.State))) : Tr.T(MatterText.StateName(m.State)),
                Urgent: m.State is MatterState.Resolved or MatterState.Verified))],
            Tr.T("You have not reported a matter yet."),
            community is null ? null : new HomeItem(Tr.T("Report a matter"), $"/c/{community}/matters/new"));
    }

    /// <summary>
    /// A grid worker's list for today, each matter with its one-tap step: the new ones to accept, the accepted ones
    /// to start, those due by tonight or overdue (opened to resolve, which needs what was done), and the resolved
    /// ones someone else of the grid resolved, to verify; a new one that may repeat an open matter of the grid says
    /// which (to look at on its page before accepting). Empty when the day's work is done.
    /// </summary>
    private async Task<HomeCard> TodayAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tonight = Display.ToUtc(Display.Local(now).Date.AddDays(1));
        var me = db.Scope.Actor.UserId ?? 0;
        var list = await matters.Queue(new QueueFilter(View: QueueView.Open))
            .Where(m => m.State == MatterState.Submitted
                || (m.State == MatterState.Accepted && m.Handler == HandlerLevel.Grid)
                || (m.State == MatterState.Resolved && (m.ResolvedByUserId == null || m.ResolvedByUserId != me))
                || (m.State == MatterState.InProgress && m.DueAt != null && m.DueAt < tonight))
            .OrderBy(m => m.DueAt == null).ThenBy(m => m.DueAt).ThenBy(m => m.Id).Take(TodayListSize).ToListAsync(ct);
        var snapshot = await catalogue.GetAsync(ct);
        // A new matter that may repeat an open one of the grid says so (the matter page lists them for merging).
        var repeats = new Dictionary<long, string>();
        foreach (var m in list.Where(m => m.State == MatterState.Submitted))
        {
            if ((await matters.DuplicatesAsync(m, ct)).FirstOrDefault() is { } twin)
            {
                repeats[m.Id] = twin.TrackingCode;
            }
        }
        var items = list.Select(m =>
        {
            var tap = m.State switch
            {
                MatterState.Submitted => new HomeTap($"/matters/{m.Id}", "accept", Tr.T(MatterText.ActionName("accept"))),
                MatterState.Accepted => new HomeTap($"/matters/{m.Id}", "start", Tr.T(MatterText.ActionName("start"))),
                MatterState.Resolved => new HomeTap($"/matters/{m.Id}", "verify", Tr.T(MatterText.ActionName("verify"))),
                _ => null,
            };
            var what = (snapshot.Find(m.CategoryCode)?.NameIn(Tr.IsChinese) ?? m.CategoryCode) + (m.Address is { Length: > 0 } a ? " · " + a : "");
            var detail = Tr.T(MatterText.StateName(m.State)) + (m.DueAt is { } due && m.State != MatterState.Resolved ? " · " + Display.Deadline(due, now) : "")
                + (repeats.TryGetValue(m.Id, out var twin) ? " · " + Tr.T("may repeat {0}", twin) : "");
            return new HomeItem(what, $"/matters/{m.Id}", detail, Urgent: m.DueAt < now, Tap: tap);
        }).ToList();
        return new HomeCard(10, "today", Tr.T("Today's list"), items, Tr.T("Today's list is clear."), new HomeItem(Tr.T("Open the queue"), "/matters"));
    }

    /// <summary>A home card counts up to this many and then says "999+": a county's backlog needs attention, not a digit more.</summary>
    public const int CountCap = 999;

    /// <summary>Counts at most one past <see cref="CountCap"/>, so a county-wide count stops early instead of walking every row.</summary>
    public static Task<int> CountUpToAsync(IQueryable<Matter> q, CancellationToken ct) => q.Take(CountCap + 1).CountAsync(ct);

    public static string Shown(int count) => count > CountCap ? $"{CountCap}+" : count.ToString(CultureInfo.CurrentCulture);
}
