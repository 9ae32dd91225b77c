using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects.Pages;

/// <summary>What the big committee's pages share: the communities and units in scope (changes go through <see cref="ActionPage"/>).</summary>
public abstract class ProjectsPage(HuyingDbContext db) : ActionPage
{
    protected HuyingDbContext Db => db;

    public List<(string Code, string Name)> Communities { get; private set; } = [];
    public Dictionary<long, string> UnitNames { get; protected set; } = [];

    /// <summary>The community shown: the one asked for when in scope, else the first in scope (a county officer picks).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Community { get; set; }

    protected async Task LoadScopeAsync(CancellationToken ct)
    {
        Communities = [.. (await db.Communities.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(ct)).Select(c => (c.Code, c.Name))];
        if (Community is not null && Communities.All(c => c.Code != Community))
        {
            Community = null;
        }
        if (Community is null && Communities.Count == 1)
        {
            Community = Communities[0].Code;
        }
        // The units linked to the community (through the links in scope), named from the directory.
        var names = await HttpContext.RequestServices.GetRequiredService<PlaceNames>().UnitsAsync(ct);
        var linked = await db.PartnerUnitCommunities.AsNoTracking().Where(l => Community == null || l.CommunityCode == Community)
            .Select(l => l.PartnerUnitId).Distinct().ToListAsync(ct);
        UnitNames = linked.Where(names.ContainsKey).ToDictionary(id => id, id => names[id]);
    }

    public string CommunityName(string code) => Communities.FirstOrDefault(c => c.Code == code).Name ?? code;
}
