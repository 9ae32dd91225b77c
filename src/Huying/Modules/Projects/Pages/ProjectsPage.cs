using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects.Pages;

/// <summary>What the big committee's pages share: the communities and units in scope and turning service errors into form errors.</summary>
public abstract class ProjectsPage(HuyingDbContext db) : PageModel
{
    protected HuyingDbContext Db => db;

    public List<(string Code, string Name)> Communities { get; private set; } = [];
    public Dictionary<long, string> UnitNames { get; protected set; } = [];
    public string? Error { get; protected set; }
    public string? Done { get; protected set; }

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
        UnitNames = await db.PartnerUnits.AsNoTracking().IgnoreQueryFilters()
            .Where(u => Community == null ? u.Communities.Any() : u.Communities.Any(l => l.CommunityCode == Community))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    public string CommunityName(string code) => Communities.FirstOrDefault(c => c.Code == code).Name ?? code;

    /// <summary>Runs a change; field errors go beside their fields (under the prefix), a refused rule to the page's alert.</summary>
    protected async Task<bool> TryAsync(Func<Task> change, string? prefix = "Input")
    {
        try
        {
            await change();
            return true;
        }
        catch (FieldException e)
        {
            ModelState.AddFieldErrors(e.Errors, prefix);
            Error = DictionaryLocalizer.Translate(e.Errors.All.First().Value[0]);
        }
        catch (Exception e) when (e is RuleViolationException or NotAllowedException or DbUpdateConcurrencyException)
        {
            Error = DictionaryLocalizer.Translate(e is DbUpdateConcurrencyException ? "Someone else changed this record first" : e.Message);
        }
        db.ChangeTracker.Clear();
        return false;
    }

    public string Invalid(string key) => ModelState[key]?.Errors.Count > 0 ? "is-invalid" : "";
}
