using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Huying.Platform.Web;

/// <summary>
/// 履历: the whole chain through one record, from the first call to the thanks that closed it, each record opening its
/// own page; what is outside the reader's scope is not there.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ChainModel(Chains chains) : PageModel
{
    public ChainRef Start { get; private set; }
    public IReadOnlyList<ChainRecord> Records { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kind, long id, CancellationToken ct)
    {
        Start = new ChainRef(kind, id);
        if (await chains.WalkAsync(Start, ct) is not { } records)
        {
            return NotFound();
        }
        Records = records;
        return Page();
    }
}

/// <summary>
/// The records right before and after one, both ways, and the way to its whole chain: one line on a record's page
/// (<c>@await Component.InvokeAsync("ChainLinks", new { kind, id })</c>) so every module's page links the same way.
/// </summary>
public sealed class ChainLinksViewComponent(Chains chains, IEnumerable<ChainAction> actions) : ViewComponent
{
    public sealed record Shown(ChainRef Start, IReadOnlyList<ChainRecord> Around, IReadOnlyList<(ChainAction Action, string Link)> Actions);

    public async Task<IViewComponentResult> InvokeAsync(string kind, long id)
    {
        // Chains are the staff's (a unit's liaison sees a project, not the deliberation behind it).
        if (!HttpContext.User.Holds(Policies.Staff))
        {
            return Content("");
        }
        var start = new ChainRef(kind, id);
        if (await chains.NeighboursAsync(start, HttpContext.RequestAborted) is not var (self, around))
        {
            return Content("");
        }
        var offered = actions.Where(a => a.Kinds.Contains(kind) && HttpContext.User.Holds(a.Policy))
            .Select(a => (Action: a, Link: a.Link(self, around))).Where(a => a.Link is not null).Select(a => (a.Action, a.Link!)).ToList();
        return View("/Platform/Web/_ChainLinks.cshtml", new Shown(start, around, offered));
    }
}
