using Huying.Platform.Accounts;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Huying.Modules.Pledges.Pages;

/// <summary>
/// One branch's lists: its party members (added with their account, or leaving) and its opinion list (items gathered at
/// a talk meeting or a door-to-door visit, with how many members took each up); the month's sheet to print and one tap
/// to remind the members who are behind.
/// </summary>
[Authorize(Policy = PledgePolicies.Oversee)]
public sealed class BranchModel(PledgeService pledges, IEnumerable<Platform.Composition.IOpenAsks> asks) : ActionPage
{
    public Organisation.Community Branch { get; private set; } = null!;
    public List<BranchMember> Members { get; private set; } = [];
    public List<OpinionItem> Opinions { get; private set; } = [];
    public List<Platform.Composition.OpenAsk> Suggestions { get; private set; } = [];
    public MemberForm Member { get; private set; } = new();
    public OpinionForm Opinion { get; private set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? Reminded { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? WithoutAccount { get; set; }

    public sealed class MemberForm
    {
        public string? Name { get; set; }
        public DateOnly? JoinedOn { get; set; }
        public string? Account { get; set; }
    }

    public sealed class OpinionForm
    {
        public string? Title { get; set; }
        public string? Source { get; set; }
        public DateOnly? GatheredOn { get; set; }
        public string? RaisedBy { get; set; }
        public string? Place { get; set; }
        public string? Kind { get; set; }
        public string? Origin { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string community, string? suggest, CancellationToken ct)
    {
        if (!await LoadAsync(community, ct))
        {
            return NotFound();
        }
        // Taking a suggestion fills the form; the branch words the item (a matter's text may name people) and adds it.
        if (Suggestions.FirstOrDefault(a => a.Key == suggest) is { } ask)
        {
            Opinion = new OpinionForm { Title = ask.Title, Source = ask.Source == "Need" ? nameof(OpinionSource.Need) : nameof(OpinionSource.Matter), GatheredOn = ask.Since, Origin = ask.Key };
        }
        return Page();
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostAddMemberAsync(string community, [Bind(Prefix = "Member")] MemberForm form, CancellationToken ct)
    {
        Member = form;
        return await pledges.BranchAsync(community, ct) is null ? NotFound()
            : await ActAsync(() => pledges.AddMemberAsync(community, new BranchMemberInput(form.Name, form.JoinedOn, form.Account), ct),
                () => Redirect($"/pledges/branches/{community}#members"), () => LoadAsync(community, ct), "Member");
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostRemoveMemberAsync(string community, long memberId, CancellationToken ct)
    {
        if (await pledges.BranchAsync(community, ct) is null)
        {
            return NotFound();
        }
        var found = true;
        var result = await ActAsync(async () => found = await pledges.RemoveMemberAsync(community, memberId, ct) is not null,
            () => Redirect($"/pledges/branches/{community}#members"), () => LoadAsync(community, ct), prefix: null);
        return found ? result : NotFound();
    }

    public async Task<IActionResult> OnPostAddOpinionAsync(string community, [Bind(Prefix = "Opinion")] OpinionForm form, CancellationToken ct)
    {
        Opinion = form;
        return await pledges.BranchAsync(community, ct) is null ? NotFound()
            : await ActAsync(() => pledges.AddOpinionAsync(new OpinionInput(community, form.Title, form.Source, form.GatheredOn, form.RaisedBy, form.Place, form.Kind, form.Origin), ct),
                () => Redirect($"/pledges/branches/{community}#opinions"), () => LoadAsync(community, ct), "Opinion");
    }

    public async Task<IActionResult> OnPostRemindAsync(string community, CancellationToken ct)
    {
        if (await pledges.BranchAsync(community, ct) is null)
        {
            return NotFound();
        }
        RemindResult? done = null;
        return await ActAsync(async () => done = await pledges.RemindAsync(community, ct),
            () => Redirect($"/pledges/branches/{community}?reminded={done!.Reminded}&withoutAccount={done.WithoutAccount}#remind"), () => LoadAsync(community, ct), prefix: null);
    }

    private async Task<bool> LoadAsync(string community, CancellationToken ct)
    {
        if (await pledges.BranchAsync(community, ct) is not { } branch)
        {
            return false;
        }
        Branch = branch;
        Members = await pledges.MembersAsync(community, ct);
        Opinions = await pledges.OpinionsAsync(community, ct);
        Suggestions = await pledges.SuggestionsAsync(community, asks, ct);
        return true;
    }
}
