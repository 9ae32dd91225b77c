using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Notices;

/// <summary>A notice in a chain (a decision's or an acceptance's 公示) with what its objections came to; the records it publicises point at it.</summary>
internal sealed class NoticeChain(HuyingDbContext db) : IChainLinks
{
    public const string Kind = "notice";

    public async Task<IReadOnlyList<ChainRecord>> AroundAsync(IReadOnlyCollection<ChainRef> reached, CancellationToken ct)
    {
        var ids = reached.Where(r => r.Kind == Kind).Select(r => r.Id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var notices = await db.Notices.AsNoTracking().Where(n => ids.Contains(n.Id))
            .Select(n => new { n.Id, n.Title, n.PublishedAt, n.CommunityCode, n.Area, n.TopicId, Objections = n.Objections.Count, Answered = n.Objections.Count(o => o.Answer != null) })
            .ToListAsync(ct);
        return [.. notices.Select(n => new ChainRecord(new ChainRef(Kind, n.Id), Tr.T("Notice"), n.Title, n.PublishedAt, $"/notices/{n.Id}",
            Tr.T("Objections {0}, answered {1}", n.Objections, n.Answered), n.CommunityCode,
            n.TopicId is { } topic ? [new ChainRef("topic", topic)] : [], Place: n.Area))];
    }
}
