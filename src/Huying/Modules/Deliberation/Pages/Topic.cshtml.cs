using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Deliberation.Pages;

[Authorize(Policy = Policies.Staff)]
[RequestSizeLimit(42 * 1024 * 1024)]
public sealed class TopicModel(DeliberationService deliberation, Platform.Files.FileStore fileStore, Platform.Data.HuyingDbContext db) : PageModel
{
    public Topic? Topic { get; private set; }
    public List<DeliberationOption> Options { get; private set; } = [];
    public List<Meeting> Meetings { get; private set; } = [];
    public List<Topic> OpenTopics { get; private set; } = [];
    public string? Error { get; private set; }
    public List<Platform.Files.Attachment> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnPostAttachAsync(long id, List<IFormFile> files, CancellationToken ct)
    {
        if (!User.Holds(Policies.CommunityStaff))
        {
            return Forbid();
        }
        if (await deliberation.TopicAsync(id, ct) is null)
        {
            return NotFound();
        }
        var (errors, _) = await fileStore.SaveAsync(db, nameof(Deliberation.Topic), id, files, "files", ct);
        if (errors.IsEmpty)
        {
            return Redirect($"/deliberation/topics/{id}");
        }
        Error = string.Join(" ", errors.All.SelectMany(e => e.Value).Select(DictionaryLocalizer.Translate));
        await LoadAsync(id, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostActionAsync(long id, string action, TopicAction form, CancellationToken ct)
    {
        if (!User.Holds(Policies.CommunityStaff))
        {
            return Forbid();
        }
        var topic = await deliberation.TopicAsync(id, ct);
        if (topic is null)
        {
            return NotFound();
        }
        try
        {
            await deliberation.RunAsync(topic, action, form, User, ct);
            return Redirect($"/deliberation/topics/{id}");
        }
        catch (RuleViolationException e)
        {
            Error = DictionaryLocalizer.Translate(e.Message);
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Topic = await deliberation.TopicAsync(id, ct);
        if (Topic is null)
        {
            return false;
        }
        Options = await deliberation.OptionsAsync(id, ct);
        Attachments = await Platform.Files.FileStore.OfAsync(db, nameof(Deliberation.Topic), id, ct);
        Meetings = await deliberation.MeetingsAsync(Topic.CommunityCode, ct);
        OpenTopics = [.. (await deliberation.TopicsAsync(Topic.CommunityCode, null, ct)).Where(t => !t.IsClosed)];
        return true;
    }
}
