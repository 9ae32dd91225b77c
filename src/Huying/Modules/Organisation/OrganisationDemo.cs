using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation;

/// <summary>
/// The Yuanqu County part of the demo (DESIGN.md §8): the 15 urban communities with the report's four-level
/// figures, grids, buildings, synthetic households and residents, and the demo accounts of the county's people.
/// Deterministic: the same seed gives the same demo.
/// </summary>
internal sealed class OrganisationDemo(DemoContext demo, Synthetic synthetic)
{
    private const string County = DemoPlaces.County;
    private const string Town = DemoPlaces.Town;
    private const string Fuqian = DemoPlaces.Fuqian;
    private const string Xueyuan = DemoPlaces.Xueyuan;
    private static readonly string[] CommunityCodes = DemoPlaces.CommunityCodes;

    public static readonly DemoAccount[] Accounts =
    [
        new("county", Roles.CountyOfficer, "县委组织部 · 垣曲县 140827"),
        new("town", Roles.TownOfficer, "垣曲县社区服务中心 140827400"),
        new("fuqian.secretary", Roles.CommunitySecretary, "府前社区党总支书记"),
        new("fuqian.staff", Roles.CommunityStaff, "府前社区工作人员"),
        new("fuqian.grid", Roles.GridWorker, "府前社区河边网格网格员"),
        new("fuqian.gridleader", Roles.GridLeader, "府前社区网格长"),
        new("xueyuan.secretary", Roles.CommunitySecretary, "学苑社区党总支书记"),
        new("xueyuan.staff", Roles.CommunityStaff, "学苑社区工作人员"),
        new("unit.xmtj", Roles.UnitLiaison, "垣曲县项目推进中心联络人"),
        new("unit.fgj", Roles.UnitLiaison, "垣曲县发展和改革局联络人"),
        new("member", Roles.PartyMember, "府前社区在职党员"),
        new("volunteer", Roles.Volunteer, "府前社区志愿者"),
        new("resident", Roles.Resident, "府前社区河边三巷居民"),
        new("admin", Roles.Admin, "系统管理员"),
    ];

    private readonly HuyingDbContext db = demo.Db;
    private readonly PersonalData personal = demo.Personal;
    private readonly TimeProvider clock = demo.Clock;
    private readonly Random random = synthetic.Random;

    public async Task SeedAsync(CancellationToken ct)
    {
        if (!await db.Divisions.AnyAsync(ct))
        {
            await DivisionImporter.ImportAsync(db, Path.Combine(AppContext.BaseDirectory, "Data", "divisions-shanxi"), ct: ct);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var divisionNames = await db.Divisions.Where(d => CommunityCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var communities = CommunityCodes.Select(code => new Community
        {
            Code = code,
            Name = Community.ShortName(divisionNames.GetValueOrDefault(code) ?? code),
            TownCode = code[..9],
            CountyCode = code[..6],
        }).ToList();
        db.Communities.AddRange(communities);

        var units = CreateUnits(communities);
        await db.SaveChangesAsync(ct);

        var grids = communities.SelectMany((c, i) => CreateGrids(c, i)).ToList();
        await db.SaveChangesAsync(ct);
        var buildings = communities.SelectMany(c => CreateBuildings(c, grids.Where(g => g.CommunityCode == c.Code).ToList())).ToList();
        await db.SaveChangesAsync(ct);

        var relocationVillages = await RelocationVillagesAsync(ct);
        var households = new List<(Household Household, Building Building)>();
        foreach (var b in buildings)
        {
            foreach (var door in Doors(b))
            {
                var h = new Household { CommunityCode = b.CommunityCode, GridId = b.GridId, BuildingId = b.Id, DoorNumber = door };
                db.Households.Add(h);
                households.Add((h, b));
            }
        }
        await db.SaveChangesAsync(ct);

        var people = new List<Person>();
        foreach (var (h, b) in households)
        {
            people.AddRange(Residents(h, b, relocationVillages, now));
        }
        db.People.AddRange(people);
        await db.SaveChangesAsync(ct);

        await CreateOrganisationsAsync(communities, units, grids, buildings, households, people, ct);
        // Thousands of tracked rows would make every later save scan them all.
        db.ChangeTracker.Clear();
        await CreateAccountsAsync(units, grids, households, people, ct);
        demo.Summary.Add($"{communities.Count} communities, {units.Count} partner units, {grids.Count} grids, {buildings.Count} buildings, {households.Count} households, {people.Count} people");
    }

    private List<PartnerUnit> CreateUnits(List<Community> communities)
    {
        var units = new List<PartnerUnit>();
        PartnerUnit Unit(string name, PartnerUnitKind kind, params string[] codes)
        {
            var unit = new PartnerUnit
            {
                Name = name,
                Kind = kind,
                CreditCode = CreditCode(kind),
                Address = "垣曲县" + (kind == PartnerUnitKind.CountyUnit ? "新城" : "") + $"{random.Next(1, 200)}号",
                ContactName = PersonName(random.Next(2) == 0),
                ContactPhone = Phone(),
                Communities = [.. codes.Select(c => new PartnerUnitCommunity { CommunityCode = c, Since = new DateOnly(2026, 4, 2) })],
            };
            units.Add(unit);
            db.PartnerUnits.Add(unit);
            return unit;
        }

        // 府前: nine county units and six others, all with signed agreements since the 2 April meeting.
        foreach (var name in OrganisationDemoNames.FuqianCountyUnits)
        {
            Unit(name, PartnerUnitKind.CountyUnit, Fuqian);
        }
        foreach (var (name, kind) in OrganisationDemoNames.FuqianOtherUnits)
        {
            Unit(name, kind, Fuqian);
        }
        // The other 122 county units: 9 each for the first ten communities, 8 for the last four.
        var others = communities.Where(c => c.Code != Fuqian).ToList();
        var rest = OrganisationDemoNames.CountyUnits.Except(OrganisationDemoNames.FuqianCountyUnits).ToList();
        var next = 0;
        for (var i = 0; i < others.Count; i++)
        {
            var take = i < 10 ? 9 : 8;
            foreach (var name in rest.Skip(next).Take(take))
            {
                Unit(name, PartnerUnitKind.CountyUnit, others[i].Code);
            }
            next += take;
        }
        foreach (var (name, kind, code) in OrganisationDemoNames.OtherUnits)
        {
            Unit(name, kind, code);
        }
        // The project centre and the development bureau also serve 学苑 (a unit can serve several communities).
        units.First(u => u.Name == "垣曲县项目推进中心").Communities.Add(new PartnerUnitCommunity { CommunityCode = Xueyuan, Since = new DateOnly(2026, 4, 10) });
        return units;
    }

    private static readonly string[] GridWords = ["一", "二", "三", "四", "五", "六"];

    private List<Grid> CreateGrids(Community community, int index)
    {
        var count = community.Code is Fuqian or Xueyuan ? 6 : 4 + index % 2;
        var grids = Enumerable.Range(0, count).Select(i => new Grid
        {
            CommunityCode = community.Code,
            Name = community.Code == Fuqian && i == 0 ? "河边网格" : $"第{GridWords[i]}网格",
            WorkerName = PersonName(random.Next(2) == 0),
        }).ToList();
        db.Grids.AddRange(grids);
        return grids;
    }

    /// <summary>Buildings in order, split into consecutive runs of nearly equal length, one run a grid.</summary>
    private List<Building> CreateBuildings(Community community, List<Grid> grids)
    {
        var names = BuildingNames(community);
        var buildings = names.Select((n, i) => new Building
        {
            CommunityCode = community.Code,
            Name = n.Name,
            Kind = n.Kind,
            BuiltYear = n.Year,
            Estate = EstateOf(n.Name),
            GridId = grids[i * grids.Count / names.Count].Id,
        }).ToList();
        db.Buildings.AddRange(buildings);
        return buildings;
    }

    private static List<(string Name, BuildingKind Kind, int? Year)> BuildingNames(Community community)
    {
        var list = new List<(string, BuildingKind, int?)>();
        void Estate(string estate, int count, int year)
        {
            for (var i = 1; i <= count; i++)
            {
                list.Add(($"{estate}{i}号楼", BuildingKind.Building, year));
            }
        }
        var shortName = community.Name.Replace("社区", "", StringComparison.Ordinal);
        switch (community.Code)
        {
            case Fuqian:
                list.Add(("河边一巷", BuildingKind.Alley, 1983));
                list.Add(("河边二巷", BuildingKind.Alley, 1984));
                list.Add(("河边三巷", BuildingKind.Alley, 1985));
                list.Add(("府前街东巷", BuildingKind.Alley, 1988));
                list.Add(("府前街18号院", BuildingKind.Courtyard, 1992));
                list.Add(("粮食局家属院", BuildingKind.Courtyard, 1990));
                list.Add(("县委家属院", BuildingKind.Courtyard, 1995));
                Estate("逸景名苑", 8, 2012);
                Estate("府前小区", 5, 2003);
                break;
            case Xueyuan:
                Estate("晋海花园(一期)", 10, 2019);
                Estate("晋海花园(二期)", 6, 2021);
                Estate("学苑小区", 3, 2006);
                list.Add(("教师家属院", BuildingKind.Courtyard, 1998));
                break;
            default:
                list.Add(($"{shortName}东巷", BuildingKind.Alley, 1986));
                list.Add(($"{shortName}西巷", BuildingKind.Alley, 1987));
                list.Add(($"{shortName}前院", BuildingKind.Courtyard, 1994));
                list.Add(($"{shortName}后院", BuildingKind.Courtyard, 1996));
                Estate($"{shortName}小区", 10, 2005);
                Estate($"{shortName}新苑", 6, 2016);
                break;
        }
        return list;
    }

    private static string? EstateOf(string buildingName)
    {
        var i = buildingName.IndexOf("号楼", StringComparison.Ordinal);
        return i < 0 ? null : buildingName[..buildingName.TakeWhile(c => !char.IsAsciiDigit(c)).Count()];
    }

    private IEnumerable<string> Doors(Building b)
    {
        if (b.Kind == BuildingKind.Building)
        {
            var floors = b.Name.StartsWith("晋海花园(一期)", StringComparison.Ordinal) ? 7 : random.Next(5, 8);
            for (var unit = 1; unit <= 2; unit++)
            {
                for (var floor = 1; floor <= floors; floor++)
                {
                    yield return $"{unit}单元{floor}0{1 + random.Next(2)}";
                }
            }
            yield break;
        }
        var count = b.Kind == BuildingKind.Alley ? random.Next(10, 15) : random.Next(8, 13);
        for (var n = 1; n <= count; n++)
        {
            yield return $"{n}号";
        }
    }

    private async Task<List<string>> RelocationVillagesAsync(CancellationToken ct)
    {
        // 晋海花园(一期): families from 51 villages of 10 towns of the county.
        var towns = await db.Divisions.Where(d => d.ParentCode == County && d.Code != Town)
            .OrderBy(d => d.Code).Select(d => d.Code).Take(10).ToListAsync(ct);
        var villages = await db.Divisions.Where(d => d.ParentCode != null && towns.Contains(d.ParentCode))
            .OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(ct);
        // Round-robin over the towns, so every town gives some and small towns run out first.
        var byTown = towns.Select(t => new Queue<string>(villages.Where(v => v.StartsWith(t, StringComparison.Ordinal)))).ToList();
        var chosen = new List<string>();
        while (chosen.Count < 51 && byTown.Any(q => q.Count > 0))
        {
            foreach (var queue in byTown.Where(q => q.Count > 0))
            {
                if (chosen.Count < 51)
                {
                    chosen.Add(queue.Dequeue());
                }
            }
        }
        return chosen;
    }

    private IEnumerable<Person> Residents(Household h, Building b, List<string> relocationVillages, DateTime now)
    {
        var relocated = b.Name.StartsWith("晋海花园(一期)", StringComparison.Ordinal) && relocationVillages.Count > 0;
        var members = random.Next(1, 5);
        var surname = DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)];
        var registration = relocated ? relocationVillages[(int)(h.Id % relocationVillages.Count)] : County;
        for (var m = 0; m < members; m++)
        {
            var male = m switch { 0 => random.Next(3) > 0, 1 => false, _ => random.Next(2) == 0 };
            var age = m switch { 0 => random.Next(32, 86), 1 => random.Next(30, 80), _ => random.Next(3, 30) };
            var birth = new DateOnly(now.Year - age, random.Next(1, 13), random.Next(1, 29));
            var id = IdNumber(County, birth, male);
            var tags = new List<string>();
            if (age >= 60)
            {
                tags.Add("elderly");
                if (members == 1 && random.Next(3) == 0)
                {
                    tags.Add("living-alone");
                }
                if (random.Next(12) == 0)
                {
                    tags.Add("retired-cadre");
                }
            }
            if (random.Next(50) == 0)
            {
                tags.Add("disabled");
            }
            if (random.Next(35) == 0)
            {
                tags.Add("low-income");
            }
            if (male && age > 25 && random.Next(40) == 0)
            {
                tags.Add("veteran");
            }
            if (relocated)
            {
                tags.Add("relocated");
            }
            var protectedId = personal.ProtectIdNumber(id);
            var protectedPhone = age >= 16 ? personal.ProtectPhone(Phone()) : default;
            var estateMembers = b.Name.StartsWith("逸景名苑", StringComparison.Ordinal) && age >= 22 && random.Next(3) == 0;
            var person = new Person
            {
                Name = (m == 0 || m >= 2 ? surname : DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)]) + Given(male),
                Gender = male ? Gender.Male : Gender.Female,
                BirthDate = birth,
                CommunityCode = h.CommunityCode,
                GridId = h.GridId,
                HouseholdId = h.Id,
                Tags = tags,
                RegistrationCode = registration,
                IsPartyMember = age >= 20 && (estateMembers || random.Next(14) == 0),
                CreatedAt = now,
                UpdatedAt = now,
            };
            person.SetIdNumber(protectedId);
            person.SetPhone(protectedPhone);
            yield return person;
        }
    }

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

    private async Task CreateAccountsAsync(List<PartnerUnit> units, List<Grid> grids,
        List<(Household Household, Building Building)> households, List<Person> people, CancellationToken ct)
    {
        var fuqianGrids = grids.Where(g => g.CommunityCode == Fuqian).Select(g => g.Id).ToList();
        var hebian = grids.First(g => g.Name == "河边网格");
        var alley = households.Where(x => x.Building.Name == "河边三巷").Select(x => x.Household.Id).ToHashSet();
        var resident = people.First(p => alley.Contains(p.HouseholdId) && p.BirthDate!.Value.Year < 1990);
        var member = people.First(p => p.CommunityCode == Fuqian && p.IsPartyMember && p.Id != resident.Id);
        var project = units.First(u => u.Name == "垣曲县项目推进中心");
        member.InServiceUnitId = project.Id;
        await db.People.Where(p => p.Id == member.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.InServiceUnitId, project.Id), ct);
        var volunteer = people.First(p => p.CommunityCode == Fuqian && !p.IsPartyMember && p.Id != resident.Id
            && p.BirthDate!.Value.Year is > 1960 and < 2005 && p.PhoneMasked is not null);
        await db.SaveChangesAsync(ct);

        (string Divisions, string Grids, long? Unit, long? Person, string Name) ScopeOf(string userName) => userName switch
        {
            "county" => (County, "", null, null, PersonName(true)),
            "town" => (Town, "", null, null, PersonName(false)),
            "fuqian.grid" => (Fuqian, hebian.Id.ToString(CultureInfo.InvariantCulture), null, null, hebian.WorkerName ?? PersonName(true)),
            "fuqian.gridleader" => (Fuqian, string.Join(",", fuqianGrids), null, null, PersonName(false)),
            "xueyuan.secretary" or "xueyuan.staff" => (Xueyuan, "", null, null, PersonName(random.Next(2) == 0)),
            "unit.xmtj" => (string.Join(",", project.Communities.Select(l => l.CommunityCode)), "", project.Id, null, project.ContactName ?? PersonName(true)),
            "unit.fgj" => (Fuqian, "", units.First(u => u.Name == "垣曲县发展和改革局").Id, null, PersonName(false)),
            "member" => (Fuqian, "", null, member.Id, member.Name),
            "volunteer" => (Fuqian, "", null, volunteer.Id, volunteer.Name),
            "resident" => (Fuqian, "", null, resident.Id, resident.Name),
            "admin" => ("", "", null, null, "系统管理员"),
            _ => (Fuqian, "", null, null, PersonName(random.Next(2) == 0)),
        };
        foreach (var account in Accounts)
        {
            var (divisions, gridIds, unit, person, name) = ScopeOf(account.UserName);
            await demo.AddAccountAsync(account, name, divisions, gridIds, unit, person);
        }
    }

    private string PersonName(bool male) => synthetic.PersonName(male);

    private string Given(bool male) => synthetic.Given(male);

    private string IdNumber(string area, DateOnly birth, bool male) => synthetic.IdNumber(area, birth, male);

    private string Phone() => synthetic.Phone();

    /// <summary>Registration office and type by the unit's kind.</summary>
    private string CreditCode(PartnerUnitKind kind)
    {
        var (office, type) = kind switch
        {
            PartnerUnitKind.CountyUnit => ('1', '1'),
            PartnerUnitKind.School or PartnerUnitKind.Hospital => ('1', '2'),
            PartnerUnitKind.SocialOrganisation => ('5', '2'),
            _ => ('9', '1'),
        };
        return synthetic.CreditCode(office, type, County);
    }
}
