using Huying.Modules.Organisation;
using Huying.Modules.Projects;
using Huying.Platform.Demo;
using Huying.Platform.Web;

namespace Huying.Modules.HealthAid;

/// <summary>
/// The hospital's aid projects in 荆村 as the big committee's projects of a partner unit (DESIGN §8, the report's
/// 780万元): the elderly-care centre (300 m²), the relief fund (141 households), the Yellow River irrigation
/// extension (300 mu new, 500 mu improved), 润荆池 (+40% storage), the fitness square (9 kinds of equipment, over
/// 10,000 uses), six vegetable greenhouses (+100,000 yuan of collective income) and the clinic upgrade with remote
/// consultation (5万元); all kept by the village's 项目运维专班 under 22 upkeep rules.
/// </summary>
internal static class AidProjectsDemo
{
    public const decimal Funds = 7_800_000m;
    public const string UpkeepTeam = "荆村项目运维专班（村“两委”、驻村医疗帮扶工作队、受益群众代表）";

    private sealed record Plan(string Title, string Place, decimal Funds, string[] Steps, (OutcomeKind Kind, decimal Value, string? Note)[] Outcomes, string[] Rules);

    private static readonly Plan[] Plans =
    [
        new("荆村养老中心建设", "荆村村委会东侧", 1_800_000m, ["选址与设计", "主体施工", "设备配置与开放"],
            [(OutcomeKind.FloorAreaBuilt, 300m, "日间照料、助餐、康复室")],
            ["养老中心每日开放时间及值守人员排班制度", "老年人入托登记与健康档案对接制度", "助餐食品安全与留样制度", "消防设施每月检查制度", "设施设备损坏报修制度"]),
        new("脱贫户救助基金", "荆村", 1_000_000m, ["基金章程制定", "首批救助发放"],
            [(OutcomeKind.HouseholdsHelped, 141m, "脱贫户、监测户大病及突发困难救助")],
            ["救助申请、村民代表评议与公示制度", "基金专户管理、专款专用制度", "救助资金发放台账及年度审计制度"]),
        new("黄灌扩面工程", "荆村南塬", 2_200_000m, ["管网设计", "干支管铺设", "试水验收"],
            [(OutcomeKind.AreaIrrigatedNew, 300m, null), (OutcomeKind.AreaIrrigatedImproved, 500m, null)],
            ["灌溉用水轮灌排班制度", "管网及阀门巡查维护制度", "水费收缴与公开制度", "冬季管网防冻排空制度"]),
        new("“润荆池”修复", "荆村西涝池", 800_000m, ["清淤", "池壁加固与防渗"],
            [(OutcomeKind.StorageIncrease, 40m, "蓄水量较修复前")],
            ["涝池护栏及警示标识巡查制度", "汛期值守与水位监测制度", "池区环境卫生保洁制度"]),
        new("全民健身广场", "荆村文化广场", 600_000m, ["场地硬化", "体育设施安装"],
            [(OutcomeKind.FacilityKinds, 9m, "篮球、乒乓球、健身路径等"), (OutcomeKind.UsesByResidents, 10_460m, "开放以来")],
            ["健身设施安全检查制度", "广场开放与夜间照明管理制度", "场地保洁与损坏赔偿制度"]),
        new("现代蔬菜大棚", "荆村北地", 1_350_000m, ["土地流转", "大棚建设", "种植运营"],
            [(OutcomeKind.FacilitiesBuilt, 6m, "蔬菜大棚"), (OutcomeKind.CollectiveIncomeAdded, 100_000m, "村集体经济年增收")],
            ["大棚承包经营与收益分配制度", "大棚设施维护与保险制度", "收益公开与村民监督制度"]),
        new("村卫生室升级改造", "荆村卫生室", 50_000m, ["设备更新", "远程会诊系统接入"],
            [],
            ["卫生室设备维护与远程会诊系统使用制度"]),
    ];

    public static async Task SeedAsync(DemoContext demo, CareTeam team, CancellationToken ct)
    {
        var db = demo.Db;
        var now = Platform.Audit.AuditEntry.Truncate(demo.Clock.GetUtcNow().UtcDateTime);
        var today = DateOnly.FromDateTime(Display.Local(now));
        var hospital = new PartnerUnit
        {
            Name = HealthDemo.Hospital, CreditCode = new Synthetic(new Random(2213)).CreditCode('1', '2', "140800"), Kind = PartnerUnitKind.Hospital,
            Address = "运城市盐湖区", ContactName = team.Name,
        };
        hospital.Communities.Add(new PartnerUnitCommunity { CommunityCode = HealthDemo.Village, Since = today.AddYears(-2) });
        db.PartnerUnits.Add(hospital);
        await db.SaveChangesAsync(ct);
        team.PartnerUnitId = hospital.Id;

        for (var i = 0; i < Plans.Length; i++)
        {
            var plan = Plans[i];
            // Started a year and a half ago one after another, each accepted some months later.
            var start = today.AddDays(-560 + 40 * i);
            var milestones = plan.Steps.Select((step, k) => new Milestone
            {
                CommunityCode = HealthDemo.Village, PartnerUnitId = hospital.Id, Title = step, DueOn = start.AddDays(60 * (k + 1)),
                DoneOn = start.AddDays(60 * (k + 1) - 5), Budget = decimal.Round(plan.Funds / plan.Steps.Length, 2),
            }).ToList();
            var project = new Project
            {
                CommunityCode = HealthDemo.Village, Title = plan.Title, Place = plan.Place, StartOn = start, CreatedAt = now, Funds = plan.Funds, UpkeepTeam = UpkeepTeam,
                Description = $"{HealthDemo.Hospital}帮扶项目",
            };
            project.Units.Add(new ProjectUnit { PartnerUnitId = hospital.Id });
            project.Recount(milestones, now);
            project.Status = ProjectStatus.Accepted;
            project.CompletedOn = milestones[^1].DoneOn!.Value.AddDays(10);
            project.AcceptedWith = "村民代表、受益群众代表";
            db.Projects.Add(project);
            await db.SaveChangesAsync(ct);
            milestones.ForEach(m => m.ProjectId = project.Id);
            db.Milestones.AddRange(milestones);
            db.AddRange(plan.Outcomes.Select(o => new ProjectOutcome
            {
                ProjectId = project.Id, CommunityCode = HealthDemo.Village, Kind = o.Kind, Value = o.Value, Note = o.Note,
                MeasuredOn = project.CompletedOn.Value.AddDays(30) is var d && d < today ? d : today, By = team.Name,
            }));
            db.AddRange(plan.Rules.Select((text, k) => new UpkeepRule { ProjectId = project.Id, CommunityCode = HealthDemo.Village, Position = k + 1, Text = text }));
        }
        await db.SaveChangesAsync(ct);
    }

    public static int Rules => Plans.Sum(p => p.Rules.Length);
}
