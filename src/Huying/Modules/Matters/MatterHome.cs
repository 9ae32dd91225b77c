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
public sealed class MatterHome(MattersService matters, HuyingDbContext db) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Holds(Policies.StaffOrUnit))
        {
            var items = new List<HomeItem>();
            foreach (var view in new[] { QueueView.New, QueueView.DueSoon, QueueView.Overdue, QueueView.ToVerify, QueueView.CommunityQueue, QueueView.ToDispatch, QueueView.Extensions }.Where(v => IndexModel.Visible(user, v)))
            {
                var count = await matters.Queue(new QueueFilter(View: view)).CountAsync(ct);
                items.Add(new HomeItem(Tr.T(IndexModel.TabName(view)), $"/matters?view={view.ToString().ToLowerInvariant()}",
                    count.ToString(CultureInfo.CurrentCulture), Urgent: count > 0 && view == QueueView.Overdue));
            }
            return new HomeCard(10, "matters", Tr.T("Matters that need you"), items, Tr.T("Nothing waiting."),
                new HomeItem(Tr.T("Open the queue"), "/matters"));
        }
        if (!long.TryParse(user.FindFirstValue(ScopeClaims.Person), out var person))
        {
            return null;
        }
        // The data layer shows a resident their own matters only.
        var own = await db.Matters.AsNoTracking().Where(m => m.ReporterPersonId == person)
            .OrderByDescending(m => m.SubmittedAt).Take(5).Select(m => new { m.TrackingCode, m.CategoryCode, m.State, m.CommunityCode }).ToListAsync(ct);
        var community = user.HomeCommunity();
        return new HomeCard(10, "matters", Tr.T("My matters"),
            [.. own.Select(m => new HomeItem(m.TrackingCode, $"/track/{m.TrackingCode}", Tr.T(MatterText.StateName(m.State)),
                Urgent: m.State == MatterState.Verified))],
            Tr.T("You have not reported a matter yet."),
            community is null ? null : new HomeItem(Tr.T("Report a matter"), $"/c/{community}/matters/new"));
    }
}
