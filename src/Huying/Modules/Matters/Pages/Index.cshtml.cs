using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Matters.Pages;

/// <summary>The queue: a grid worker's matters, a community's queue, a unit's inbox; with 黄牌 and 红牌.</summary>
public sealed class IndexModel(MattersService matters, MatterCatalogue catalogue, PlaceNames places, OrganisationService organisation, TimeProvider clock) : PageModel
{
    public QueueView View { get; private set; }
    public string? Category { get; private set; }
    public string? Q { get; private set; }
    /// <summary>A division (a dashboard's figure opened here) and a grid of it the queues are narrowed to, with their name.</summary>
    public string? Division { get; private set; }
    public long? Grid { get; private set; }
    public string? NarrowedTo { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public List<Matter> Items { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<QueueView, string> Counts { get; private set; } = [];
    public MatterCatalogue.Snapshot Catalogue { get; private set; } = null!;
    public Dictionary<string, string> Communities { get; private set; } = [];
    public Dictionary<long, string> Grids { get; private set; } = [];
    public DateTime Now { get; private set; }

    public static readonly QueueView[] Tabs =
        [QueueView.Open, QueueView.New, QueueView.DueSoon, QueueView.Overdue, QueueView.ToVerify, QueueView.CommunityQueue, QueueView.ToDispatch,
         QueueView.Extensions, QueueView.Reworked, QueueView.Closed];

    public async Task OnGetAsync(string? view, string? category, string? q, int? p, string? division, long? grid, CancellationToken ct)
    {
        Division = DivisionFilter.IsCode(division) ? division : null;
        Grid = grid;
        Now = clock.GetUtcNow().UtcDateTime;
        View = Enum.TryParse<QueueView>(view, true, out var v) ? v : QueueView.Open;
        Category = category;
        Q = q;
        PageNumber = Math.Max(1, p ?? 1);
        (Items, Total) = await matters.PageAsync(new QueueFilter(View: View, Category: category, Q: q, Page: PageNumber, Division: Division, Grid: Grid), ct);
        // The open tab's count is exact; the others, as on the home page, stop at 999+ (a city's open tabs counted
        // whole read a million matters' indexes several times over).
        foreach (var tab in Tabs.Where(t => t != QueueView.Closed && Visible(t)))
        {
            var all = matters.Queue(new QueueFilter(View: tab, Category: category, Division: Division, Grid: Grid));
            Counts[tab] = tab == View ? (string.IsNullOrWhiteSpace(q) ? Total : await all.CountAsync(ct)).ToString(CultureInfo.CurrentCulture)
                : MatterHome.Shown(await MatterHome.CountUpToAsync(all, ct));
        }
        Catalogue = await catalogue.GetAsync(ct);
        Communities = (await catalogue.PlacesAsync(ct)).Communities.ToDictionary();
        Grids = (await places.GridsAsync(ct)).ToDictionary(g => g.Key, g => g.Value.Name);
        if (Division is not null)
        {
            NarrowedTo = Communities.GetValueOrDefault(Division) ?? await organisation.DivisionNameAsync(Division, ct) ?? Division;
            NarrowedTo += Grid is { } g && Grids.TryGetValue(g, out var gridName) ? " · " + gridName : "";
        }
    }

    /// <summary>The community queue is for community staff; grid workers and units do not have one.</summary>
    public bool Visible(QueueView tab) => Visible(User, tab);

    /// <summary>Whether a reader has this queue (the home card asks the same).</summary>
    public static bool Visible(System.Security.Claims.ClaimsPrincipal user, QueueView tab) => tab switch
    {
        QueueView.CommunityQueue or QueueView.ToDispatch => user.Holds(Policies.CommunityStaff) || Above(user),
        QueueView.ToVerify => user.IsInRole(Roles.GridWorker) || user.IsInRole(Roles.GridLeader) || user.Holds(Policies.CommunityStaff),
        QueueView.Extensions => user.Holds(Policies.CommunitySecretary) || Above(user),
        _ => true,
    };

    private static bool Above(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.TownOfficer) || user.IsInRole(Roles.CountyOfficer) || user.IsInRole(Roles.Admin);

    public static string TabName(QueueView v) => v switch
    {
        QueueView.Open => "Open",
        QueueView.New => "New",
        QueueView.DueSoon => "Due soon",
        QueueView.Overdue => "Overdue",
        QueueView.CommunityQueue => "Community queue",
        QueueView.ToVerify => "To verify",
        QueueView.ToDispatch => "To dispatch",
        QueueView.Extensions => "Extension requests",
        QueueView.Reworked => "Reworked",
        QueueView.Closed => "Finished",
        _ => "All",
    };
}
