using Huying.Modules.Matters;
using Huying.Platform.Audit;
using Huying.Platform.Data;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Heritage;

/// <summary>The figures of DESIGN §7 for a division and a period.</summary>
public sealed record HeritageFigures(int NationalSites, int ProvincialOrMunicipalSites, int Sites, int SitesInZones, double? SurveyedRate,
    int CensusRecords, int NewlyRegistered, int VisitGroups, int Visitors, int Zones, int Patrols, int FarPatrols, int OverdueSites,
    int HazardsRaised, int HazardsOpen, int HazardsClosed, double? AverageResponseHours, int Events, int EventAttendance);

/// <summary>What the report says of the heritage zones, counted from the records for a division in scope and a period.</summary>
public sealed class HeritageFigureCounts(HuyingDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Sites by level, in zones, surveyed; census records; newly registered — as they stand. In the period (this year
    /// unless told, local dates, both included): the bases' groups received and who came; patrols and those made far
    /// from the site; hazards raised, open and closed (resolved with photos) and the average time to the centre's
    /// response; events held and their attendance. Sites overdue for a patrol are counted now.
    /// </summary>
    public async Task<HeritageFigures> FiguresAsync(string division, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var now = AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        var today = DateOnly.FromDateTime(Display.Local(now));
        var (start, end) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        var sites = await db.Set<HeritageSite>().AsNoTracking().Where(s => s.CommunityCode.StartsWith(division))
            .GroupBy(s => 1).Select(g => new
            {
                N = g.Count(),
                National = g.Count(s => s.Level == ProtectionLevel.National),
                ProvincialOrMunicipal = g.Count(s => s.Level == ProtectionLevel.Provincial || s.Level == ProtectionLevel.Municipal),
                InZones = g.Count(s => s.ZoneId != null),
                Surveyed = g.Count(s => s.SurveyedOn != null),
                New = g.Count(s => s.NewlyRegistered),
            }).FirstOrDefaultAsync(ct);
        var census = await db.Set<CensusRecord>().AsNoTracking().CountAsync(r => r.CommunityCode.StartsWith(division), ct);
        var visits = await db.Set<HeritageVisit>().AsNoTracking()
            .Where(v => v.CommunityCode.StartsWith(division) && v.State == VisitState.Visited && v.VisitOn >= start && v.VisitOn <= end)
            .GroupBy(v => 1).Select(g => new { N = g.Count(), People = g.Sum(v => v.Attended ?? v.Size) }).FirstOrDefaultAsync(ct);
        var zones = await db.Set<ResponsibilityZone>().AsNoTracking().CountAsync(z => z.CommunityCode.StartsWith(division), ct);
        var (first, last) = (Display.ToUtc(start.ToDateTime(TimeOnly.MinValue)), Display.ToUtc(end.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var patrols = await db.Set<HeritagePatrol>().AsNoTracking().Where(p => p.CommunityCode.StartsWith(division) && p.At >= first && p.At < last)
            .GroupBy(p => 1).Select(g => new { N = g.Count(), Far = g.Count(p => p.Far) }).FirstOrDefaultAsync(ct);
        var overdue = await HeritagePatrols.OverdueCountAsync(db, division, now, ct);
        var events = await db.Set<HeritageEvent>().AsNoTracking()
            .Where(e => e.CommunityCode.StartsWith(division) && e.On >= start && e.On <= end && e.Attendance != null)
            .GroupBy(e => 1).Select(g => new { N = g.Count(), People = g.Sum(e => e.Attendance ?? 0) }).FirstOrDefaultAsync(ct);
        var hazards = await HazardsAsync(division, first, last, ct);
        var n = sites?.N ?? 0;
        return new HeritageFigures(sites?.National ?? 0, sites?.ProvincialOrMunicipal ?? 0, n, sites?.InZones ?? 0,
            n == 0 ? null : Math.Round((double)sites!.Surveyed / n, 4), census, sites?.New ?? 0, visits?.N ?? 0, visits?.People ?? 0, zones,
            patrols?.N ?? 0, patrols?.Far ?? 0, overdue, hazards.Raised, hazards.Open, hazards.Closed, hazards.ResponseHours, events?.N ?? 0, events?.People ?? 0);
    }

    /// <summary>
    /// The period's hazards: their ids read in the caller's scope, then the matters' facts in a query of their own
    /// (a matter's scope is its handler's, not the heritage reader's), in chunks of ids.
    /// </summary>
    private async Task<(int Raised, int Open, int Closed, double? ResponseHours)> HazardsAsync(string division, DateTime first, DateTime last,
        CancellationToken ct)
    {
        var ids = await db.Set<HeritageHazard>().AsNoTracking().Where(h => h.CommunityCode.StartsWith(division) && h.RaisedAt >= first && h.RaisedAt < last)
            .Select(h => h.MatterId).ToListAsync(ct);
        var (open, closed, responded, minutes) = (0, 0, 0, 0.0);
        foreach (var chunk in ids.Chunk(1000))
        {
            var facts = await db.Set<Matter>().IgnoreQueryFilters().AsNoTracking().Where(m => chunk.Contains(m.Id))
                .Select(m => new { m.State, m.SubmittedAt, m.AcceptedAt, m.ResolvedAt }).ToListAsync(ct);
            foreach (var m in facts)
            {
                if (m.ResolvedAt is not null)
                {
                    closed++;
                }
                else if (m.State is not (MatterState.Rejected or MatterState.Merged or MatterState.Closed))
                {
                    open++;
                }
                if (m.AcceptedAt is { } at)
                {
                    responded++;
                    minutes += (at - m.SubmittedAt).TotalMinutes;
                }
            }
        }
        return (ids.Count, open, closed, responded == 0 ? null : Math.Round(minutes / responded / 60, 1));
    }
}
