using System.Globalization;
using System.Security.Claims;
using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Huying.Platform.Web;

namespace Huying.Modules.Pledges;

/// <summary>
/// The month's pledges on the home page. A party member sees their pledges of this month with the step each waits for
/// (submit, report progress, the month-end report), or a call to claim one; a branch sees what waits on it (review,
/// the board, the evaluation) and who has no pledge; the town what waits for its filing.
/// </summary>
public sealed class PledgesHome(PledgeService pledges) : IHomeSection
{
    public async Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Holds(PledgePolicies.Review) || user.Holds(PledgePolicies.File))
        {
            return await BranchesAsync(user, ct);
        }
        if (!user.Holds(Policies.PartyMember) || user.Holds(PledgePolicies.Oversee) || await pledges.MeAsync(ct) is null)
        {
            return null;
        }
        var month = pledges.ThisMonth;
        var mine = (await pledges.ListAsync(null, month, ct)).Where(p => p.State != PledgeState.NotDone || p.CarriedFromId == null).ToList();
        var items = mine.Select(p => new HomeItem(p.Title, $"/pledges/me#pledge-{p.Id}", Next(p), Urgent: p.State is PledgeState.Draft or PledgeState.Published)).ToList();
        return new HomeCard(12, "pledges", Tr.T("My pledge this month"), items, Tr.T("No pledge this month yet: at least one real matter a month."),
            new HomeItem(Tr.T("Claim this month's pledge"), "/pledges/me#claim-form"));
    }

    private static string Next(Pledge p) => p.State switch
    {
        PledgeState.Draft => Tr.T("Submit to the branch"),
        PledgeState.Published when p.ProgressAt is null => Tr.T("Report progress"),
        PledgeState.Published => Tr.T("Month-end report"),
        _ => Tr.Name(p.State),
    };

    private async Task<HomeCard?> BranchesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var month = pledges.ThisMonth;
        var division = user.FindAll(ScopeClaims.Division).Select(c => c.Value).OrderBy(c => c.Length).FirstOrDefault() ?? "";
        // Most secretaries' communities keep no member list: one cheap look before the month's counts.
        if (division.Length < 6 || !await pledges.KeepsMembersAsync(division, ct))
        {
            return null;
        }
        var rows = await pledges.ComplianceAsync(division, month, ct);
        rows = [.. rows.Where(r => r.Members > 0)];
        if (rows.Count == 0)
        {
            return null;
        }
        string N(int n) => n.ToString(CultureInfo.CurrentCulture);
        var link = rows.Count == 1 ? $"/pledges?community={rows[0].CommunityCode}" : "/pledges";
        var items = new List<HomeItem>();
        void Add(string text, int n, bool urgent = false)
        {
            if (n > 0)
            {
                items.Add(new HomeItem(text, link + "#compliance", N(n), Urgent: urgent));
            }
        }
        if (user.Holds(PledgePolicies.Review))
        {
            Add(Tr.T("Waiting for the branch"), rows.Sum(r => r.AwaitingReview));
            Add(Tr.T("Filed pledges to show on the board"), rows.Sum(r => r.AwaitingBoard), rows.Sum(r => r.OverdueBoard) > 0);
        }
        if (user.Holds(PledgePolicies.File))
        {
            Add(Tr.T("Waiting for the town"), rows.Sum(r => r.AwaitingFiling), rows.Sum(r => r.OverdueBoard) > 0);
        }
        Add(Tr.T("Members without a pledge this month"), rows.Sum(r => r.WithoutPledge.Count));
        Add(Tr.T("Overdue"), rows.Sum(r => r.OverdueBoard + r.OverdueProgress + r.OverdueEvaluation), urgent: true);
        return new HomeCard(30, "pledges", Tr.T("Monthly pledges"), items, Tr.T("Nothing waits on you this month."), new HomeItem(Tr.T("The branches' month"), link));
    }
}
