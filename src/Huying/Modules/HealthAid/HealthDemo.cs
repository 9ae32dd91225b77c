using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.HealthAid;

/// <summary>
/// 万荣县万泉乡荆村 (DESIGN §8) with 运城市中心医院's work team: 200 health records, 160 chronic patients of whom 152
/// were followed to plan this year (95%), 12 multidisciplinary consultations and 2,346 consultations in all, 7 mobile
/// teams, 89 households visited at home, 106 referrals, 12 staff trainings, 16 first-aid trainings with 836
/// attendances, and the nine indicators month by month; the hospital's aid projects (<see cref="AidProjectsDemo"/>).
/// People and findings are synthetic.
/// </summary>
internal sealed class HealthDemo(DemoContext demo)
{
    public const string Village = "140822200212";
    public const string Hospital = "运城市中心医院";
    public const int Records = 200;
    public const int Enrolled = 160;
    public const int Managed = 152;
    public const int Consultations = 2_346;
    public const int FirstAidAttendances = 836;

    public static readonly DemoAccount[] Accounts =
    [
        new("jingcun.doctor", Roles.VillageDoctor, "荆村村医 · 140822200212"),
        new("jingcun.team", Roles.HealthTeam, "运城市中心医院医疗帮扶工作队（队长） · 140822200212"),
    ];

    private static readonly string[] Groups = ["一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组"];
    private static readonly string[] Teams = ["第一医疗队", "第二医疗队", "第三医疗队", "第四医疗队", "第五医疗队", "第六医疗队", "第七医疗队"];
    private static readonly string[] Findings =
        ["血压偏高，已调整用药并嘱低盐饮食", "独居老人，行动不便，已约定每月上门测血压", "血糖控制尚可，指导足部护理", "家中药品过期，已清理并补充常用药",
         "术后恢复良好，指导康复锻炼", "家属照护到位，建议定期复查", "发现疑似白内障，建议转诊眼科"];
    private static readonly string[] Reasons = ["血压控制不佳，需调整治疗方案", "血糖持续升高伴视物模糊", "胸闷胸痛，疑似冠心病", "突发肢体无力，疑似脑卒中",
        "白内障需手术", "慢阻肺急性加重"];

    private readonly Synthetic synthetic = new(new Random(2212));

    public async Task SeedAsync(CancellationToken ct)
    {
        var db = demo.Db;
        var random = synthetic.Random;
        var now = demo.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Display.Local(now));
        var jan1 = new DateOnly(today.Year, 1, 1);
        var days = today.DayNumber - jan1.DayNumber;
        DateOnly ThisYear() => jan1.AddDays(random.Next(days + 1));

        var division = await db.Divisions.AsNoTracking().FirstAsync(d => d.Code == Village, ct);
        if (!await db.Communities.AnyAsync(c => c.Code == Village, ct))
        {
            var (latitude, longitude) = DemoPlaces.Near(Village, 7, 0.03);
            db.Communities.Add(new Community
            {
                Code = Village, Name = Community.ShortName(division.Name), TownCode = Village[..9], CountyCode = Village[..6], Latitude = latitude, Longitude = longitude,
            });
        }
        var grid = new Grid { CommunityCode = Village, Name = "荆村网格", WorkerName = synthetic.PersonName(true) };
        db.Add(grid);
        await db.SaveChangesAsync(ct);
        var buildings = Groups.Select(g => new Building { CommunityCode = Village, GridId = grid.Id, Name = "荆村" + g, Kind = BuildingKind.Courtyard }).ToList();
        db.AddRange(buildings);
        await db.SaveChangesAsync(ct);
        var households = Enumerable.Range(0, 240).Select(i => new Household
        {
            CommunityCode = Village, GridId = grid.Id, BuildingId = buildings[i % buildings.Count].Id, DoorNumber = $"{i / buildings.Count + 1}号",
        }).ToList();
        db.AddRange(households);
        await db.SaveChangesAsync(ct);
        var people = households.SelectMany((h, i) => Enumerable.Range(0, i < 200 ? 2 : 1).Select(k =>
        {
            var male = (i + k) % 2 == 0;
            var birth = new DateOnly(1940 + random.Next(45), 1 + random.Next(12), 1 + random.Next(28));
            return new Person
            {
                Name = synthetic.PersonName(male), Gender = male ? Gender.Male : Gender.Female, BirthDate = birth, CommunityCode = Village, GridId = grid.Id,
                HouseholdId = h.Id, RegistrationCode = Village, CreatedAt = now, UpdatedAt = now,
            };
        })).ToList();
        db.AddRange(people);
        await db.SaveChangesAsync(ct);

        var doctor = await demo.AddAccountAsync(Accounts[0], "荆村村医 " + synthetic.PersonName(true), Village);
        var lead = await demo.AddAccountAsync(Accounts[1], "工作队队长 " + synthetic.PersonName(false), Village);
        var team = new CareTeam { CommunityCode = Village, Name = "运城市中心医院驻荆村医疗帮扶工作队", Hospital = Hospital, LeadUserId = lead.Id };
        db.Add(team);
        var sealer = CareAccess.Sealer(demo.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
        string Seal<T>(T value) => CareAccess.Seal(sealer, value);

        // 200 records, with consent, one per villager (the older ones first).
        var holders = people.OrderBy(p => p.BirthDate).Take(Records).ToList();
        var records = holders.Select((p, i) =>
        {
            var opened = today.AddDays(-random.Next(20, 330));
            var hypertensive = i < 115;
            return new HealthRecord
            {
                CommunityCode = Village, PersonId = p.Id, Number = $"{Village}-{i + 1:0000}",
                Sealed = Seal(new HealthDetails(hypertensive ? "原发性高血压" : i < Enrolled ? "2型糖尿病" : null, random.Next(4) == 0 ? "阑尾切除术后" : null,
                    random.Next(8) == 0 ? "青霉素过敏" : null, null)),
                ConsentOn = opened, ConsentBy = doctor.DisplayName, CreatedBy = doctor.DisplayName, CreatedAt = Display.ToUtc(opened.ToDateTime(new TimeOnly(10, 0))),
                UpdatedAt = now,
            };
        }).ToList();
        db.AddRange(records);
        await db.SaveChangesAsync(ct);

        // The registry: 115 hypertensive and 45 diabetic patients enrolled before this year; 152 followed every quarter up to today, 8 not since last year.
        var conditions = await db.Set<ChronicCondition>().ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var followUps = new List<FollowUp>();
        var enrolments = new List<Enrolment>();
        for (var i = 0; i < Enrolled; i++)
        {
            var e = new Enrolment
            {
                CommunityCode = Village, RecordId = records[i].Id, ConditionId = conditions[i < 115 ? "hypertension" : "diabetes2"],
                EnrolledOn = jan1.AddDays(-random.Next(120, 900)), IntervalDays = ChronicCondition.IntervalFor(4),
            };
            var dates = new List<DateOnly> { jan1.AddDays(-random.Next(10, 80)) };
            if (i % 20 != 7)
            {
                for (var d = jan1.AddDays(random.Next(61)); d <= today; d = d.AddDays(e.IntervalDays))
                {
                    dates.Add(d);
                }
            }
            e.LastFollowUpOn = dates[^1];
            e.NextDueOn = dates[^1].AddDays(e.IntervalDays);
            enrolments.Add(e);
            foreach (var on in dates)
            {
                var diabetic = i >= 115;
                followUps.Add(new FollowUp
                {
                    CommunityCode = Village, RecordId = e.RecordId, On = on, WithDoctor = true, WithExpert = random.Next(3) == 0, WithTeam = random.Next(2) == 0,
                    Sealed = Seal(new FollowUpDetails(128 + random.Next(40), 76 + random.Next(20), diabetic ? 6.1m + random.Next(40) / 10m : null, 55 + random.Next(30),
                        random.Next(5) == 0 ? ControlStatus.NotControlled : ControlStatus.Controlled, diabetic ? "控制饮食，规律服药，监测血糖" : "低盐饮食，规律服药")),
                    NextOn = on.AddDays(e.IntervalDays), By = doctor.DisplayName, CreatedAt = now,
                });
            }
        }
        db.AddRange(enrolments);
        await db.SaveChangesAsync(ct);
        var enrolmentOf = enrolments.ToDictionary(e => e.RecordId, e => e.Id);
        followUps.ForEach(f => f.EnrolmentId = enrolmentOf[f.RecordId]);
        db.AddRange(followUps);

        // What the team held this year: 12 consultations, 7 mobile teams' rounds, remote sessions, clinic days to 2,346 seen; trainings.
        var activities = new List<CareActivity>();
        CareActivity Held(CareActivityKind kind, string title, string? team, int people) =>
            new() { CommunityCode = Village, Kind = kind, On = ThisYear(), Title = title, Team = team, People = people, By = lead.DisplayName, CreatedAt = now };
        activities.AddRange(Enumerable.Range(1, 12).Select(n => Held(CareActivityKind.Mdt, $"多学科联合会诊（第{n}次）", "心内科、内分泌科、神经内科专家", 4 + random.Next(5))));
        activities.AddRange(Teams.SelectMany(t => Enumerable.Range(0, 4).Select(_ => Held(CareActivityKind.MobileTeam, "巡回医疗进村入户", t, 20 + random.Next(16)))));
        activities.AddRange(Enumerable.Range(1, 10).Select(n => Held(CareActivityKind.RemoteConsultation, "远程会诊（卫生室）", "运城市中心医院远程会诊中心", 1 + random.Next(3))));
        var seen = activities.Sum(a => a.People);
        for (var n = 1; seen < Consultations; n++)
        {
            var patients = Math.Min(Consultations - seen, 25 + random.Next(15));
            activities.Add(Held(CareActivityKind.ClinicDay, $"专家坐诊日（第{n}期）", "运城市中心医院专家", patients));
            seen += patients;
        }
        activities.AddRange(Enumerable.Range(1, 12).Select(n => Held(CareActivityKind.StaffTraining, $"乡村医生业务培训（第{n}期）", "运城市中心医院", 15 + random.Next(15))));
        var aid = 0;
        for (var n = 1; n <= 16; n++)
        {
            var came = n == 16 ? FirstAidAttendances - aid : 45 + random.Next(10);
            aid += came;
            activities.Add(Held(CareActivityKind.FirstAidTraining, $"村民急救知识培训（第{n}期）", "运城市中心医院急诊科", came));
        }
        db.AddRange(activities);

        // 89 households visited at home (some twice), 106 referrals through the green channel, the nine indicators month by month.
        var visited = households.OrderBy(_ => random.Next()).Take(89).ToList();
        db.AddRange(visited.Concat(visited.Take(11)).Select(h => new HomeVisit
        {
            CommunityCode = Village, HouseholdId = h.Id, On = ThisYear(), Team = Teams[random.Next(Teams.Length)], Sealed = Seal(Findings[random.Next(Findings.Length)]),
            By = lead.DisplayName, CreatedAt = now,
        }));
        db.AddRange(Enumerable.Range(0, 106).Select(i =>
        {
            var on = ThisYear();
            var state = i < 90 ? ReferralState.BackReferred : i < 100 ? ReferralState.Admitted : ReferralState.Referred;
            var received = state >= ReferralState.Admitted ? Min(on.AddDays(1), today) : (DateOnly?)null;
            return new Referral
            {
                CommunityCode = Village, RecordId = records[random.Next(Records)].Id, ReferredOn = on, Hospital = Hospital, State = state, ReceivedOn = received,
                BackOn = state == ReferralState.BackReferred ? Min(on.AddDays(5 + random.Next(10)), today) : null,
                Sealed = Seal(new ReferralDetails(Reasons[random.Next(Reasons.Length)], received is null ? null : "已收治，完成检查并调整治疗方案",
                    state == ReferralState.BackReferred ? "回村后由村医每周随访，按时服药" : null)),
                By = doctor.DisplayName, CreatedAt = now,
            };
        }));
        for (var m = jan1; m.AddMonths(1) <= today.AddDays(1 - today.Day); m = m.AddMonths(1))
        {
            decimal[] values = [Records, Enrolled - random.Next(3), 80 + random.Next(15), 75 + random.Next(15), 150 + random.Next(80), 6 + random.Next(6),
                5 + random.Next(6), 2 + random.Next(2), 95 + random.Next(5)];
            db.AddRange(values.Select((v, k) => new AssessmentValue { CommunityCode = Village, Month = m, Indicator = k + 1, Value = v, By = lead.DisplayName }));
        }
        await db.SaveChangesAsync(ct);
        await AidProjectsDemo.SeedAsync(demo, team, ct);
        demo.Summary.Add($"health aid: {Records} records, {Enrolled} chronic patients, {activities.Count} activities, 106 referrals");
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
