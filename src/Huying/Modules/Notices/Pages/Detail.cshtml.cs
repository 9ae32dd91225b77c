using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Notices.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(NoticeService notices) : PageModel
{
    public sealed class RevisionForm
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty]
    public RevisionForm Revision { get; set; } = new();

    public NoticeDto? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Notice = await notices.GetAsync(id, ct);
        return Notice is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostReviseAsync(long id, CancellationToken ct)
    {
        if (!User.Holds(Policies.CommunityStaff))
        {
            return Forbid();
        }
        var (errors, notice) = await notices.ReviseAsync(id, new ReviseInput(Revision.Title, Revision.Body, Revision.Reason), User.Identity?.Name ?? "?", ct);
        if (notice is null)
        {
            return NotFound();
        }
        if (errors.IsEmpty)
        {
            return Redirect($"/notices/{id}");
        }
        ModelState.AddFieldErrors(errors, "Revision");
        Notice = await notices.GetAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(long id, long objection, string? answer, bool publish, string? publicContent, CancellationToken ct)
    {
        if (!User.Holds(Policies.CommunityStaff))
        {
            return Forbid();
        }
        var (errors, answered) = await notices.AnswerAsync(objection, new AnswerInput(answer, publish, publicContent), User.Identity?.Name ?? "?", ct);
        if (answered is null || answered.NoticeId != id)
        {
            return NotFound();
        }
        if (!errors.IsEmpty)
        {
            ModelState.AddFieldErrors(errors);
        }
        Notice = await notices.GetAsync(id, ct);
        return errors.IsEmpty ? Redirect($"/notices/{id}") : Page();
    }
}
