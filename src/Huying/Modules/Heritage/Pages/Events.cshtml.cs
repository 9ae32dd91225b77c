using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Heritage.Pages;

/// <summary>Education events (talks in schools and villages, 5·18, Heritage Day): planned by those who keep the sites, then recorded with who came.</summary>
[Authorize(Policy = HeritagePolicies.Read)]
public sealed class EventsModel(HeritageSites sites, HeritageVisits visits, Organisation.PlaceNames names, TimeProvider clock) : ActionPage
{
    public sealed class EventForm
    {
        public string? Title { get; set; }
        public string? Kind { get; set; }
        public DateOnly? On { get; set; }
        public string? Place { get; set; }
        public string? CommunityCode { get; set; }
    }

    [BindProperty]
    public EventForm Input { get; set; } = new();

    public string? Division { get; private set; }
    public List<HeritageEvent> Events { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Places { get; private set; } = new Dictionary<string, string>();
    public bool Keeps { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(string? division, CancellationToken ct) => await LoadAsync(division, ct);

    [Requires(HeritagePolicies.Keep)]
    public Task<IActionResult> OnPostAddAsync(string? division, CancellationToken ct) =>
        ActAsync(() => visits.AddEventAsync(new EventInput(Input.Title, Input.Kind, Input.On, Input.Place, Input.CommunityCode), ct),
            () => Redirect($"/heritage/events?division={Uri.EscapeDataString(division ?? "")}"), () => LoadAsync(division, ct));

    [Requires(HeritagePolicies.Keep)]
    public async Task<IActionResult> OnPostAttendanceAsync(long id, int? attendance, string? division, CancellationToken ct) =>
        await visits.FindEventAsync(id, ct) is { } e
            ? await ActAsync(() => visits.RecordAttendanceAsync(e, attendance, ct), () => Redirect($"/heritage/events?division={Uri.EscapeDataString(division ?? "")}"),
                () => LoadAsync(division, ct), prefix: null)
            : NotFound();

    private async Task LoadAsync(string? division, CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(Display.Local(clock.GetUtcNow().UtcDateTime));
        Division = await sites.DivisionAsync(division, ct);
        Events = Division is null ? [] : await visits.EventsAsync(Division, ct);
        Places = Division is null ? new Dictionary<string, string>()
            : (await names.CommunitiesAsync(ct)).Where(p => p.Key.StartsWith(Division, StringComparison.Ordinal)).ToDictionary();
        Keeps = User.Holds(HeritagePolicies.Keep);
    }
}
