using Huying.Platform.Accounts;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Deliberation.Pages;

[Authorize(Policy = Policies.Staff)]
[RequestSizeLimit(Platform.Files.FileStore.MaxRequestBytes)]
public sealed class TopicModel(DeliberationService deliberation, Platform.Data.HuyingDbContext db) : ActionPage
{
    public Topic? Topic { get; private set; }
    public List<DeliberationOption> Options { get; private set; } = [];
    public List<Meeting> Meetings { get; private set; } = [];
    public List<Topic> OpenTopics { get; private set; } = [];
    public List<Platform.Files.Attachment> Attachments { get; private set; } = [];

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostAttachAsync(long id, List<IFormFile> files, CancellationToken ct) =>
        await deliberation.TopicAsync(id, ct) is { } topic
            ? await ActAsync(() => deliberation.AttachAsync(topic, files, ct), () => Redirect($"/deliberation/topics/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostActionAsync(long id, string? action, TopicAction form, CancellationToken ct) =>
        await deliberation.TopicAsync(id, ct) is { } topic
            ? await ActAsync(() => deliberation.ActAsync(topic, action, form, ct), () => Redirect($"/deliberation/topics/{id}"), () => LoadAsync(id, ct), prefix: null)
            : NotFound();

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
