using Huying.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Deliberation.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class MeetingModel(DeliberationService deliberation) : PageModel
{
    public Meeting? Meeting { get; private set; }
    public List<Topic> Agenda { get; private set; } = [];
    public string? Error { get; private set; }

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

    public async Task<IActionResult> OnPostAttendanceAsync(long id, List<long> present, CancellationToken ct)
    {
        if (!User.Holds(Policies.CommunityStaff))
        {
            return Forbid();
        }
        var meeting = await deliberation.MeetingAsync(id, ct);
        if (meeting is null)
        {
            return NotFound();
        }
        try
        {
            await deliberation.SetAttendanceAsync(meeting, present, ct);
            return Redirect($"/deliberation/meetings/{id}");
        }
        catch (Platform.Web.RuleViolationException e)
        {
            Error = Platform.Localization.DictionaryLocalizer.Translate(e.Message);
            Meeting = await deliberation.MeetingAsync(id, ct);
            Agenda = await deliberation.AgendaAsync(id, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostMinutesAsync(long id, string? minutes, CancellationToken ct)
    {
        if (!User.Holds(Policies.CommunityStaff))
        {
            return Forbid();
        }
        var meeting = await deliberation.MeetingAsync(id, ct);
        if (meeting is null)
        {
            return NotFound();
        }
        await deliberation.SetMinutesAsync(meeting, minutes, ct);
        return Redirect($"/deliberation/meetings/{id}");
    }
}
