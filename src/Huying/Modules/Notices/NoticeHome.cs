using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Huying.Platform.Web;

namespace Huying.Modules.Notices;

/// <summary>The notice board's card on the home page: for community staff the objections waiting for an answer; for
/// residents, members, volunteers and units the latest notices of their community, those still taking objections marked.</summary>
public sealed class NoticeHome(NoticeService notices, HuyingDbContext db, TimeProvider clock) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Holds(Policies.CommunityStaff))
        {
            // The notices in scope with objections not yet answered, oldest objection first.
            var waiting = await db.Notices.AsNoTracking()
                .Where(n => n.Objections.Any(o => o.Answer == null))
                .Select(n => new { n.Id, n.Title, Count = n.Objections.Count(o => o.Answer == null), Since = n.Objections.Where(o => o.Answer == null).Min(o => o.CreatedAt) })
                .OrderBy(n => n.Since).Take(5).ToListAsync(ct);
            return new HomeCard(30, "objections", Tr.T("Objections to answer"),
                [.. waiting.Select(n => new HomeItem(n.Title, $"/notices/{n.Id}", Tr.T("{0} waiting", n.Count), Urgent: true))],
                Tr.T("Every objection has its answer."), new HomeItem(Tr.T("Notices"), "/notices"));
        }
        var community = user.HomeCommunity();
        if (user.Holds(Policies.Staff) || community is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var latest = (await notices.PublicBoardAsync(community, null, ct)).OrderByDescending(n => n.PublishedAt).Take(4).ToList();
        return new HomeCard(30, "notices", Tr.T("My community's notices"),
            [.. latest.Select(n => new HomeItem(n.Title, $"/c/{community}/notices/{n.Id}",
                n.ObjectionUntil is { } until && until > now ? Tr.T("Objections until {0}", Display.Local(until).ToString("M-d", CultureInfo.InvariantCulture))
                    : Display.Local(n.PublishedAt).ToString("M-d", CultureInfo.InvariantCulture)))],
            Tr.T("No notice published yet."), new HomeItem(Tr.T("The notice board"), $"/c/{community}/notices"));
    }
}
