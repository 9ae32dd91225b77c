using Huying.Platform.Web;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Deliberation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(DeliberationService deliberation, OrganisationService org) : ActionPage
{
    public List<Community> Communities { get; private set; } = [];
    public string? Community { get; private set; }
    public List<Topic> Topics { get; private set; } = [];
    public List<Meeting> Meetings { get; private set; } = [];
    public List<Venue> Venues { get; private set; } = [];
    public DeliberationFigures Figures { get; private set; } = new(0, 0, 0, 0, 0, 0, 0, null, 0, 0, null);
    public string? MeetingError { get; private set; }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostMeetingAsync(string? community, string? title, long? venueId, DateTime? scheduledAt,
        string? participants, CancellationToken ct)
    {
        var invited = (participants ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split([',', '，'], 2, StringSplitOptions.TrimEntries))
            .Select(parts => new ParticipantInput(parts[0], parts.Length > 1 ? parts[1] : nameof(ParticipantKind.ResidentRepresentative)))
            .ToList();
        Meeting? meeting = null;
        var result = await ActAsync(async () => meeting = await deliberation.ScheduleAsync(new MeetingInput(community, venueId, title, scheduledAt, invited), ct),
            () => Redirect($"/deliberation/meetings/{meeting!.Id}"), () => LoadAsync(community, ct), prefix: null);
        (MeetingError, Error) = (Error, null);
        return result;
    }

    public async Task<IActionResult> OnGetAsync(string? community, CancellationToken ct)
    {
        await LoadAsync(community, ct);
        return Page();
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostTopicAsync(string? community, string? title, string? description, string? place, string? source,
        CancellationToken ct)
    {
        Topic? topic = null;
        return await ActAsync(async () => topic = await deliberation.RaiseAsync(new TopicInput(community, title, description, place, null, source, null, null), false, ct),
            () => Redirect($"/deliberation/topics/{topic!.Id}"), () => LoadAsync(community, ct), prefix: null);
    }

    private async Task LoadAsync(string? community, CancellationToken ct)
    {
        (Communities, Community) = await org.ChooseCommunityAsync(community, ct);
        if (Community is null)
        {
            return;
        }
        Topics = await deliberation.TopicsAsync(Community, null, ct);
        Meetings = await deliberation.MeetingsAsync(Community, ct);
        Venues = await deliberation.VenuesAsync(Community, ct);
        Figures = await deliberation.FiguresAsync(Community, null, null, ct);
    }
}
