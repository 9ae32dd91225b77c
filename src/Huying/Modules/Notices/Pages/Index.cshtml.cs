using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Modules.Notices.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(NoticeService notices, OrganisationService org) : ActionPage
{
    public sealed class NoticeForm
    {
        public string? CommunityCode { get; set; }
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? Body { get; set; }
        public string? Area { get; set; }
        public int? ObjectionDays { get; set; }
        public int? PublishDays { get; set; }
    }

    [BindProperty]
    public NoticeForm Input { get; set; } = new();

    public List<Community> Communities { get; private set; } = [];
    public string? Community { get; private set; }
    public List<NoticeListItem> Items { get; private set; } = [];

    public async Task OnGetAsync(string? community, CancellationToken ct) => await LoadAsync(community, ct);

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Notice? notice = null;
        return await ActAsync(async () => notice = await notices.CreateAsync(new NoticeInput(Input.CommunityCode, Input.Kind, Input.Title, Input.Body, Input.Area,
                Input.ObjectionDays, Input.PublishDays), ct),
            () => Redirect($"/notices/{notice!.Id}"), () => LoadAsync(Input.CommunityCode, ct));
    }

    private async Task LoadAsync(string? community, CancellationToken ct)
    {
        (Communities, Community) = await org.ChooseCommunityAsync(community, ct);
        Items = Community is null ? [] : await notices.ListAsync(Community, ct);
    }
}
