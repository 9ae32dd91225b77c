using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Notices.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(NoticeService notices) : ActionPage
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

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostReviseAsync(long id, CancellationToken ct) =>
        await notices.FindAsync(id, ct) is { } notice
            ? await ActAsync(() => notices.ReviseAsync(notice, new ReviseInput(Revision.Title, Revision.Body, Revision.Reason), ct),
                () => Redirect($"/notices/{id}"), async () => Notice = await notices.GetAsync(id, ct), prefix: "Revision")
            : NotFound();

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostAnswerAsync(long id, long objection, string? answer, bool publish, string? publicContent, CancellationToken ct) =>
        await notices.FindObjectionAsync(objection, ct) is { } found && found.NoticeId == id
            ? await ActAsync(() => notices.AnswerAsync(found, new AnswerInput(answer, publish, publicContent), ct),
                () => Redirect($"/notices/{id}"), async () => Notice = await notices.GetAsync(id, ct), prefix: null)
            : NotFound();
}
