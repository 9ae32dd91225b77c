using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>A community's open needs (需求清单, not yet adopted by a project), newest first, as open asks of the place.</summary>
internal sealed class NeedAsks(HuyingDbContext db) : IOpenAsks
{
    public async Task<IReadOnlyList<OpenAsk>> OpenInAsync(string community, int max, CancellationToken ct)
    {
        var open = await db.Needs.AsNoTracking().Where(n => n.CommunityCode == community && n.Status == NeedStatus.Open)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(max).Select(n => new { n.Id, n.Title, n.CreatedAt }).ToListAsync(ct);
        return [.. open.Select(n => new OpenAsk($"need-{n.Id}", "Need", n.Title, DateOnly.FromDateTime(Display.Local(n.CreatedAt)), $"/projects/needs/{n.Id}"))];
    }
}
