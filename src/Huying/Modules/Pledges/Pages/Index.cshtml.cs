using Huying.Modules.Organisation;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Pledges.Pages;

/// <summary>
/// The month at a glance for branches and the town: each branch's compliance (members without a pledge, what waits on
/// the branch or the town, what is overdue), the month's pledges, the figures by kind; the town files a branch's list
/// at once and the branch shows it on the board.
/// </summary>
[Authorize(Policy = PledgePolicies.Oversee)]
public sealed class IndexModel(PledgeService pledges, OrganisationService org) : ActionPage
{
    public DateOnly Month { get; private set; }
    public string? Community { get; private set; }
    public List<Community> Branches { get; private set; } = [];
    public string Division { get; private set; } = "";
    public List<BranchCompliance> Compliance { get; private set; } = [];
    public List<Pledge> Pledges { get; private set; } = [];
    public PledgeFigures Figures { get; private set; } = new(0, 0, 0);
    public List<PledgeCount> ByKind { get; private set; } = [];

    public Task OnGetAsync(string? month, string? community, CancellationToken ct) => LoadAsync(month, community, ct);

    [Requires(PledgePolicies.File)]
    public async Task<IActionResult> OnPostFileAllAsync(string? month, string community, CancellationToken ct) =>
        PledgeService.ParseMonth(month) is { } m && await pledges.BranchAsync(community, ct) is not null
            ? await ActAsync(() => pledges.FileAllAsync(community, m, ct), () => Redirect(Back(month, community)), () => LoadAsync(month, community, ct), prefix: null)
            : NotFound();

    [Requires(PledgePolicies.Review)]
    public async Task<IActionResult> OnPostPublishAsync(string? month, string community, CancellationToken ct) =>
        PledgeService.ParseMonth(month) is { } m && await pledges.BranchAsync(community, ct) is not null
            ? await ActAsync(() => pledges.PublishAsync(community, m, ct), () => Redirect(Back(month, community)), () => LoadAsync(month, community, ct), prefix: null)
            : NotFound();

    private static string Back(string? month, string community) => $"/pledges?month={month}&community={community}";

    private async Task LoadAsync(string? month, string? community, CancellationToken ct)
    {
        Month = PledgeService.ParseMonth(month) ?? pledges.ThisMonth;
        Branches = await org.CommunitiesUnderAsync("", ct);
        Community = Branches.Any(b => b.Code == community) ? community : null;
        Division = Community ?? Volunteering.Pages.IndexModel.CommonPrefix(Branches.Select(b => b.Code).ToList());
        if (Division.Length == 0)
        {
            return;
        }
        Compliance = [.. (await pledges.ComplianceAsync(Division, Month, ct)).Where(c => c.Members > 0)];
        Pledges = await pledges.ListAsync(Division, Month, ct);
        var yearStart = new DateOnly(Month.Year, 1, 1);
        Figures = await pledges.FiguresAsync(Division, yearStart, Month.AddMonths(1).AddDays(-1), ct);
        ByKind = await pledges.CountsAsync(Division, yearStart, Month.AddMonths(1).AddDays(-1), "kind", ct);
    }
}
