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
    /// <summary>The communities in scope side by side: projects by state, open needs and agreements in force.</summary>
    public async Task<List<CommunityFigures>> ByCommunityAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));
        var projects = await db.Projects.AsNoTracking().GroupBy(p => p.CommunityCode).Select(g => new
        {
            g.Key,
            Total = g.Count(),
            Accepted = g.Count(p => p.Status == ProjectStatus.Accepted),
            Late = g.Count(p => p.Status != ProjectStatus.Accepted && p.NextDueOn != null && p.NextDueOn < today),
        }).ToDictionaryAsync(x => x.Key, ct);
        var open = await db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Open).GroupBy(n => n.CommunityCode)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var links = await db.PartnerUnitCommunities.AsNoTracking().GroupBy(l => l.CommunityCode).Select(g => new
        {
            g.Key,
            Linked = g.Count(),
            Signed = g.Count(l => db.Set<PartnershipAgreement>().Any(a => a.CommunityCode == l.CommunityCode && a.PartnerUnitId == l.PartnerUnitId && a.StartsOn <= today && a.EndsOn >= today)),
        }).ToDictionaryAsync(x => x.Key, ct);
        return [.. projects.Keys.Union(links.Keys).Order(StringComparer.Ordinal).Select(code =>
        {
            var p = projects.GetValueOrDefault(code);
            var l = links.GetValueOrDefault(code);
            return new CommunityFigures(code, p?.Total ?? 0, (p?.Total ?? 0) - (p?.Accepted ?? 0), p?.Accepted ?? 0, p?.Late ?? 0,
                open.GetValueOrDefault(code), l?.Linked ?? 0, l?.Signed ?? 0);
        })];
    }

    /// <summary>The figures of a division (a community's code, or a town's or county's prefix; null: the whole scope).</summary>
    public async Task<Figures> ComputeAsync(string? division, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));
        var start = Platform.Web.Display.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = Platform.Web.Display.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        // One aggregate query for the needs and one for the projects (conditional counts over the scope).
        var needs = await db.Needs.AsNoTracking().Where(n => division == null || n.CommunityCode.StartsWith(division))
            .GroupBy(n => 1)
            .Select(g => new
            {
                Raised = g.Count(n => n.CreatedAt >= start && n.CreatedAt < end),
                Adopted = g.Count(n => n.AdoptedAt >= start && n.AdoptedAt < end),
                Met = g.Count(n => n.MetAt >= start && n.MetAt < end),
                Open = g.Count(n => n.Status == NeedStatus.Open),
            }).FirstOrDefaultAsync(ct);
        var projects = db.Projects.AsNoTracking().Where(p => division == null || p.CommunityCode.StartsWith(division));
        var totals = await projects.GroupBy(x => 1)
            .Select(g => new
            {
                Planned = g.Count(x => x.Status == ProjectStatus.Planned),
                InProgress = g.Count(x => x.Status == ProjectStatus.InProgress),
                Awaiting = g.Count(x => x.Status == ProjectStatus.AwaitingAcceptance),
                Accepted = g.Count(x => x.Status == ProjectStatus.Accepted),
                Late = g.Count(x => x.Status != ProjectStatus.Accepted && x.NextDueOn != null && x.NextDueOn < today),
                AcceptedInPeriod = g.Count(x => x.Status == ProjectStatus.Accepted && x.CompletedOn >= from && x.CompletedOn <= to),
                OnTime = g.Count(x => x.Status == ProjectStatus.Accepted && x.CompletedOn >= from && x.CompletedOn <= to && x.PlannedEndOn != null && x.CompletedOn <= x.PlannedEndOn),
            }).FirstOrDefaultAsync(ct);

        var active = projects.Where(p => p.StartOn <= to && (p.CompletedOn == null || p.CompletedOn >= from)).Select(p => p.Id);
        var unitsEngaged = await db.ProjectUnits.AsNoTracking().Where(u => active.Contains(u.ProjectId)).Select(u => u.PartnerUnitId).Distinct().CountAsync(ct);
        var links = db.PartnerUnitCommunities.AsNoTracking().Where(l => division == null || l.CommunityCode.StartsWith(division));
        var unitsLinked = await links.CountAsync(ct);
        var unitsWithAgreement = await links.CountAsync(l => db.Set<PartnershipAgreement>().Any(a => a.CommunityCode == l.CommunityCode && a.PartnerUnitId == l.PartnerUnitId
            && a.StartsOn <= today && a.EndsOn >= today), ct);

        var members = await db.InServiceMembers.AsNoTracking().CountAsync(m => (division == null || m.CommunityCode.StartsWith(division)) && m.ReportedOn <= to, ct);
        var hours = await db.ServiceRecords.AsNoTracking()
            .Where(r => (division == null || r.CommunityCode.StartsWith(division)) && r.Hours != null && r.ServedOn >= from && r.ServedOn <= to)
            .Select(r => r.Hours!.Value).ToListAsync(ct);
        var commendations = await db.Commendations.AsNoTracking()
            .CountAsync(c => (division == null || c.CommunityCode.StartsWith(division)) && c.ReceivedOn >= from && c.ReceivedOn <= to, ct);

        var acceptedInPeriod = totals?.AcceptedInPeriod ?? 0;
        var onTime = totals?.OnTime ?? 0;
        return new Figures(needs?.Raised ?? 0, needs?.Adopted ?? 0, needs?.Met ?? 0, needs?.Open ?? 0,
            totals?.Planned ?? 0, totals?.InProgress ?? 0, totals?.Awaiting ?? 0, totals?.Accepted ?? 0, totals?.Late ?? 0,
            acceptedInPeriod, onTime, acceptedInPeriod == 0 ? null : Math.Round((double)onTime / acceptedInPeriod, 4),
            unitsEngaged, unitsLinked, unitsWithAgreement, members, hours.Sum(), commendations,
            (totals?.Planned ?? 0) + (totals?.InProgress ?? 0) + (totals?.Awaiting ?? 0) + (totals?.Accepted ?? 0));
    }
}
