using Huying.Platform.Composition;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation;

/// <summary>The counts of DESIGN.md §7 for one community or a whole scope.</summary>
public sealed record OrgCounts(
    int Communities, int BigCommittees, int PartnerUnitOrganisations, int BuildingPartyGroups, int CentralHouseholds,
    int CountyUnits, int PartnerUnits, int CoordinationGroups, int Grids, int Buildings, int Households, int People,
    int PartyMembers);

public sealed record OrgSummary(string Division, string DivisionName, OrgCounts Counts);

public sealed record CommunityRow(string Code, string Name, OrgCounts Counts);

public sealed record PartnerUnitDto(long Id, string Name, string CreditCode, PartnerUnitKind Kind, string? Address,
    string? ContactName, string? ContactPhone, List<string> Communities);

/// <summary>Organisation figures and lists, always through the scoped context.</summary>
public sealed class OrganisationService(HuyingDbContext db, SharedCounts shared)
{
    /// <summary>The communities in scope beneath a division code; empty when none is.</summary>
    public async Task<List<Community>> CommunitiesUnderAsync(string division, CancellationToken ct = default) =>
        await db.Communities.AsNoTracking()
            .Where(c => c.Code.StartsWith(division))
            .OrderBy(c => c.Code)
            .ToListAsync(ct);

    /// <summary>The communities in scope and the one a page shows: the asked one when in scope, else the first.</summary>
    public async Task<(List<Community> Communities, string? Chosen)> ChooseCommunityAsync(string? asked, CancellationToken ct = default)
    {
        var communities = await CommunitiesUnderAsync("", ct);
        return (communities, communities.Any(c => c.Code == asked) ? asked : communities.FirstOrDefault()?.Code);
    }

    public async Task<string?> DivisionNameAsync(string code, CancellationToken ct = default) =>
        await db.Divisions.AsNoTracking().Where(d => d.Code == code).Select(d => d.Name).FirstOrDefaultAsync(ct);

    /// <summary>The names of several divisions in one query (a code without a division keeps no entry).</summary>
    public async Task<Dictionary<string, string>> DivisionNamesAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default) =>
        await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);

    // Summed once per request: the briefing's structure and governance paragraphs both read it.
    /// <summary>Null when no community of the division is in the caller's scope (which then answers 404). Counted once per request.</summary>
    public Task<OrgSummary?> SummaryAsync(string division, CancellationToken ct = default) =>
        shared.GetAsync(("org-summary", division), () => SumAsync(division, ct));

    private async Task<OrgSummary?> SumAsync(string division, CancellationToken ct)
    {
        var name = await DivisionNameAsync(division, ct);
        if (name is null)
        {
            return null;
        }
        var rows = await BreakdownAsync(division, ct);
        if (rows.Count == 0)
        {
            return null;
        }
        var codes = rows.Select(r => r.Code).ToArray();
        var countyUnits = await db.PartnerUnits.AsNoTracking()
            .CountAsync(u => u.Kind == PartnerUnitKind.CountyUnit && u.Communities.Any(l => codes.Contains(l.CommunityCode)), ct);
        var partnerUnits = await db.PartnerUnits.AsNoTracking()
            .CountAsync(u => u.Communities.Any(l => codes.Contains(l.CommunityCode)), ct);
        var total = rows.Select(r => r.Counts).Aggregate((a, b) => new OrgCounts(
            a.Communities + b.Communities, a.BigCommittees + b.BigCommittees,
            a.PartnerUnitOrganisations + b.PartnerUnitOrganisations, a.BuildingPartyGroups + b.BuildingPartyGroups,
            a.CentralHouseholds + b.CentralHouseholds, 0, 0, a.CoordinationGroups + b.CoordinationGroups,
            a.Grids + b.Grids, a.Buildings + b.Buildings, a.Households + b.Households, a.People + b.People,
            a.PartyMembers + b.PartyMembers)) with { CountyUnits = countyUnits, PartnerUnits = partnerUnits };
        return new OrgSummary(division, name, total);
    }

    /// <summary>The four-level structure and what lies beneath, one row per community in scope.</summary>
    public async Task<List<CommunityRow>> BreakdownAsync(string division, CancellationToken ct = default)
    {
        var communities = await CommunitiesUnderAsync(division, ct);
        if (communities.Count == 0)
        {
            return [];
        }
        var codes = communities.Select(c => c.Code).ToArray();
        var orgs = await db.PartyOrganisations.AsNoTracking().Where(o => codes.Contains(o.CommunityCode))
            .GroupBy(o => new { o.CommunityCode, o.Kind }).Select(g => new { g.Key.CommunityCode, g.Key.Kind, N = g.Count() })
            .ToListAsync(ct);
        var countyUnits = await CountByCommunity(db.PartnerUnitCommunities.Where(l => codes.Contains(l.CommunityCode)
            && l.PartnerUnit!.Kind == PartnerUnitKind.CountyUnit).Select(l => l.CommunityCode), ct);
        var units = await CountByCommunity(db.PartnerUnitCommunities.Where(l => codes.Contains(l.CommunityCode)).Select(l => l.CommunityCode), ct);
        var groups = await CountByCommunity(db.CoordinationGroups.Where(x => codes.Contains(x.CommunityCode)).Select(x => x.CommunityCode), ct);
        var grids = await CountByCommunity(db.Grids.Where(x => codes.Contains(x.CommunityCode)).Select(x => x.CommunityCode), ct);
        var buildings = await CountByCommunity(db.Buildings.Where(x => codes.Contains(x.CommunityCode)).Select(x => x.CommunityCode), ct);
        // Residents are counted from the per-grid tallies, which every save keeps current.
        var tallies = await db.GridTallies.AsNoTracking().Where(x => codes.Contains(x.CommunityCode))
            .GroupBy(x => x.CommunityCode)
            .Select(g => new { g.Key, Households = g.Sum(x => x.Households), People = g.Sum(x => x.People), Members = g.Sum(x => x.PartyMembers) })
            .ToDictionaryAsync(g => g.Key, ct);

        int Org(string code, PartyOrganisationKind kind) =>
            orgs.Where(o => o.CommunityCode == code && o.Kind == kind).Sum(o => o.N);
        static int Of(Dictionary<string, int> counts, string code) => counts.GetValueOrDefault(code);

        return [.. communities.Select(c => new CommunityRow(c.Code, c.Name, new OrgCounts(
            1, Org(c.Code, PartyOrganisationKind.BigCommittee), Org(c.Code, PartyOrganisationKind.UnitOrganisation),
            Org(c.Code, PartyOrganisationKind.BuildingPartyGroup), Org(c.Code, PartyOrganisationKind.CentralHousehold),
            Of(countyUnits, c.Code), Of(units, c.Code), Of(groups, c.Code), Of(grids, c.Code), Of(buildings, c.Code),
            tallies.GetValueOrDefault(c.Code)?.Households ?? 0, tallies.GetValueOrDefault(c.Code)?.People ?? 0,
            tallies.GetValueOrDefault(c.Code)?.Members ?? 0)))];
    }

    private static async Task<Dictionary<string, int>> CountByCommunity(IQueryable<string> codes, CancellationToken ct) =>
        await codes.GroupBy(c => c).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);

    public async Task<List<PartnerUnitDto>> PartnerUnitsAsync(string? community, CancellationToken ct = default)
    {
        var query = db.PartnerUnits.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(community))
        {
            query = query.Where(u => u.Communities.Any(l => l.CommunityCode == community));
        }
        var units = await query.OrderBy(u => u.Kind).ThenBy(u => u.Name)
            .Select(u => new { Unit = u, Codes = u.Communities.Select(l => l.CommunityCode).ToList() })
            .ToListAsync(ct);
        return [.. units.Select(x => new PartnerUnitDto(x.Unit.Id, x.Unit.Name, x.Unit.CreditCode,
            x.Unit.Kind, x.Unit.Address, x.Unit.ContactName,
            x.Unit.ContactPhone is null ? null : Platform.Privacy.PersonalData.MaskPhone(x.Unit.ContactPhone), x.Codes))];
    }
}
