using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Pledges.Pages.Public;

/// <summary>
/// A village's party members' pledges for residents, no account needed (晒诺 and 评诺 in public): this month's and last
/// month's, with the branch's evaluation; each rated by residents, once per tracking code of something they raised here.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class BoardModel(PledgeService pledges) : ActionPage
{
    public string Community { get; private set; } = "";
    public string Place { get; private set; } = "";
    public List<PublicPledge> Pledges { get; private set; } = [];
    public long? Rated { get; private set; }

    /// <summary>The pledge being rated when a rating is refused (its form shows the errors and keeps the code).</summary>
    public long? Rating { get; private set; }
    public string? Code { get; private set; }

    public async Task<IActionResult> OnGetAsync(string community, long? rated, CancellationToken ct)
    {
        Rated = rated;
        return await LoadAsync(community, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string community, long pledgeId, string? rating, string? code, CancellationToken ct)
    {
        if (!await LoadAsync(community, ct) || Pledges.All(p => p.Id != pledgeId))
        {
            return NotFound();
        }
        (Rating, Code) = (pledgeId, code);
        return await TryAsync(() => pledges.RateAsync(pledgeId, community, rating, code, ct), prefix: null)
            ? Redirect($"/c/{community}/pledges?rated={pledgeId}#pledge-{pledgeId}")
            : await LoadAsync(community, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string community, CancellationToken ct)
    {
        if (await pledges.PlaceNameAsync(community, ct) is not { } name)
        {
            return false;
        }
        (Community, Place) = (community, name);
        Pledges = await pledges.PublicBoardAsync(community, ct);
        return true;
    }
}
