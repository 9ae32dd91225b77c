using Huying.Platform.Web;
using Huying.Platform.Composition;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Deliberation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(DeliberationService deliberation, OrganisationService org, Chains chains) : ActionPage
{
    public List<Community> Communities { get; private set; } = [];
    public string? Community { get; private set; }
    public List<Topic> Topics { get; private set; } = [];
    public List<Meeting> Meetings { get; private set; } = [];
    public List<Venue> Venues { get; private set; } = [];
    public DeliberationFigures Figures { get; private set; } = new(0, 0, 0, 0, 0, 0, 0, null, 0, 0, null);
    public string? MeetingError { get; private set; }

    /// <summary>The meeting form: kept as typed on every refusal; participants are rows of a name and a kind.</summary>
    public sealed class MeetingForm
    {
        public string? Title { get; set; }
        public long? VenueId { get; set; }
        public DateTime? ScheduledAt { get; set; }
        public List<ParticipantRow> Participants { get; set; } = [];
        public string? VenueName { get; set; }
        public string? VenuePlace { get; set; }
        public int? VenueCapacity { get; set; }
    }

    public sealed class ParticipantRow
    {
        public string? Name { get; set; }
        public string? Kind { get; set; } = nameof(ParticipantKind.ResidentRepresentative);
    }

    public sealed class TopicForm
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Place { get; set; }
        public string? Source { get; set; }
        /// <summary>The matter or need ("matter:12") the topic is raised from, when it came from one's page.</summary>
        public string? From { get; set; }
    }

    [BindProperty]
    public MeetingForm Meeting { get; set; } = new();

    [BindProperty]
    public TopicForm NewTopic { get; set; } = new();

    /// <summary>Empty rows offered below the typed ones.</summary>
    public const int SpareRows = 3;

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostMeetingAsync(string? community, CancellationToken ct)
    {
        var invited = Meeting.Participants.Where(p => !string.IsNullOrWhiteSpace(p.Name))
            .Select(p => new ParticipantInput(p.Name, p.Kind)).ToList();
        var input = new MeetingInput(community, Meeting.VenueId, Meeting.Title, Meeting.ScheduledAt, invited);
        Meeting? meeting = null;
        var result = await ActAsync(async () => meeting = Meeting.VenueId is null
                ? await deliberation.ScheduleAtNewVenueAsync(input, new VenueInput(community, Meeting.VenueName, Meeting.VenuePlace, Meeting.VenueCapacity, null, null), ct)
                : await deliberation.ScheduleAsync(input, ct),
            () => Redirect($"/deliberation/meetings/{meeting!.Id}"), () => LoadAsync(community, ct), prefix: nameof(Meeting));
        (MeetingError, Error) = (Error, null);
        return result;
    }

    /// <summary>The topics; with <paramref name="from"/> (a matter or need the reader can see) the form starts from that record.</summary>
    public async Task<IActionResult> OnGetAsync(string? community, string? from, CancellationToken ct)
    {
        if (ChainRef.Parse(from) is { } named && await chains.RecordAsync(named, ct) is { } record && User.Holds(Policies.CommunityStaff))
        {
            community = record.Community;
            NewTopic = new TopicForm { Title = record.Title, Description = record.Text ?? record.Title, Place = record.Place, From = record.Ref.ToString() };
        }
        await LoadAsync(community, ct);
        return Page();
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostTopicAsync(string? community, CancellationToken ct)
    {
        Topic? topic = null;
        return await ActAsync(async () => topic = await deliberation.RaiseAsync(new TopicInput(community, NewTopic.Title, NewTopic.Description,
                NewTopic.Place, null, NewTopic.Source, null, null, NewTopic.From), false, ct),
            () => Redirect($"/deliberation/topics/{topic!.Id}"), () => LoadAsync(community, ct), prefix: nameof(NewTopic));
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
