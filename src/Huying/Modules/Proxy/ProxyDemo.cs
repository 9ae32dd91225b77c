using System.Globalization;
using System.Text.Json;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Audit;
using Huying.Platform.Calendar;
using Huying.Platform.Demo;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Proxy;

/// <summary>
/// 学苑社区's counter for 晋海花园's resettled villagers (DESIGN §8, the report): 垣曲's catalogue — 一次性交通补贴 and
/// 稳岗补贴, decided by the county's human-resources bureau, and common items marked as examples — and this year's
/// applications in every state: one overdue at the office, one waiting for a missing material, several rated. The
/// applicants are 晋海花园 residents, registered in the villages their records name. Account unit.rsj (the bureau).
/// </summary>
internal sealed class ProxyDemo(DemoContext demo)
{
    public const string County = "140827";
    public const string Xueyuan = "140827400017";

    public static readonly DemoAccount[] Accounts = [new("unit.rsj", Roles.UnitLiaison, "垣曲县人力资源和社会保障局联络人（同城通办）")];

    private readonly Synthetic synthetic = new(new Random(1203));

    private static readonly string[] Workplaces = ["江苏省苏州市", "浙江省宁波市", "广东省东莞市", "山西省太原市"];

    public async Task SeedAsync(CancellationToken ct)
    {
        var db = demo.Db;
        var random = synthetic.Random;
        var rsj = await db.PartnerUnits.FirstAsync(u => u.Name == "垣曲县人力资源和社会保障局", ct);
        var police = await db.PartnerUnits.FirstAsync(u => u.Name == "垣曲县公安局城关派出所", ct);
        // The county's 131 units are the report's: the medical-insurance bureau is one of them, not a new unit.
        var ybj = await db.PartnerUnits.FirstAsync(u => u.Name.EndsWith("医疗保障局"), ct);

        ProxyMaterial M(string name, bool required, bool original = false, int order = 0) => new() { Name = name, Required = required, Original = original, Order = order };
        var transport = new ProxyService
        {
            CountyCode = County, Name = "一次性交通补贴", OfficeUnitId = rsj.Id, LimitDays = 10, ProxyNeedsAuthorisation = true,
            Eligibility = "易地扶贫搬迁脱贫劳动力，跨省或省内跨县外出务工，稳定就业 3 个月以上",
            Checks = ["户籍在县内搬迁迁出村", "已在脱贫劳动力名单内", "外出务工稳定就业 3 个月以上"],
            Materials = [M("身份证", true, true, 1), M("劳动合同或用工证明", true, false, 2), M("务工往返车票或行程记录", true, false, 3), M("银行卡（社保卡）", false, true, 4)],
            FieldsJson = FormQuestions.Serialize([new("f1", "务工地点", "string", true), new("f2", "务工起始日期", "datetime", true),
                new("f3", "出行方式", "singlevaluelist", false, [new("火车", "火车"), new("汽车", "汽车"), new("飞机", "飞机"), new("其他", "其他")])]),
        };
        var stable = new ProxyService
        {
            CountyCode = County, Name = "稳岗补贴（个人）", OfficeUnitId = rsj.Id, LimitDays = 15, ProxyNeedsAuthorisation = true,
            Eligibility = "在县内吸纳就业的帮扶车间、企业稳定就业 6 个月以上的搬迁群众",
            Checks = ["稳定就业 6 个月以上", "未重复享受同类补贴"],
            Materials = [M("身份证", true, true, 1), M("用工单位出具的在岗证明", true, false, 2), M("工资发放流水", true, false, 3)],
            FieldsJson = FormQuestions.Serialize([new("f1", "就业单位", "string", true), new("f2", "月工资（元）", "number", false)]),
        };
        var examples = new[]
        {
            new ProxyService
            {
                CountyCode = County, Name = "社保待遇资格认证", OfficeUnitId = rsj.Id, LimitDays = 5, IsExample = true, ProxyNeedsAuthorisation = true,
                Eligibility = "领取养老金的人员每年认证一次", Materials = [M("身份证", true, true, 1), M("近期免冠照片", true, false, 2)],
            },
            new ProxyService
            {
                CountyCode = County, Name = "城乡居民医保参保登记", OfficeUnitId = ybj.Id, LimitDays = 5, IsExample = true, ProxyNeedsAuthorisation = false,
                Eligibility = "未参加职工医保的城乡居民", Materials = [M("身份证或户口簿", true, true, 1)],
            },
            new ProxyService
            {
                CountyCode = County, Name = "户籍证明", OfficeUnitId = police.Id, LimitDays = 3, IsExample = true, ProxyNeedsAuthorisation = true,
                Eligibility = "本人或直系亲属", Materials = [M("身份证", true, true, 1), M("户口簿", true, true, 2), M("用途说明", false, false, 3)],
            },
        };
        db.Set<ProxyService>().AddRange([transport, stable, .. examples]);
        await db.SaveChangesAsync(ct);

        // 晋海花园's people registered in villages of the county's other towns.
        var xueyuanTown = Xueyuan[..9];
        var applicants = await db.People.AsNoTracking()
            .Where(p => p.CommunityCode == Xueyuan && p.RegistrationCode != null && p.RegistrationCode.Length == 12 && !p.RegistrationCode.StartsWith(xueyuanTown) && p.BirthDate != null)
            .OrderBy(p => p.Id).Take(40).ToListAsync(ct);
        var calendar = await demo.Services.GetRequiredService<WorkCalendars>().GetAsync(ct);
        var now = AuditEntry.Truncate(demo.Clock.GetUtcNow().UtcDateTime);
        var plan = new (ProxyService Service, ProxyState State, int DaysAgo, ProxyRating? Rating)[]
        {
            (transport, ProxyState.Delivered, 200, ProxyRating.VerySatisfied), (transport, ProxyState.Delivered, 170, ProxyRating.VerySatisfied),
            (transport, ProxyState.Delivered, 150, ProxyRating.Satisfied), (stable, ProxyState.Delivered, 140, ProxyRating.VerySatisfied),
            (stable, ProxyState.Delivered, 120, ProxyRating.Satisfied), (transport, ProxyState.Delivered, 95, ProxyRating.Neutral),
            (transport, ProxyState.Delivered, 80, null), (stable, ProxyState.NotGranted, 60, ProxyRating.Dissatisfied),
            (transport, ProxyState.Granted, 25, null), (stable, ProxyState.Granted, 18, null),
            // One overdue at the office: forwarded five weeks ago, accepted, not decided.
            (stable, ProxyState.OfficeAccepted, 35, null), (transport, ProxyState.OfficeAccepted, 6, null),
            (transport, ProxyState.Forwarded, 3, null), (stable, ProxyState.Prechecked, 1, null),
            // One waiting for a missing material.
            (transport, ProxyState.Correction, 4, null), (examples[0], ProxyState.Delivered, 45, ProxyRating.VerySatisfied),
            (examples[1], ProxyState.Delivered, 30, ProxyRating.Satisfied),
        };
        var i = 0;
        foreach (var (service, state, daysAgo, rating) in plan)
        {
            var person = applicants[i++ % applicants.Count];
            var received = now.AddDays(-daysAgo).AddHours(-random.Next(1, 6));
            var due = calendar.Add(received, service.LimitDays * 24 * 60, workingTime: true);
            var phone = demo.Personal.ProtectPhone(synthetic.Phone());
            var mode = i % 3 == 0 ? ProxyMode.Assisted : ProxyMode.ByProxy;
            var a = new ProxyApplication
            {
                TrackingCode = TrackingCodes.New("TB"), CommunityCode = Xueyuan, ServiceId = service.Id, OfficeUnitId = service.OfficeUnitId, PersonId = person.Id,
                ApplicantName = person.Name, PhoneCipher = phone.Cipher, PhoneMasked = phone.Masked, RegistrationCode = person.RegistrationCode, Mode = mode, State = state,
                MaterialsReceived = [.. service.Materials.Where(m => state != ProxyState.Correction || m.Order != 3).Select(m => m.Id)],
                Missing = state == ProxyState.Correction ? service.Materials.First(m => m.Order == 3).Name : null,
                ReceivedAt = received, DueAt = due, UpdatedAt = received,
                AnswersJson = service == transport
                    ? JsonSerializer.Serialize(new Dictionary<string, string>
                    {
                        ["f1"] = Workplaces[i % Workplaces.Length], ["f2"] = DateOnly.FromDateTime(received.AddDays(-120)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["f3"] = "火车",
                    })
                    : service == stable ? JsonSerializer.Serialize(new Dictionary<string, string> { ["f1"] = "垣曲县晋海花园帮扶车间", ["f2"] = "3200" }) : null,
            };
            var steps = new List<(ProxyState State, DateTime At, string? Note)> { (ProxyState.Received, received, null) };
            steps.Add(state == ProxyState.Correction ? (ProxyState.Correction, received, a.Missing) : (ProxyState.Prechecked, received, null));
            if (state >= ProxyState.Forwarded)
            {
                a.ForwardedAt = received.AddHours(2);
                steps.Add((ProxyState.Forwarded, a.ForwardedAt.Value, null));
            }
            if (state >= ProxyState.OfficeAccepted)
            {
                a.AcceptedAt = received.AddDays(1);
                steps.Add((ProxyState.OfficeAccepted, a.AcceptedAt.Value, null));
            }
            if (state >= ProxyState.Granted)
            {
                var granted = state != ProxyState.NotGranted;
                var decided = calendar.Add(received, Math.Max(1, service.LimitDays - 3) * 24 * 60, workingTime: true);
                a.Decided(decided, Math.Round(calendar.WorkingDaysBetween(received, decided), 2));
                a.Result = granted ? (service == transport ? "补贴 500 元已发放至社保卡" : "补贴已核定，按季度发放") : null;
                a.Reason = granted ? null : "在岗不满 6 个月，不符合申领条件";
                steps.Add((granted ? ProxyState.Granted : ProxyState.NotGranted, decided, a.Reason));
                a.State = state == ProxyState.Delivered ? ProxyState.Delivered : state;
            }
            if (state == ProxyState.Delivered)
            {
                a.DeliveredAt = a.DecidedAt!.Value.AddDays(1);
                steps.Add((ProxyState.Delivered, a.DeliveredAt.Value, null));
            }
            if (rating is { } r)
            {
                a.Rating = r;
                a.RatedAt = (a.DeliveredAt ?? a.DecidedAt)!.Value.AddDays(1);
                a.RatingReason = r <= ProxyRating.Dissatisfied ? "希望早点告知不符合条件" : null;
            }
            a.UpdatedAt = steps[^1].At;
            db.Set<ProxyApplication>().Add(a);
            foreach (var (s, at, note) in steps)
            {
                db.Set<ProxyStep>().Add(new ProxyStep { Application = a, CommunityCode = Xueyuan, At = at, By = s >= ProxyState.OfficeAccepted && s <= ProxyState.NotGranted ? "垣曲县人力资源和社会保障局" : "学苑社区", State = s, Note = note });
            }
        }
        await db.SaveChangesAsync(ct);
        // Its figures read the communities it serves (the demo sends it 学苑's cases); its cases are those forwarded to it.
        await demo.AddAccountAsync(Accounts[0], "人社局同城通办专窗", Xueyuan, "", rsj.Id);
        demo.Summary.Add($"proxy: {2 + examples.Length} catalogue items, {plan.Length} applications at 学苑");
    }
}
