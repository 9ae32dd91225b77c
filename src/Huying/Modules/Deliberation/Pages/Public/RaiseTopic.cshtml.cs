using Huying.Modules.Notices;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Huying.Modules.Deliberation.Pages.Public;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
[RequestSizeLimit(42 * 1024 * 1024)]
public sealed class RaiseTopicModel(DeliberationService deliberation, NoticeService notices, Platform.Files.FileStore files,
    Platform.Data.HuyingDbContext db) : PageModel
{
    public sealed class TopicForm
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Place { get; set; }
        public int? PeopleAffected { get; set; }
        public string? RaiserName { get; set; }
        public string? RaiserPhone { get; set; }
    }

    [BindProperty]
    public TopicForm Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public string Community { get; private set; } = "";
    public string CommunityName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string community, CancellationToken ct) => await FindAsync(community, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string community, CancellationToken ct)
    {
        if (!await FindAsync(community, ct))
        {
            return NotFound();
        }
        if (Photos.Count > 4)
        {
            ModelState.AddModelError(nameof(Photos), Platform.Localization.Tr.T("Attach four files at most"));
            return Page();
        }
        // The topic and its files are saved together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (errors, topic) = await deliberation.RaiseAsync(new TopicInput(community, Input.Title, Input.Description, Input.Place,
            Input.PeopleAffected, null, Input.RaiserName, Input.RaiserPhone), publicForm: true, ct);
        if (topic is not null)
        {
            var (fileErrors, _) = await files.SaveAsync(db, nameof(Topic), topic.Id, Photos, "photos", ct);
            if (fileErrors.IsEmpty)
            {
                await transaction.CommitAsync(ct);
                return Redirect($"/c/{community}/topics/{topic.TrackingCode}");
            }
            errors = fileErrors;
        }
        await transaction.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        ModelState.AddFieldErrors(errors, "Input");
        foreach (var message in errors.All.GetValueOrDefault("photos") ?? [])
        {
            ModelState.Remove("Input.Photos");
            ModelState.AddModelError(nameof(Photos), Platform.Localization.DictionaryLocalizer.Translate(message));
        }
        return Page();
    }

    private async Task<bool> FindAsync(string community, CancellationToken ct)
    {
        Community = community;
        CommunityName = await notices.CommunityNameAsync(community, ct) ?? "";
        return CommunityName.Length > 0;
    }
}
