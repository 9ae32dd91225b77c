using Huying.Modules.Matters;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Web;
using Huying.Platform.Composition;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects.Pages;

/// <summary>需求清单: the needs, the suggestions recurring matters make, and a form to add one.</summary>
[Authorize(Policy = Policies.StaffOrUnit)]
[RequestSizeLimit(FileStore.MaxRequestBytes)]
public sealed class NeedsModel(HuyingDbContext db, NeedsService needs, MatterCatalogue catalogue, Chains chains) : ProjectsPage(db)
{
    public sealed class NeedForm
    {
        public string? CategoryCode { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public long? BuildingId { get; set; }
        public string? Place { get; set; }
        public int? PeopleAffected { get; set; }
        public string? Source { get; set; } = nameof(NeedSource.Visit);
        public string? MatterIds { get; set; }
        /// <summary>The decided topic the need carries out, when the form came from its page.</summary>
        public long? TopicId { get; set; }
        public List<IFormFile> Photos { get; set; } = [];
    }

    [BindProperty]
    public NeedForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public List<Need> Needs { get; private set; } = [];
    public List<NeedSuggestion> Suggestions { get; private set; } = [];
    public MatterCatalogue.Snapshot Catalogue { get; private set; } = null!;
    public List<(long Id, string Name)> Places { get; private set; } = [];
    public Dictionary<NeedStatus, int> Counts { get; private set; } = [];

    /// <summary>The list; with <paramref name="topic"/> (a decided topic the reader can see) the form starts from its decision.</summary>
    public async Task OnGetAsync(long? topic, CancellationToken ct)
    {
        if (topic is { } id && User.Holds(Policies.CommunityStaff) && await chains.RecordAsync(new ChainRef("topic", id), ct) is { Text: { } decision } decided)
        {
            Community = decided.Community;
            Input = new NeedForm { Title = decided.Title.Length <= 100 ? decided.Title : decided.Title[..100], Description = decision.Length <= 2000 ? decision : decision[..2000],
                Place = decided.Place, Source = nameof(NeedSource.Deliberation), TopicId = id };
        }
        await LoadAsync(ct);
    }

    [Requires(Policies.CommunityStaff)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        var ids = (Input.MatterIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var v) ? v : 0).Where(v => v > 0).ToList();
        Need? need = null;
        return await ActAsync(async () => need = await needs.CreateAsync(new NeedInput(Community, Input.CategoryCode, Input.Title, Input.Description,
                Input.BuildingId, Input.Place, Input.PeopleAffected, Input.Source, ids, Input.TopicId), Input.Photos, ct),
            () => Redirect($"/projects/needs/{need!.Id}"), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadScopeAsync(ct);
        Catalogue = await catalogue.GetAsync(ct);
        NeedStatus? status = Enum.TryParse<NeedStatus>(Status, true, out var s) ? s : null;
        var all = Db.Needs.AsNoTracking().Where(n => Community == null || n.CommunityCode == Community);
        Counts = await all.GroupBy(n => n.Status).Select(g => new { g.Key, C = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.C, ct);
        Needs = await needs.NeedsAsync(Community, status, ct);
        if (User.Holds(Policies.CommunityStaff))
        {
            Suggestions = await needs.SuggestionsAsync(Community, ct);
            Places = [.. (await Db.Buildings.AsNoTracking().Where(b => b.CommunityCode == Community).OrderBy(b => b.Name)
                .Select(b => new { b.Id, b.Name }).Take(2000).ToListAsync(ct)).Select(b => (b.Id, b.Name))];
        }
    }
}
