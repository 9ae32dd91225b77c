using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Heritage;

/// <summary>
/// 永济市文物保护中心 (DESIGN §8): the city's real villages (division data) holding 8 national and 18 provincial or
/// municipal sites, county-level ones and 60+ newly registered finds, every one in a party members' responsibility
/// zone (one per town or street) and field-surveyed; 4,000+ census records of plausible types across the villages;
/// the red education base 中共虞临永支部旧址 with 200+ groups and 20,000+ visitors this year. Names the report does not
/// give are marked 示例. The account yongji.heritage is the centre's liaison.
/// </summary>
internal sealed class HeritageDemo(DemoContext demo)
{
    public const string City = "140881";
    public const string RedBase = "中共虞临永支部旧址";
    public const int CensusRecords = 4_063;
    public const int NewSites = 64;

    public static readonly DemoAccount[] Accounts =
    [
        new("yongji.heritage", Roles.UnitLiaison, "永济市文物保护中心 · 140881"),
        new("yongji.member", Roles.PartyMember, "永济市党员责任区责任人（巡查打卡）"),
    ];

    private static readonly (string Name, bool Real, ProtectionLevel Level, SiteType Type, string Era)[] Named =
    [
        ("蒲津渡与蒲州故城遗址", true, ProtectionLevel.National, SiteType.AncientSite, "唐至明清"),
        ("普救寺", false, ProtectionLevel.National, SiteType.AncientBuilding, "唐至清"),
        ("万固寺", false, ProtectionLevel.National, SiteType.AncientBuilding, "明"),
        ("栖岩寺塔林", false, ProtectionLevel.National, SiteType.AncientBuilding, "宋至明"),
        ("扁鹊庙", false, ProtectionLevel.National, SiteType.AncientBuilding, "元至清"),
        ("东鲁庙戏台", false, ProtectionLevel.National, SiteType.AncientBuilding, "元"),
        ("石庄遗址", false, ProtectionLevel.National, SiteType.AncientSite, "新石器时代"),
        ("韩阳汉墓群", false, ProtectionLevel.National, SiteType.AncientTomb, "汉"),
        (RedBase, true, ProtectionLevel.Provincial, SiteType.ModernHistoric, "1926年"),
        ("董村戏台", false, ProtectionLevel.Provincial, SiteType.AncientBuilding, "明"),
        ("五老峰石刻", false, ProtectionLevel.Provincial, SiteType.GrottoAndCarving, "唐至清"),
        ("张营关帝庙", false, ProtectionLevel.Provincial, SiteType.AncientBuilding, "清"),
        ("西姚温遗址", false, ProtectionLevel.Provincial, SiteType.AncientSite, "仰韶文化"),
        ("开张古墓群", false, ProtectionLevel.Provincial, SiteType.AncientTomb, "北朝"),
        ("卿头文庙", false, ProtectionLevel.Provincial, SiteType.AncientBuilding, "明"),
        ("栲栳城隍庙", false, ProtectionLevel.Provincial, SiteType.AncientBuilding, "清"),
        ("虞乡古街", false, ProtectionLevel.Provincial, SiteType.AncientBuilding, "明清"),
        ("蒲州鼓楼", false, ProtectionLevel.Municipal, SiteType.AncientBuilding, "清"),
        ("城西烈士陵园", false, ProtectionLevel.Municipal, SiteType.ModernHistoric, "1950年代"),
        ("永济电机厂旧址", false, ProtectionLevel.Municipal, SiteType.ModernHistoric, "1960年代"),
        ("太峪石窟", false, ProtectionLevel.Municipal, SiteType.GrottoAndCarving, "唐"),
        ("韩阳娘娘庙", false, ProtectionLevel.Municipal, SiteType.AncientBuilding, "清"),
        ("孙常民居", false, ProtectionLevel.Municipal, SiteType.AncientBuilding, "清"),
        ("长杆汉代窑址", false, ProtectionLevel.Municipal, SiteType.AncientSite, "汉"),
        ("风伯峪古道", false, ProtectionLevel.Municipal, SiteType.Other, "明清"),
        ("古城墙遗存", false, ProtectionLevel.Municipal, SiteType.AncientSite, "明"),
    ];

    private static readonly (SiteType Type, string[] Suffixes, string[] Eras)[] Kinds =
    [
        (SiteType.AncientSite, ["遗址", "窑址", "古城址"], ["新石器时代", "商周", "汉", "唐宋"]),
        (SiteType.AncientTomb, ["墓群", "古墓", "墓地"], ["汉", "北朝", "唐", "明清"]),
        (SiteType.AncientBuilding, ["戏台", "关帝庙", "民居", "祠堂", "古井亭", "牌坊"], ["元", "明", "清", "民国"]),
        (SiteType.GrottoAndCarving, ["石刻", "碑刻", "摩崖造像"], ["唐", "宋", "明", "清"]),
        (SiteType.ModernHistoric, ["革命旧址", "学校旧址", "水利设施"], ["1920年代", "1940年代", "1950年代", "1970年代"]),
        (SiteType.Other, ["古树", "古道", "古渠"], ["明", "清"]),
    ];

    private static readonly string[] Sides = ["村东", "村西", "村南", "村北", "中心街北侧", "东北角"];

    /// <summary>
    /// A rough outline drawn inside the city's borders (longitude, latitude): the plain between the Yellow River and
    /// the Zhongtiao hills, with the south-western tail at 蒲州. Demo positions fall inside it, so every site lies
    /// within the city on the map; real sites carry their surveyed positions.
    /// </summary>
    private static readonly (double Lon, double Lat)[] Inside =
    [
        (110.27, 34.70), (110.33, 34.74), (110.40, 34.80), (110.55, 34.81), (110.68, 34.83), (110.74, 34.87), (110.74, 34.96),
        (110.64, 34.97), (110.49, 34.96), (110.37, 35.01), (110.31, 34.93), (110.27, 34.80),
    ];

    private static (double Latitude, double Longitude) Somewhere(Random random)
    {
        while (true)
        {
            var (lon, lat) = (110.27 + random.NextDouble() * 0.47, 34.70 + random.NextDouble() * 0.31);
            // Ray casting: inside when a ray to the east crosses the outline an odd number of times.
            var inside = false;
            for (int i = 0, j = Inside.Length - 1; i < Inside.Length; j = i++)
            {
                var (a, b) = (Inside[i], Inside[j]);
                if ((a.Lat > lat) != (b.Lat > lat) && lon < (b.Lon - a.Lon) * (lat - a.Lat) / (b.Lat - a.Lat) + a.Lon)
                {
                    inside = !inside;
                }
            }
            if (inside)
            {
                return (Math.Round(lat, 6), Math.Round(lon, 6));
            }
        }
    }

    private readonly HuyingDbContext db = demo.Db;
    private readonly Synthetic synthetic = new(new Random(881));

    public async Task SeedAsync(CancellationToken ct)
    {
        var random = synthetic.Random;
        var now = demo.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Display.Local(now));
        // The city's towns and streets with their real villages and communities.
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(City) && d.Code.Length == 12).OrderBy(d => d.Code).ToListAsync(ct);
        var villages = divisions.Where(d => d.Code.Substring(6, 1) is "0" or "1")
            .Select((d, i) => new Community
            {
                Code = d.Code, Name = Community.ShortName(d.Name), TownCode = d.Code[..9], CountyCode = City,
                Latitude = DemoPlaces.Near(d.Code, i, 0.008).Latitude, Longitude = DemoPlaces.Near(d.Code, i, 0.008).Longitude,
            }).ToList();
        db.Communities.AddRange(villages);
        var towns = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(City) && d.Code.Length == 9)
            .ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var centre = new PartnerUnit
        {
            Name = "永济市文物保护中心", Kind = PartnerUnitKind.CountyUnit, CreditCode = synthetic.CreditCode('1', '2', City), Address = "永济市城区",
            ContactName = synthetic.PersonName(true), ContactPhone = synthetic.Phone(),
        };
        db.PartnerUnits.Add(centre);
        await db.SaveChangesAsync(ct);

        // One responsibility zone per town or street, led by its party committee's members.
        var byTown = villages.GroupBy(v => v.TownCode).ToDictionary(g => g.Key, g => g.ToList());
        var zones = byTown.Keys.Order().Select(town => new ResponsibilityZone
        {
            Name = $"{towns.GetValueOrDefault(town, town)}党员责任区", Branch = $"{towns.GetValueOrDefault(town, town)}党委", CommunityCode = byTown[town][0].Code,
            PatrolEveryDays = 7, KeeperUnitId = centre.Id, CreatedAt = now.AddDays(-400),
            Members = [.. Enumerable.Range(0, 3 + random.Next(3)).Select(i => new ZoneMember
            {
                Name = synthetic.PersonName(random.Next(3) > 0), CommunityCode = byTown[town][0].Code, Leads = i == 0,
            })],
        }).ToList();
        db.Set<ResponsibilityZone>().AddRange(zones);
        await db.SaveChangesAsync(ct);
        var zoneOf = zones.ToDictionary(z => z.CommunityCode[..9], z => z.Id);

        var sites = new List<HeritageSite>();
        HeritageSite Site(string name, bool example, ProtectionLevel level, SiteType type, string era, Community village, bool isNew)
        {
            var surveyed = new DateOnly(2024, 3, 1).AddDays(random.Next(0, 500));
            var position = Somewhere(random);
            return new HeritageSite
            {
                Name = name, IsExample = example, Level = level, Type = type, Era = era, CommunityCode = village.Code, Address = village.Name + Sides[random.Next(Sides.Length)],
                Latitude = position.Latitude, Longitude = position.Longitude,
                Owner = level <= ProtectionLevel.Provincial ? "国家所有" : "村集体", Condition = random.Next(6) == 0 ? "局部残损，需加固" : "保存较好",
                SurveyedOn = surveyed, Surveyors = $"{synthetic.PersonName(true)}、{synthetic.PersonName(false)}",
                SurveyMethod = (SurveyMethod)random.Next(1, 5), RecordNumber = $"{village.Code[..6]}-{sites.Count + 1:0000}",
                NewlyRegistered = isNew, RegisteredOn = isNew ? surveyed.AddDays(random.Next(10, 60)) : null,
                ZoneId = zoneOf[village.Code[..9]], KeeperUnitId = centre.Id, CreatedAt = now.AddDays(-300), UpdatedAt = now.AddDays(-300),
            };
        }
        foreach (var n in Named)
        {
            sites.Add(Site(n.Name, !n.Real, n.Level, n.Type, n.Era, villages[random.Next(villages.Count)], false));
        }
        for (var i = 0; i < 12; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var village = villages[random.Next(villages.Count)];
            sites.Add(Site(village.Name + kind.Suffixes[random.Next(kind.Suffixes.Length)], true, ProtectionLevel.CountyLevel, kind.Type,
                kind.Eras[random.Next(kind.Eras.Length)], village, false));
        }
        for (var i = 0; i < NewSites; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var village = villages[random.Next(villages.Count)];
            sites.Add(Site(village.Name + kind.Suffixes[random.Next(kind.Suffixes.Length)], true, ProtectionLevel.NewlyFound, kind.Type,
                kind.Eras[random.Next(kind.Eras.Length)], village, true));
        }
        db.Set<HeritageSite>().AddRange(sites);
        await db.SaveChangesAsync(ct);
        // A level raised on a published list, kept with its basis.
        var raised = sites.First(s => s.Level == ProtectionLevel.Municipal);
        db.Set<SiteLevelChange>().Add(new SiteLevelChange
        {
            SiteId = raised.Id, CommunityCode = raised.CommunityCode, From = ProtectionLevel.CountyLevel, To = ProtectionLevel.Municipal,
            Basis = "永政发〔2024〕18号", At = now.AddDays(-200), By = "永济市文物保护中心",
        });

        // The census: records of every type across the villages, surveyed on foot, by drone and by RTK.
        var records = new List<CensusRecord>();
        for (var i = 0; i < CensusRecords; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var village = villages[random.Next(villages.Count)];
            var position = Somewhere(random);
            records.Add(new CensusRecord
            {
                RecordNumber = $"{City}-P{i + 1:00000}", Name = village.Name + kind.Suffixes[random.Next(kind.Suffixes.Length)], Type = kind.Type,
                Era = kind.Eras[random.Next(kind.Eras.Length)], CommunityCode = village.Code,
                Latitude = position.Latitude, Longitude = position.Longitude,
                SurveyedOn = new DateOnly(2024, 3, 1).AddDays(random.Next(0, 600)), Surveyors = synthetic.PersonName(random.Next(2) == 0),
                Method = (SurveyMethod)random.Next(1, 5), ImportedAt = now.AddDays(-random.Next(30, 300)),
            });
        }
        db.Set<CensusRecord>().AddRange(records);

        // The red base's visits this year: 200+ groups, 20,000+ visitors; some booked ahead, a few called off.
        var red = sites.Single(s => s.Name == RedBase);
        var kindsOfGroup = new[] { "党支部主题党日", "中学研学团", "机关党员教育", "老干部参观团", "企业党员", "社区党员", "高校实践队" };
        var visited = 0;
        for (var i = 0; visited < 20_000 || i < 212; i++)
        {
            var day = new DateOnly(today.Year, 1, 1).AddDays(random.Next(0, today.DayOfYear));
            var size = 60 + random.Next(0, 71);
            db.Set<HeritageVisit>().Add(new HeritageVisit
            {
                SiteId = red.Id, CommunityCode = red.CommunityCode, GroupName = $"{villages[random.Next(villages.Count)].Name}{kindsOfGroup[random.Next(kindsOfGroup.Length)]}",
                Size = size, VisitOn = day, Guide = synthetic.PersonName(false), State = VisitState.Visited, BookedAt = now.AddDays(-(today.DayNumber - day.DayNumber) - 7),
            });
            visited += size;
        }
        foreach (var (ahead, state) in new[] { (3, VisitState.Booked), (9, VisitState.Booked), (5, VisitState.Cancelled) })
        {
            db.Set<HeritageVisit>().Add(new HeritageVisit
            {
                SiteId = red.Id, CommunityCode = red.CommunityCode, GroupName = "永济中学研学团", Size = 45, VisitOn = today.AddDays(ahead),
                State = state, BookedAt = now.AddDays(-2),
            });
        }
        await db.SaveChangesAsync(ct);

        // Weekly patrols over the last three months by the zones' members: a few weeks missed, a few check-ins made far away.
        var members = zones.ToDictionary(z => z.Id, z => z.Members);
        foreach (var site in sites)
        {
            for (var week = 13; week >= 1; week--)
            {
                if (random.Next(12) == 0)
                {
                    continue;
                }
                var far = random.Next(60) == 0;
                var (dLat, dLon) = far ? (0.01 + random.NextDouble() * 0.02, 0.01) : ((random.NextDouble() - 0.5) * 0.0006, (random.NextDouble() - 0.5) * 0.0006);
                var at = now.AddDays(-7 * week + 2 + random.Next(0, 3)).AddHours(-random.Next(0, 8));
                var (pLat, pLon) = (Math.Round(site.Latitude + dLat, 6), Math.Round(site.Longitude + dLon, 6));
                var distance = (int)Math.Round(HeritagePatrols.Metres(site.Latitude, site.Longitude, pLat, pLon));
                var findings = random.Next(15) == 0 ? "墙体新见裂缝，已拍照上报" : null;
                db.Set<HeritagePatrol>().Add(new HeritagePatrol
                {
                    SiteId = site.Id, ZoneId = site.ZoneId, CommunityCode = site.CommunityCode, By = members[site.ZoneId!.Value][random.Next(members[site.ZoneId.Value].Count)].Name,
                    At = at, Latitude = pLat, Longitude = pLon, DistanceMetres = distance, Far = distance > HeritagePatrols.FarMetres, AllWell = findings is null, Findings = findings,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        await demo.AddAccountAsync(Accounts[0], "永济市文物保护中心", City, "", centre.Id);
        // A party member on the first zone's roll: checks in at its sites on the phone (the scope: the zone's town).
        var first = zones[0];
        var member = first.Members.First(m => !m.Leads);
        var account = await demo.AddAccountAsync(Accounts[1], member.Name, first.CommunityCode[..9]);
        member.UserId = account.Id;
        await db.SaveChangesAsync(ct);
        await new HeritageDemoRecords(demo, random).SeedAsync(sites, zones, centre.Id, ct);
        demo.Summary.Add($"heritage: {sites.Count} sites in {zones.Count} zones, {CensusRecords} census records, the red base's visits, two hazards, the year's events");
    }
}
