using Huying.Modules.Organisation;
using Huying.Platform.Localization;
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
    public string KindChart { get; private set; } = "";
    public string MonthChart { get; private set; } = "";
    public PledgeTown? Town { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Reminded { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? WithoutAccount { get; set; }

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

    /// <summary>One tap on a branch's row: its members who are behind today are reminded.</summary>
    public async Task<IActionResult> OnPostRemindAsync(string? month, string community, CancellationToken ct)
    {
        if (await pledges.BranchAsync(community, ct) is null)
        {
            return NotFound();
        }
        RemindResult? done = null;
        return await ActAsync(async () => done = await pledges.RemindAsync(community, ct),
            () => Redirect($"{Back(month, null)}&reminded={done!.Reminded}&withoutAccount={done.WithoutAccount}#compliance"), () => LoadAsync(month, null, ct), prefix: null);
    }

    [Requires(PledgePolicies.File)]
    public async Task<IActionResult> OnPostTownAsync(string? month, string town, int? publishBy, int? progressBy, bool maskNames, CancellationToken ct) =>
        await pledges.TownInScopeAsync(town, ct) is not null
            ? await ActAsync(() => pledges.SetTownAsync(town, new TownSettingsInput(publishBy, progressBy, maskNames), ct), () => Redirect(Back(month, null) + "#town"),
                () => LoadAsync(month, null, ct), prefix: null)
            : NotFound();

    private static string Back(string? month, string? community) => $"/pledges?month={month}&community={community}";

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
        (ByKind, var byMonth) = await pledges.KindsAndMonthsAsync(Division, yearStart, Month.AddMonths(1).AddDays(-1), ct);
        KindChart = Chart(ByKind);
        MonthChart = Chart(byMonth, "line");
        Town = Division.Length >= 9 ? await pledges.TownInScopeAsync(Division[..9], ct) : null;
    }

    private static string Chart(List<PledgeCount> counts, string? type = null) => System.Text.Json.JsonSerializer.Serialize(new
    {
        type,
        categories = counts.Select(c => c.Name),
        series = new[]
        {
            new { name = Tr.T("Pledges claimed"), data = counts.Select(c => c.Claimed) },
            new { name = Tr.T("Pledges completed"), data = counts.Select(c => c.Completed) },
        },
    });
}
