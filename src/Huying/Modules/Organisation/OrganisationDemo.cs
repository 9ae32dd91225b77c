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
internal sealed partial class OrganisationDemo(DemoContext demo, Synthetic synthetic)
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
        var communities = CommunityCodes.Select((code, i) => new Community
        {
            Code = code,
            Name = Community.ShortName(divisionNames.GetValueOrDefault(code) ?? code),
            TownCode = code[..9],
            CountyCode = code[..6],
            Latitude = DemoPlaces.Near(code, i).Latitude,
            Longitude = DemoPlaces.Near(code, i).Longitude,
        }).ToList();
        db.Communities.AddRange(communities);
        // Neighbours of DESIGN §8 whose volunteers serve on Huying: 万荣县's 后土社区 and a 河津市 community.
        var neighbours = await db.Divisions.Where(d => DemoPlaces.NeighbourCommunities.Contains(d.Code)).ToListAsync(ct);
        db.Communities.AddRange(neighbours.Select(d => new Community
        {
            Code = d.Code, Name = Community.ShortName(d.Name), TownCode = d.Code[..9], CountyCode = d.Code[..6],
            Latitude = DemoPlaces.Near(d.Code, 0).Latitude, Longitude = DemoPlaces.Near(d.Code, 0).Longitude,
        }));

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
