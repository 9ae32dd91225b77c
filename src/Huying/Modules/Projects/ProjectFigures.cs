using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>The big committee's figures for a scope (the caller's, narrowed to a community) and a period of days.</summary>
public sealed record Figures(
    int NeedsRaised, int NeedsAdopted, int NeedsMet, int NeedsOpen,
    int Planned, int InProgress, int AwaitingAcceptance, int Accepted, int Late,
    int AcceptedInPeriod, int AcceptedOnTime, double? OnTimeRate,
    int UnitsEngaged, int UnitsLinked, int UnitsWithAgreement,
    int MembersReported, decimal ServiceHours, int Commendations);

public sealed class ProjectFigures(HuyingDbContext db, TimeProvider clock)
{
    public async Task<Figures> ComputeAsync(string? community, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(clock.GetUtcNow().UtcDateTime));
        var start = Platform.Web.Display.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = Platform.Web.Display.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var needs = db.Needs.AsNoTracking().Where(n => community == null || n.CommunityCode == community);
        var needsRaised = await needs.CountAsync(n => n.CreatedAt >= start && n.CreatedAt < end, ct);
        var needsAdopted = await needs.CountAsync(n => n.AdoptedAt >= start && n.AdoptedAt < end, ct);
        var needsMet = await needs.CountAsync(n => n.MetAt >= start && n.MetAt < end, ct);
        var needsOpen = await needs.CountAsync(n => n.Status == NeedStatus.Open, ct);

        var projects = db.Projects.AsNoTracking().Where(p => community == null || p.CommunityCode == community);
        var byStatus = await projects.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var late = await projects.CountAsync(p => p.Status != ProjectStatus.Accepted && p.NextDueOn != null && p.NextDueOn < today, ct);
        var accepted = projects.Where(p => p.Status == ProjectStatus.Accepted && p.CompletedOn >= from && p.CompletedOn <= to);
        var acceptedInPeriod = await accepted.CountAsync(ct);
        var onTime = await accepted.CountAsync(p => p.PlannedEndOn != null && p.CompletedOn <= p.PlannedEndOn, ct);

        var active = projects.Where(p => p.StartOn <= to && (p.CompletedOn == null || p.CompletedOn >= from)).Select(p => p.Id);
        var unitsEngaged = await db.ProjectUnits.AsNoTracking().Where(u => active.Contains(u.ProjectId)).Select(u => u.PartnerUnitId).Distinct().CountAsync(ct);
        var links = db.PartnerUnitCommunities.AsNoTracking().Where(l => community == null || l.CommunityCode == community);
        var unitsLinked = await links.CountAsync(ct);
        var unitsWithAgreement = await links.CountAsync(l => db.Agreements.Any(a => a.CommunityCode == l.CommunityCode && a.PartnerUnitId == l.PartnerUnitId
            && a.StartsOn <= today && a.EndsOn >= today), ct);

        var members = await db.InServiceMembers.AsNoTracking().CountAsync(m => (community == null || m.CommunityCode == community) && m.ReportedOn <= to, ct);
        var hours = await db.ServiceRecords.AsNoTracking()
            .Where(r => (community == null || r.CommunityCode == community) && r.Hours != null && r.ServedOn >= from && r.ServedOn <= to)
            .Select(r => r.Hours!.Value).ToListAsync(ct);
        var commendations = await db.Commendations.AsNoTracking()
            .CountAsync(c => (community == null || c.CommunityCode == community) && c.ReceivedOn >= from && c.ReceivedOn <= to, ct);

        return new Figures(needsRaised, needsAdopted, needsMet, needsOpen,
            byStatus.GetValueOrDefault(ProjectStatus.Planned), byStatus.GetValueOrDefault(ProjectStatus.InProgress),
            byStatus.GetValueOrDefault(ProjectStatus.AwaitingAcceptance), byStatus.GetValueOrDefault(ProjectStatus.Accepted), late,
            acceptedInPeriod, onTime, acceptedInPeriod == 0 ? null : Math.Round((double)onTime / acceptedInPeriod, 4),
            unitsEngaged, unitsLinked, unitsWithAgreement, members, hours.Sum(), commendations);
    }
}
