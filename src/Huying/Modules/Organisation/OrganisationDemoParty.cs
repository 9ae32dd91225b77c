using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation;

/// <summary>The demo's party organisations, branches, members and in-service members of units.</summary>
internal sealed partial class OrganisationDemo
{
    private async Task CreateOrganisationsAsync(List<Community> communities, List<PartnerUnit> units, List<Grid> grids,
        List<Building> buildings, List<(Household Household, Building Building)> households, List<Person> people, CancellationToken ct)
    {
        // The report's figures: 15 committees, 130 unit organisations, 237 building groups, 404 central households.
        var committees = communities.ToDictionary(c => c.Code, c => new PartyOrganisation
        {
            Name = $"{c.Name}“大党委”",
            Kind = PartyOrganisationKind.BigCommittee,
            CommunityCode = c.Code,
        });
        db.PartyOrganisations.AddRange(committees.Values);
        await db.SaveChangesAsync(ct);

        var others = communities.Where(c => c.Code != Fuqian).ToList();
        foreach (var c in communities)
        {
            var linked = units.Where(u => u.Communities.Any(l => l.CommunityCode == c.Code)).ToList();
            var countyUnits = linked.Where(u => u.Kind == PartnerUnitKind.CountyUnit).ToList();
            var organised = c.Code == Fuqian
                ? linked.Where(u => u.Communities[0].CommunityCode == Fuqian).ToList()
                : countyUnits.Where(u => u.Communities[0].CommunityCode == c.Code).Take(others.IndexOf(c) < 3 ? 9 : 8).ToList();
            foreach (var unit in organised)
            {
                db.PartyOrganisations.Add(new PartyOrganisation
                {
                    Name = $"{unit.Name}党支部",
                    Kind = PartyOrganisationKind.UnitOrganisation,
                    ParentId = committees[c.Code].Id,
                    CommunityCode = c.Code,
                    PartnerUnitId = unit.Id,
                });
            }
            db.CommitteeMembers.Add(new CommitteeMember
            {
                CommunityCode = c.Code, Name = PersonName(true), Role = CommitteeRole.Secretary, Title = "社区党总支书记、居委会主任",
            });
            var homeUnits = countyUnits.Where(u => u.Communities[0].CommunityCode == c.Code).ToList();
            for (var i = 0; i < homeUnits.Count; i++)
            {
                db.CommitteeMembers.Add(new CommitteeMember
                {
                    CommunityCode = c.Code,
                    Name = PersonName(random.Next(2) == 0),
                    Role = i == 0 ? CommitteeRole.FirstSecretary : CommitteeRole.PartTimeMember,
                    PartnerUnitId = homeUnits[i].Id,
                    Title = homeUnits[i].Name + (i == 0 ? "党组书记" : "党支部书记"),
                });
            }
        }

        var branches = grids.ToDictionary(g => g.Id, g => new PartyOrganisation
        {
            Name = $"{g.Name}党支部",
            Kind = PartyOrganisationKind.GridBranch,
            CommunityCode = g.CommunityCode,
            GridId = g.Id,
            ParentId = committees[g.CommunityCode].Id,
        });
        db.PartyOrganisations.AddRange(branches.Values);
        await db.SaveChangesAsync(ct);

        var coordinationGroupCount = 0;
        var allGroups = new List<(Community Community, List<PartyOrganisation> Groups, int CentralCount)>();
        var firstResident = people.GroupBy(p => p.HouseholdId).ToDictionary(g => g.Key, g => g.First());
        for (var ci = 0; ci < communities.Count; ci++)
        {
            var c = communities[ci];
            var groupCount = ci < 12 ? 16 : 15;
            var centralCount = ci < 14 ? 27 : 26;
            var grouped = buildings.Where(b => b.CommunityCode == c.Code).Take(groupCount).ToList();
            var groups = grouped.Select(b => new PartyOrganisation
            {
                Name = $"{b.Name}党小组",
                Kind = PartyOrganisationKind.BuildingPartyGroup,
                CommunityCode = c.Code,
                BuildingId = b.Id,
                GridId = b.GridId,
                ParentId = branches[b.GridId].Id,
            }).ToList();
            db.PartyOrganisations.AddRange(groups);
            allGroups.Add((c, groups, centralCount));
        }
        await db.SaveChangesAsync(ct);

        for (var ci = 0; ci < communities.Count; ci++)
        {
            var (c, groups, centralCount) = allGroups[ci];

            // Central households: spread over the grouped buildings, each headed by a party member.
            for (var k = 0; k < centralCount; k++)
            {
                var group = groups[k % groups.Count];
                var candidates = households.Where(x => x.Building.Id == group.BuildingId).Select(x => x.Household).ToList();
                var household = candidates[k / groups.Count % candidates.Count];
                var head = firstResident[household.Id];
                head.IsPartyMember = true;
                db.PartyOrganisations.Add(new PartyOrganisation
                {
                    Name = $"{head.Name}党员中心户",
                    Kind = PartyOrganisationKind.CentralHousehold,
                    CommunityCode = c.Code,
                    BuildingId = group.BuildingId,
                    HouseholdId = household.Id,
                    GridId = household.GridId,
                    ParentId = group.Id,
                });
            }

            // 80+ coordination groups: 6 in the first seven communities, 5 in the rest.
            var communityGrids = grids.Where(g => g.CommunityCode == c.Code).ToList();
            var count = ci < 7 ? 6 : 5;
            for (var k = 0; k < count; k++)
            {
                db.CoordinationGroups.Add(new CoordinationGroup
                {
                    CommunityCode = c.Code,
                    Name = $"{c.Name}第{k + 1}协调治理小组",
                    Area = communityGrids[k % communityGrids.Count].Name,
                    MemberCount = random.Next(6, 12),
                });
                coordinationGroupCount++;
            }
        }
        await db.SaveChangesAsync(ct);

        // Party members join their grid's branch; some work for a county unit (在职党员).
        var countyUnitIds = units.Where(u => u.Kind == PartnerUnitKind.CountyUnit).Select(u => u.Id).ToList();
        foreach (var p in people.Where(p => p.IsPartyMember))
        {
            p.PartyOrganisationId = branches[p.GridId].Id;
            if (random.Next(4) == 0)
            {
                p.InServiceUnitId = countyUnitIds[random.Next(countyUnitIds.Count)];
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
