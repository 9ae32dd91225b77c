using System.Text.Json;
using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Organisation.Pages;

public sealed class OverviewModel(OrganisationService org, IEnumerable<IHomeSection> sections, PlaceNames places) : PageModel
{
    /// <summary>An anonymous visitor: the public entry instead of a workbench.</summary>
    public bool Public { get; private set; }

    /// <summary>What the visitor typed to find a community: part of its name, its pinyin initials or its code.</summary>
    public string? Find { get; private set; }

    /// <summary>The communities found (all of them, up to 30, before anything is typed).</summary>
    public List<(string Code, string Name)> Found { get; private set; } = [];

    /// <summary>What needs the reader today, one card per module that has something for their role.</summary>
    public List<HomeCard> Cards { get; private set; } = [];

    public OrgSummary? Summary { get; private set; }
    public List<CommunityRow> Rows { get; private set; } = [];
    public string ChartJson { get; private set; } = "";
    public string RoleName { get; private set; } = "";
    public string? HomeCommunity { get; private set; }

    public async Task OnGetAsync(string? find, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            Public = true;
            Find = find?.Trim();
            var key = Find?.ToLowerInvariant() ?? "";
            Found = [.. (await places.CommunitiesAsync(ct))
                .Where(c => key.Length == 0 || c.Value.Contains(Find!, StringComparison.Ordinal) || c.Key.StartsWith(key, StringComparison.Ordinal)
                    || Pinyin.Initials(c.Value).StartsWith(key, StringComparison.Ordinal))
                .OrderBy(c => c.Key, StringComparer.Ordinal).Take(30).Select(c => (c.Key, c.Value))];
            return;
        }
        RoleName = Roles.All.FirstOrDefault(User.IsInRole) ?? "";
        Cards = await sections.CardsAsync(User, ct);
        if (!User.Holds(Policies.Staff))
        {
            HomeCommunity = User.HomeCommunity();
            return;
        }
        var division = await HomeDivisionAsync(org, User, ct);
        if (division is null)
        {
            return;
        }
        Summary = await org.SummaryAsync(division, ct);
        Rows = await org.BreakdownAsync(division, ct);
        ChartJson = JsonSerializer.Serialize(new
        {
            categories = Rows.Select(r => r.Name.Replace("社区", "", StringComparison.Ordinal)),
            series = new[]
            {
                new { name = Tr.T("Partner-unit party organisations"), data = Rows.Select(r => r.Counts.PartnerUnitOrganisations) },
                new { name = Tr.T("Building party groups"), data = Rows.Select(r => r.Counts.BuildingPartyGroups) },
                new { name = Tr.T("Central households"), data = Rows.Select(r => r.Counts.CentralHouseholds) },
            },
        });
    }

    /// <summary>The widest division of the user's scope: the county for a county officer, the community for its staff.</summary>
    public static async Task<string?> HomeDivisionAsync(OrganisationService org, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var claimed = user.FindAll(ScopeClaims.Division).Select(c => c.Value).OrderBy(c => c.Length).FirstOrDefault();
        if (claimed is not null)
        {
            return claimed;
        }
        var first = (await org.CommunitiesUnderAsync("", ct)).FirstOrDefault();
        return first?.CountyCode;
    }
}
