using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>A resident's matter as the first record of a chain (居民提事项); matters point at nothing, what follows points at them.</summary>
internal sealed class MatterChain(HuyingDbContext db) : IChainLinks
{
    public const string Kind = "matter";

    public async Task<IReadOnlyList<ChainRecord>> AroundAsync(IReadOnlyCollection<ChainRef> reached, CancellationToken ct)
    {
        var ids = reached.Where(r => r.Kind == Kind).Select(r => r.Id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var matters = await db.Matters.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Description, m.SubmittedAt, m.State, m.CommunityCode, m.Address }).ToListAsync(ct);
        return [.. matters.Select(m => new ChainRecord(new ChainRef(Kind, m.Id), Tr.T("Matter"), Shorten(m.Description), m.SubmittedAt,
            $"/matters/{m.Id}", Tr.T(MatterText.StateName(m.State)), m.CommunityCode, [], Text: m.Description, Place: m.Address))];
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
