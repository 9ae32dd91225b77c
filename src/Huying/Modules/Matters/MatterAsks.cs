using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>A community's matters still being handled (not resolved, closed, rejected or merged), newest first, as open asks of the place.</summary>
internal sealed class MatterAsks(HuyingDbContext db) : IOpenAsks
{
    public async Task<IReadOnlyList<OpenAsk>> OpenInAsync(string community, int max, CancellationToken ct)
    {
        var open = await db.Matters.AsNoTracking().Where(m => m.CommunityCode == community && m.State < MatterState.Resolved)
            .OrderByDescending(m => m.SubmittedAt).ThenByDescending(m => m.Id).Take(max).Select(m => new { m.Id, m.Description, m.SubmittedAt }).ToListAsync(ct);
        return [.. open.Select(m => new OpenAsk($"matter-{m.Id}", "Matter", m.Description.Length > 60 ? m.Description[..60] + "…" : m.Description,
            DateOnly.FromDateTime(Display.Local(m.SubmittedAt)), $"/matters/{m.Id}"))];
    }
}
