using Huying.Modules.Organisation;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Volunteering.Pages;

/// <summary>A new activity: when, where, how often (a weekly room, a one-off day), its posts and co-organising units.</summary>
[Authorize(Policy = VolunteeringPolicies.Organise)]
public sealed class NewModel(VolunteeringService volunteering, OrganisationService org) : ActionPage
{
    public List<Community> Communities { get; private set; } = [];
    public List<VolunteerTeam> Teams { get; private set; } = [];
    public List<PartnerUnitDto> Units { get; private set; } = [];

    /// <summary>Repeat choices offered; any other RFC 5545 rule may be typed.</summary>
    public static readonly (string Rule, string Label)[] Repeats =
        [("", "Does not repeat"), ("FREQ=WEEKLY", "Every week"), ("FREQ=WEEKLY;INTERVAL=2", "Every 2 weeks"), ("FREQ=DAILY", "Every day"), ("FREQ=MONTHLY", "Every month")];

    public sealed class Form
    {
        public string? CommunityCode { get; set; }
        public long? TeamId { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Venue { get; set; }
        public DateOnly? Date { get; set; }
        public TimeOnly? From { get; set; }
        public TimeOnly? To { get; set; }
        public string? Repeat { get; set; }
        public DateOnly? Until { get; set; }
        public bool SkipHolidays { get; set; } = true;
        public string? TargetGroup { get; set; }
        public int? PeopleExpected { get; set; }
        public List<long> UnitIds { get; set; } = [];
        public List<PostInput> Posts { get; set; } = [];
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public const int PostRows = 4;

    public async Task OnGetAsync(string? community, CancellationToken ct)
    {
        Input.CommunityCode = community;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Activity? created = null;
        var rule = Input.Repeat is { Length: > 0 } r && Input.Until is { } until ? $"{r};UNTIL={until:yyyyMMdd}" : Input.Repeat;
        DateTime? At(TimeOnly? t) => Input.Date is { } d && t is { } time ? d.ToDateTime(time) : null;
        var posts = Input.Posts.Where(p => !string.IsNullOrWhiteSpace(p.Name) || p.Capacity is not null).ToList();
        return await ActAsync(async () => created = await volunteering.CreateActivityAsync(new ActivityInput(Input.CommunityCode, Input.TeamId, Input.Title,
                Input.Description, Input.Venue, At(Input.From), At(Input.To), rule, Input.SkipHolidays, Input.TargetGroup, Input.PeopleExpected,
                Input.UnitIds, posts), ct),
            () => Redirect($"/volunteering/activities/{created!.Id}"), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Communities = await org.CommunitiesUnderAsync("", ct);
        Input.CommunityCode = Communities.Any(c => c.Code == Input.CommunityCode) ? Input.CommunityCode : Communities.FirstOrDefault()?.Code;
        Teams = Input.CommunityCode is { } code ? await volunteering.TeamsAsync(code[..6], ct) : [];
        Units = Input.CommunityCode is { } c2 ? await org.PartnerUnitsAsync(c2, ct) : [];
    }
}
