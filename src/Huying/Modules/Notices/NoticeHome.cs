using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Huying.Platform.Web;

namespace Huying.Modules.Notices;

/// <summary>The notice board's card on the home page of residents, members, volunteers and units: the latest notices of
/// their community, those still taking objections marked.</summary>
public sealed class NoticeHome(NoticeService notices, TimeProvider clock) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
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
