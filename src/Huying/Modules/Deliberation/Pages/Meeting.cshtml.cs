using Huying.Platform.Web;
using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Deliberation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class MeetingModel(DeliberationService deliberation) : ActionPage
{
    public Meeting? Meeting { get; private set; }
    public List<Topic> Agenda { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Meeting = await deliberation.MeetingAsync(id, ct);
        if (Meeting is null)
        {
            return NotFound();
        }
        Agenda = await deliberation.AgendaAsync(id, ct);
        return Page();
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostAttendanceAsync(long id, List<long> present, CancellationToken ct) =>
        await deliberation.MeetingAsync(id, ct) is { } meeting
            ? await ActAsync(() => deliberation.SetAttendanceAsync(meeting, present, ct), () => Redirect($"/deliberation/meetings/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostMinutesAsync(long id, string? minutes, CancellationToken ct) =>
        await deliberation.MeetingAsync(id, ct) is { } meeting
            ? await ActAsync(() => deliberation.SetMinutesAsync(meeting, minutes, ct), () => Redirect($"/deliberation/meetings/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    private async Task LoadAsync(long id, CancellationToken ct)
    {
        Meeting = await deliberation.MeetingAsync(id, ct);
        Agenda = await deliberation.AgendaAsync(id, ct);
    }
}
