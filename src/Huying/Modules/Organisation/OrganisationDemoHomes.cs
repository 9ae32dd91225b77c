using System.Globalization;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Organisation;

/// <summary>The demo's places: grids, buildings and their doors, households and the residents living in them.</summary>
internal sealed partial class OrganisationDemo
{
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
}
