using Huying.Modules.Organisation;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>
/// The big committee's part of a chain: the need (from the matters it grew from, or a topic's decision), the joint
/// meeting that took it up (a hub), the project answering it with its units and milestones, its acceptance notice,
/// and the commendation that thanked it.
/// </summary>
internal sealed class ProjectChain(HuyingDbContext db) : IChainLinks
{
    public const string NeedKind = "need", ProjectKind = "project", MeetingKind = "joint-meeting", CommendationKind = "commendation";

    public async Task<IReadOnlyList<ChainRecord>> AroundAsync(IReadOnlyCollection<ChainRef> reached, CancellationToken ct)
    {
        List<long> Of(string kind) => [.. reached.Where(r => r.Kind == kind).Select(r => r.Id)];
        var (matters, topics, notices) = (Of("matter"), Of("topic"), Of("notice"));
        var (needIds, projectIds, meetingIds, commendationIds) = (Of(NeedKind), Of(ProjectKind), Of(MeetingKind), Of(CommendationKind));
        if (matters.Count + topics.Count + notices.Count + needIds.Count + projectIds.Count + meetingIds.Count + commendationIds.Count == 0)
        {
            return [];
        }

        // Needs: asked for, grown from a reached matter, or created from a reached topic's decision.
        if (matters.Count > 0 || topics.Count > 0)
        {
            needIds.AddRange(await db.Needs.AsNoTracking()
                .Where(n => n.MatterIds.Any(m => matters.Contains(m)) || (n.TopicId != null && topics.Contains(n.TopicId.Value)))
                .Select(n => n.Id).ToListAsync(ct));
        }
        // Projects: asked for, answering a reached need, or accepted under a reached notice.
        if (needIds.Count > 0 || notices.Count > 0)
        {
            projectIds.AddRange(await db.ProjectNeeds.AsNoTracking().Where(pn => needIds.Contains(pn.NeedId)).Select(pn => pn.ProjectId).ToListAsync(ct));
            projectIds.AddRange(await db.Projects.AsNoTracking().Where(p => p.NoticeId != null && notices.Contains(p.NoticeId.Value)).Select(p => p.Id).ToListAsync(ct));
        }
        var records = new List<ChainRecord>();
        var needs = needIds.Count == 0 ? [] : await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).ToListAsync(ct);
        needIds = [.. needs.Select(n => n.Id)];
        var needProjects = needIds.Count == 0 ? [] : await db.ProjectNeeds.AsNoTracking().Where(pn => needIds.Contains(pn.NeedId)).ToListAsync(ct);
        // The joint meetings that put a reached need on their agenda (hubs: shown, not walked through).
        var meetings = needIds.Count + meetingIds.Count == 0 ? [] : await db.JointMeetings.AsNoTracking()
            .Where(m => meetingIds.Contains(m.Id) || m.AgendaNeedIds.Any(n => needIds.Contains(n)))
            .Select(m => new { m.Id, m.Title, m.HeldAt, m.CommunityCode, m.Venue, m.AgendaNeedIds }).ToListAsync(ct);
        foreach (var n in needs)
        {
            List<ChainRef> links = [.. n.MatterIds.Select(m => new ChainRef("matter", m)), .. needProjects.Where(pn => pn.NeedId == n.Id).Select(pn => new ChainRef(ProjectKind, pn.ProjectId))];
            if (n.TopicId is { } topic)
            {
                links.Add(new ChainRef("topic", topic));
            }
            records.Add(new ChainRecord(new ChainRef(NeedKind, n.Id), Tr.T("Need"), n.Title, n.CreatedAt, $"/projects/needs/{n.Id}",
                Tr.T(ProjectText.NeedStatusName(n.Status)), n.CommunityCode, links, Text: n.Description ?? n.Title, Place: n.Place));
        }
        records.AddRange(meetings.Select(m => new ChainRecord(new ChainRef(MeetingKind, m.Id), Tr.T("Joint meeting"), m.Title, m.HeldAt,
            $"/projects/meetings/{m.Id}", m.Venue, m.CommunityCode, [.. m.AgendaNeedIds.Where(needIds.Contains).Select(id => new ChainRef(NeedKind, id))], Hub: true)));

        // Commendations: asked for, or thanking a reached project.
        var commendations = commendationIds.Count + projectIds.Count == 0 ? []
            : await db.Commendations.AsNoTracking().Where(c => commendationIds.Contains(c.Id) || projectIds.Contains(c.ProjectId)).ToListAsync(ct);
        projectIds.AddRange(commendations.Select(c => c.ProjectId));
        projectIds = [.. projectIds.Distinct()];
        if (projectIds.Count == 0)
        {
            return records;
        }
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.CreatedAt, p.Status, p.CommunityCode, p.Place, p.MeetingId, p.NoticeId, p.MilestoneCount, p.MilestonesDone, p.CompletedOn }).ToListAsync(ct);
        projectIds = [.. projects.Select(p => p.Id)];
        var projectNeeds = await db.ProjectNeeds.AsNoTracking().Where(pn => projectIds.Contains(pn.ProjectId)).ToListAsync(ct);
        var units = await db.ProjectUnits.AsNoTracking().Where(u => projectIds.Contains(u.ProjectId))
            .Join(db.PartnerUnits.AsNoTracking(), u => u.PartnerUnitId, pu => pu.Id, (u, pu) => new { u.ProjectId, pu.Name }).ToListAsync(ct);
        foreach (var p in projects)
        {
            List<ChainRef> links = [.. projectNeeds.Where(pn => pn.ProjectId == p.Id).Select(pn => new ChainRef(NeedKind, pn.NeedId))];
            if (p.MeetingId is { } meeting)
            {
                links.Add(new ChainRef(MeetingKind, meeting));
            }
            if (p.NoticeId is { } notice)
            {
                links.Add(new ChainRef("notice", notice));
            }
            links.AddRange(commendations.Where(c => c.ProjectId == p.Id).Select(c => new ChainRef(CommendationKind, c.Id)));
            var state = string.Join(" · ", [Tr.T(ProjectSummary.StatusName(p.Status)), .. units.Where(u => u.ProjectId == p.Id).Select(u => u.Name),
                Tr.T("Milestones {0}/{1}", p.MilestonesDone, p.MilestoneCount)]);
            records.Add(new ChainRecord(new ChainRef(ProjectKind, p.Id), Tr.T("Project"), p.Title, p.CreatedAt, $"/projects/{p.Id}", state, p.CommunityCode, links, Place: p.Place));
        }
        records.AddRange(commendations.Select(c => new ChainRecord(new ChainRef(CommendationKind, c.Id), Tr.T(ProjectText.CommendationName(c.Kind)),
            $"“{c.Words}”", Display.ToUtc(c.ReceivedOn.ToDateTime(new TimeOnly(12, 0))), $"/projects/{c.ProjectId}#commendation-{c.Id}", c.From, c.CommunityCode,
            [new ChainRef(ProjectKind, c.ProjectId)])));
        return records;
    }
}
