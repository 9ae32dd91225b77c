using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Deliberation;

/// <summary>
/// Deliberation's part of a chain: the topic (raised from a matter or a need, decided at a meeting, publicised under a
/// notice) and the meeting that decided it (a hub).
/// </summary>
internal sealed class TopicChain(HuyingDbContext db) : IChainLinks
{
    public const string Kind = "topic", MeetingKind = "council-meeting";

    public async Task<IReadOnlyList<ChainRecord>> AroundAsync(IReadOnlyCollection<ChainRef> reached, CancellationToken ct)
    {
        List<long> Of(string kind) => [.. reached.Where(r => r.Kind == kind).Select(r => r.Id)];
        var (ids, meetingIds, matters, needs, notices) = (Of(Kind), Of(MeetingKind), Of("matter"), Of("need"), Of("notice"));
        if (ids.Count + meetingIds.Count + matters.Count + needs.Count + notices.Count == 0)
        {
            return [];
        }
        var topics = await db.Topics.AsNoTracking()
            .Where(t => ids.Contains(t.Id) || (t.MatterId != null && matters.Contains(t.MatterId.Value)) || (t.NeedId != null && needs.Contains(t.NeedId.Value))
                || (t.NoticeId != null && notices.Contains(t.NoticeId.Value)))
            .Select(t => new { t.Id, t.Title, t.Description, t.Place, t.RaisedAt, t.Stage, t.CommunityCode, t.MatterId, t.NeedId, t.NoticeId, t.MeetingId, t.Decision })
            .ToListAsync(ct);
        meetingIds.AddRange(topics.Where(t => t.MeetingId != null).Select(t => t.MeetingId!.Value));
        var meetings = meetingIds.Count == 0 ? [] : await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Title, m.ScheduledAt, m.HeldAt, m.CommunityCode, Venue = m.Venue!.Name }).ToListAsync(ct);
        var records = new List<ChainRecord>();
        foreach (var t in topics)
        {
            var links = new List<ChainRef>();
            if (t.MatterId is { } matter)
            {
                links.Add(new ChainRef("matter", matter));
            }
            if (t.NeedId is { } need)
            {
                links.Add(new ChainRef("need", need));
            }
            if (t.MeetingId is { } meeting)
            {
                links.Add(new ChainRef(MeetingKind, meeting));
            }
            if (t.NoticeId is { } notice)
            {
                links.Add(new ChainRef("notice", notice));
            }
            var state = t.Decision is null ? Tr.Name(t.Stage) : $"{Tr.Name(t.Stage)} · {t.Decision}";
            records.Add(new ChainRecord(new ChainRef(Kind, t.Id), Tr.T("Deliberation topic"), t.Title, t.RaisedAt, $"/deliberation/topics/{t.Id}",
                state, t.CommunityCode, links, Text: t.Decision, Place: t.Place));
        }
        records.AddRange(meetings.Select(m => new ChainRecord(new ChainRef(MeetingKind, m.Id), Tr.T("Council meeting"), m.Title, m.HeldAt ?? m.ScheduledAt,
            $"/deliberation/meetings/{m.Id}", m.Venue, m.CommunityCode, [.. topics.Where(t => t.MeetingId == m.Id).Select(t => new ChainRef(Kind, t.Id))], Hub: true)));
        return records;
    }
}
