using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Projects;

/// <summary>The big committee's figures for a scope (the caller's, narrowed to a community) and a period of days.</summary>
public sealed record Figures(
    int NeedsRaised, int NeedsAdopted, int NeedsMet, int NeedsOpen,
    int Planned, int InProgress, int AwaitingAcceptance, int Accepted, int Late,
    int AcceptedInPeriod, int AcceptedOnTime, double? OnTimeRate,
    int UnitsEngaged, int UnitsLinked, int UnitsWithAgreement,
    int MembersReported, decimal ServiceHours, int Commendations, int Projects);

/// <summary>One community's line of the county comparison.</summary>
public sealed record CommunityFigures(string CommunityCode, int Projects, int UnderWay, int Accepted, int Late, int NeedsOpen, int UnitsLinked, int UnitsWithAgreement);

public sealed class ProjectFigures(HuyingDbContext db, TimeProvider clock)
{
    /// <summary>The figures of a division (a community's code, or a town's or county's prefix; null: the whole scope).</summary>
    public async Task<Figures> ComputeAsync(string? division, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await ComputeWithCommunitiesAsync(division, from, to, ct)).Figures;

    /// <summary>
    /// The figures of a division and its communities side by side (projects by state, open needs, agreements in
    /// force): the counts per community are read once, grouped, and the division's figures are their sums.
    /// </summary>
    public async Task<(Figures Figures, List<CommunityFigures> Communities)> ComputeWithCommunitiesAsync(
        string? division, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));
        var start = Platform.Web.Display.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = Platform.Web.Display.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var needs = await db.Needs.AsNoTracking().Where(n => division == null || n.CommunityCode.StartsWith(division))
            .GroupBy(n => n.CommunityCode)
            .Select(g => new
            {
                g.Key,
                Raised = g.Count(n => n.CreatedAt >= start && n.CreatedAt < end),
                Adopted = g.Count(n => n.AdoptedAt >= start && n.AdoptedAt < end),
                Met = g.Count(n => n.MetAt >= start && n.MetAt < end),
                Open = g.Count(n => n.Status == NeedStatus.Open),
            }).ToListAsync(ct);
        var projects = db.Projects.AsNoTracking().Where(p => division == null || p.CommunityCode.StartsWith(division));
        var states = await projects.GroupBy(x => x.CommunityCode)
            .Select(g => new
            {
                g.Key,
                Planned = g.Count(x => x.Status == ProjectStatus.Planned),
                InProgress = g.Count(x => x.Status == ProjectStatus.InProgress),
                Awaiting = g.Count(x => x.Status == ProjectStatus.AwaitingAcceptance),
                Accepted = g.Count(x => x.Status == ProjectStatus.Accepted),
                Late = g.Count(x => x.Status != ProjectStatus.Accepted && x.NextDueOn != null && x.NextDueOn < today),
                AcceptedInPeriod = g.Count(x => x.Status == ProjectStatus.Accepted && x.CompletedOn >= from && x.CompletedOn <= to),
                OnTime = g.Count(x => x.Status == ProjectStatus.Accepted && x.CompletedOn >= from && x.CompletedOn <= to && x.PlannedEndOn != null && x.CompletedOn <= x.PlannedEndOn),
            }).ToListAsync(ct);
        var links = await db.PartnerUnitCommunities.AsNoTracking().Where(l => division == null || l.CommunityCode.StartsWith(division))
            .GroupBy(l => l.CommunityCode).Select(g => new
            {
                g.Key,
                Linked = g.Count(),
                Signed = g.Count(l => db.Set<PartnershipAgreement>().Any(a => a.CommunityCode == l.CommunityCode && a.PartnerUnitId == l.PartnerUnitId && a.StartsOn <= today && a.EndsOn >= today)),
            }).ToListAsync(ct);

        var active = projects.Where(p => p.StartOn <= to && (p.CompletedOn == null || p.CompletedOn >= from)).Select(p => p.Id);
        var unitsEngaged = await db.ProjectUnits.AsNoTracking().Where(u => active.Contains(u.ProjectId)).Select(u => u.PartnerUnitId).Distinct().CountAsync(ct);
        var members = await db.InServiceMembers.AsNoTracking().CountAsync(m => (division == null || m.CommunityCode.StartsWith(division)) && m.ReportedOn <= to, ct);
        var hours = await db.ServiceRecords.AsNoTracking()
            .Where(r => (division == null || r.CommunityCode.StartsWith(division)) && r.Hours != null && r.ServedOn >= from && r.ServedOn <= to)
            .Select(r => r.Hours!.Value).ToListAsync(ct);
        var commendations = await db.Commendations.AsNoTracking()
            .CountAsync(c => (division == null || c.CommunityCode.StartsWith(division)) && c.ReceivedOn >= from && c.ReceivedOn <= to, ct);

        var acceptedInPeriod = states.Sum(x => x.AcceptedInPeriod);
        var onTime = states.Sum(x => x.OnTime);
        var figures = new Figures(needs.Sum(x => x.Raised), needs.Sum(x => x.Adopted), needs.Sum(x => x.Met), needs.Sum(x => x.Open),
            states.Sum(x => x.Planned), states.Sum(x => x.InProgress), states.Sum(x => x.Awaiting), states.Sum(x => x.Accepted), states.Sum(x => x.Late),
            acceptedInPeriod, onTime, acceptedInPeriod == 0 ? null : Math.Round((double)onTime / acceptedInPeriod, 4),
            unitsEngaged, links.Sum(x => x.Linked), links.Sum(x => x.Signed), members, hours.Sum(), commendations,
            states.Sum(x => x.Planned + x.InProgress + x.Awaiting + x.Accepted));

        var byProjects = states.ToDictionary(x => x.Key);
        var byLinks = links.ToDictionary(x => x.Key);
        var open = needs.ToDictionary(x => x.Key, x => x.Open);
        var communities = byProjects.Keys.Union(byLinks.Keys).Order(StringComparer.Ordinal).Select(code =>
        {
            var p = byProjects.GetValueOrDefault(code);
            var l = byLinks.GetValueOrDefault(code);
            var total = p is null ? 0 : p.Planned + p.InProgress + p.Awaiting + p.Accepted;
            return new CommunityFigures(code, total, total - (p?.Accepted ?? 0), p?.Accepted ?? 0, p?.Late ?? 0,
                open.GetValueOrDefault(code), l?.Linked ?? 0, l?.Signed ?? 0);
        }).ToList();
        return (figures, communities);
    }
}
