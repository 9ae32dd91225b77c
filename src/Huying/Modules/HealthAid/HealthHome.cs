using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid;

/// <summary>
/// The care roles' home: how many follow-ups are overdue, due today and due this week, and the referrals not yet
/// back in the village — counts only (no patient's name on the home page), each opening the list behind it.
/// </summary>
public sealed class HealthHome(HuyingDbContext db, TimeProvider clock) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.Holds(Policies.Care))
        {
            return null;
        }
        var today = DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));
        var week = today.AddDays(7);
        var due = await db.Set<Enrolment>().AsNoTracking().Where(e => e.EndedOn == null && e.NextDueOn <= week).GroupBy(e => 1).Select(g => new
        {
            Overdue = g.Count(e => e.NextDueOn < today),
            Today = g.Count(e => e.NextDueOn == today),
            Week = g.Count(e => e.NextDueOn > today),
        }).FirstOrDefaultAsync(ct);
        var referrals = await db.Set<Referral>().AsNoTracking().CountAsync(r => r.State != ReferralState.BackReferred, ct);
        var items = new List<HomeItem>();
        void Add(string text, string href, int n, bool urgent = false)
        {
            if (n > 0)
            {
                items.Add(new HomeItem(text, href, n.ToString(CultureInfo.CurrentCulture), Urgent: urgent));
            }
        }
        Add(Tr.T("Overdue follow-ups"), "/health", due?.Overdue ?? 0, urgent: true);
        Add(Tr.T("Follow-ups due today"), "/health", due?.Today ?? 0);
        Add(Tr.T("Follow-ups due this week"), "/health?days=7", due?.Week ?? 0);
        Add(Tr.T("Referrals not yet back"), "/health/referrals", referrals);
        return new HomeCard(9, "health", Tr.T("Health aid"), items, Tr.T("No follow-up is due."), new HomeItem(Tr.T("Open the work list"), "/health"));
    }
}
