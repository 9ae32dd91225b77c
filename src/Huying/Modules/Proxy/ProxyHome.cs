using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

/// <summary>
/// Same-city services on the home page: for the counter, the cases running out of time and those waiting for the
/// resident's papers; for an office, what waits for its acceptance or decision and what is overdue. Nothing for a
/// reader with no case.
/// </summary>
public sealed class ProxyHome(HuyingDbContext db, WorkCalendars calendars, TimeProvider clock) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.Holds(ProxyPolicies.Handle))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = ProxyDeadlines.DueSoonBy(await calendars.GetAsync(ct), now);
        var office = user.Holds(Policies.UnitLiaison);
        // In the reader's scope: the community's cases, or those forwarded to the office.
        var open = db.Set<ProxyApplication>().AsNoTracking().Where(a => a.State < ProxyState.Granted);
        var counts = await open.GroupBy(a => 1).Select(g => new
        {
            All = g.Count(),
            Overdue = g.Count(a => a.DueAt < now),
            Soon = g.Count(a => a.DueAt >= now && a.DueAt <= soon),
            Correction = g.Count(a => a.State == ProxyState.Correction),
            ToForward = g.Count(a => a.State == ProxyState.Prechecked),
            ToAccept = g.Count(a => a.State == ProxyState.Forwarded),
            ToDecide = g.Count(a => a.State == ProxyState.OfficeAccepted),
        }).FirstOrDefaultAsync(ct);
        var toDeliver = office ? 0 : await db.Set<ProxyApplication>().CountAsync(a => a.State == ProxyState.Granted || a.State == ProxyState.NotGranted, ct);
        if ((counts?.All ?? 0) + toDeliver == 0)
        {
            return null;
        }
        string N(int n) => n.ToString(CultureInfo.CurrentCulture);
        var items = new List<HomeItem>();
        void Add(string text, string href, int n, bool urgent = false)
        {
            if (n > 0)
            {
                items.Add(new HomeItem(text, href, N(n), Urgent: urgent));
            }
        }
        Add(Tr.T("Overdue"), "/proxy?show=overdue", counts!.Overdue, urgent: true);
        Add(Tr.T("Due soon"), "/proxy?show=open", counts.Soon);
        if (office)
        {
            Add(Tr.T("To accept"), "/proxy?show=open", counts.ToAccept);
            Add(Tr.T("To decide"), "/proxy?show=open", counts.ToDecide);
        }
        else
        {
            Add(Tr.T("Waiting for materials"), "/proxy?show=correction", counts.Correction);
            Add(Tr.T("To forward"), "/proxy?show=open", counts.ToForward);
            Add(Tr.T("Results to hand over"), "/proxy?show=finished", toDeliver);
        }
        return new HomeCard(office ? 8 : 32, "proxy", Tr.T("Same-city services"), items, Tr.T("No case waits."),
            office ? new HomeItem(Tr.T("The office's inbox"), "/proxy") : new HomeItem(Tr.T("Take an application"), "/proxy/new"));
    }
}
