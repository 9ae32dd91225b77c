using Huying.Modules.Matters;
using Huying.Modules.Organisation;
using Huying.Platform.Calendar;
using Huying.Platform.Data;
using Huying.Platform.Ratings;
using Huying.Platform.Demo;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Matters;

/// <summary>
/// Half a year of matters in the 15 communities, walked through the real state machine with their timelines (so
/// the KPI pages have something to show), and today's work in 府前社区: new, nearly due and overdue matters in the
/// 河边网格, one dispatched to 垣曲县项目推进中心, recurring flooding and parking in 河边三巷. Also the Open311 demo client.
/// </summary>
internal sealed class MatterDemo(DemoContext demo)
{
    private readonly HuyingDbContext db = demo.Db;
    private readonly PersonalData personal = demo.Personal;
    private readonly TimeProvider clock = demo.Clock;
    public const string Open311Key = "demo-open311-key";

    private static readonly (string Category, string Text)[] Samples =
    [
        ("drainage", "下雨后巷口积水严重，老人出门要蹚水"), ("drainage", "楼前下水道堵塞，污水外溢有异味"),
        ("roads", "巷道还是土路，雨天泥泞，希望硬化"), ("roads", "路面有大坑，晚上骑车容易摔倒"),
        ("sanitation", "垃圾桶满了好几天没人清运"), ("sanitation", "楼道里堆放杂物，存在消防隐患"),
        ("parking", "车辆乱停乱放，堵住了消防通道"), ("parking", "小区门口道闸坏了，外来车辆随意进出"),
        ("lighting", "巷子里路灯不亮，晚上走路不安全"), ("lighting", "监控探头坏了很久，希望修复"),
        ("disputes", "楼上漏水到楼下，两家协商不成"), ("disputes", "邻居晚上装修噪音太大"),
        ("property", "电梯经常停运，老人上下楼困难"), ("property", "冬季暖气不热，室温只有十几度"),
        ("care", "独居老人行动不便，需要上门帮助买菜"), ("care", "残疾人家庭希望帮忙申请无障碍改造"),
        ("facilities", "健身器材损坏，孩子玩耍有危险"), ("facilities", "小区井盖松动，踩上去晃动"),
        ("other", "希望社区组织一次防诈骗讲座"),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        db.Open311Clients.Add(new Open311Client
        {
            Name = "垣曲县12345便民服务平台(演示)", ApiKeyHash = MatterDefaults.HashKey(Open311Key), JurisdictionId = DemoPlaces.County,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        var categories = await db.MatterCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        var calendarDays = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct);
        var calendar = new WorkCalendar(calendarDays.Where(d => !d.IsWorkday).Select(d => d.Date).ToHashSet(),
            calendarDays.Where(d => d.IsWorkday).Select(d => d.Date).ToHashSet());
        var buildings = await db.Buildings.AsNoTracking().Select(b => new { b.Id, b.Name, b.GridId, b.CommunityCode }).ToListAsync(ct);
        var links = await db.PartnerUnitCommunities.AsNoTracking().ToListAsync(ct);
        var units = await db.PartnerUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var grids = await db.Grids.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var communityNames = await db.Communities.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var random = new Random(311);
        var now = Platform.Audit.AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        var matters = new List<Matter>();

        Matter New(string community, string category, string text, DateTime at, long? buildingId = null, string? phone = null)
        {
            var b = buildingId is { } id ? buildings.First(x => x.Id == id) : null;
            var stored = personal.ProtectPhone(phone);
            var m = new Matter
            {
                TrackingCode = Platform.Web.TrackingCodes.New("M"), CommunityCode = community, GridId = b?.GridId, BuildingId = b?.Id,
                Address = b?.Name, CategoryCode = category, Description = text, Channel = (MatterChannel)(1 + random.Next(4)),
                ReporterPhoneCipher = stored.Cipher, ReporterPhoneHash = stored.Hash, ReporterPhoneMasked = stored.Masked,
            };
            m.Submit(at, categories[category], calendar);
            m.Events.Add(Event(m, "submit", null, m.Channel == MatterChannel.Hotline ? "Hotline" : "Resident", null, null, at));
            matters.Add(m);
            return m;
        }
        MatterEvent Event(Matter m, string action, MatterState? from, string role, string? unit, string? note, DateTime at) =>
            MatterOutbox.Event(m, action, from, role, unit, note, at);
        string GridUnit(Matter m) => m.GridId is { } g ? communityNames[m.CommunityCode] + grids[g] : communityNames[m.CommunityCode];
        void Step(Matter m, string action, string role, string? unit, string? note, DateTime at, Action act)
        {
            var from = m.State;
            act();
            m.Events.Add(Event(m, action, from, role, unit, note, at));
        }

        // Walk a matter to a random point of the loop, every step at a plausible time after the last.
        void Walk(Matter m, DateTime until)
        {
            var t = m.SubmittedAt;
            var category = categories[m.CategoryCode];
            DateTime Next(double maxHours) => t = t.AddMinutes(10 + random.NextDouble() * maxHours * 60);
            if (random.Next(100) < 4)
            {
                Step(m, "reject", "CommunityStaff", communityNames[m.CommunityCode], null, Next(6), () => m.Reject("不属于社区受理范围，已告知居民向县市场监管局反映", t));
                return;
            }
            if (Next(random.Next(100) < 85 ? 1.5 : 30) > until) { return; }
            Step(m, "accept", m.GridId is null ? "CommunityStaff" : "GridWorker", GridUnit(m), null, t, () => m.Accept(t, category, calendar));
            var escalate = m.GridId is null || random.Next(100) < 35;
            if (m.GridId is not null)
            {
                Step(m, "start", "GridWorker", GridUnit(m), null, Next(2), () => m.Start(t));
            }
            if (escalate && m.GridId is not null)
            {
                if (Next(24) > until) { return; }
                Step(m, "escalate", "GridWorker", GridUnit(m), "网格内无法解决，需要职能部门处理", t, () => m.Escalate("网格内无法解决，需要职能部门处理", t));
            }
            if (escalate)
            {
                var candidates = links.Where(l => l.CommunityCode == m.CommunityCode).ToList();
                if (candidates.Count > 0 && random.Next(100) < 80)
                {
                    var unit = candidates[random.Next(candidates.Count)].PartnerUnitId;
                    if (Next(8) > until || m.ResolveDueAt <= t) { return; }
                    Step(m, "dispatch", "CommunityStaff", communityNames[m.CommunityCode], "→ " + units[unit], t, () => m.Dispatch(unit, null, t));
                    if (Next(12) > until) { return; }
                    Step(m, "report", "UnitLiaison", units[unit], null, t, () => m.Report(unit, t));
                }
            }
            if (random.Next(100) < 10 && m.ResolveDueAt > t)
            {
                var due = m.ResolveDueAt!.Value.AddDays(5);
                Step(m, "extend", "CommunitySecretary", communityNames[m.CommunityCode], "需要采购材料，延期5天", Next(4), () => m.Extend(due, t));
            }
            var late = random.Next(100) < 12;
            if (Next(late ? 24 * 20 : Math.Max(1, (m.ResolveDueAt!.Value - t).TotalHours * 0.8)) > until) { return; }
            var handlerRole = m.Handler == HandlerLevel.Unit ? "UnitLiaison" : m.Handler == HandlerLevel.Community ? "CommunityStaff" : "GridWorker";
            var handlerUnit = m.Handler == HandlerLevel.Unit ? units[m.UnitId!.Value] : GridUnit(m);
            Step(m, "resolve", handlerRole, handlerUnit, "已处理完毕，现场已恢复", t, () => m.Resolve("已处理完毕，现场已恢复", null, t, category, calendar));
            if (Next(20) > until) { return; }
            Step(m, "verify", "GridWorker", GridUnit(m), "现场核查属实", t, () => m.Verify(t, TimeSpan.FromDays(7)));
            if (Next(72) > until) { return; }
            var roll = random.Next(100);
            var rating = roll < 78 ? Rating.Satisfied : roll < 93 ? Rating.BasicallySatisfied : Rating.Unsatisfied;
            Step(m, "rate", "Resident", null, rating == Rating.Unsatisfied ? "问题没有彻底解决" : null, t, () => m.Rate(rating, null, t));
            if (rating == Rating.Unsatisfied && Next(48) < until)
            {
                Step(m, "resolve", handlerRole, handlerUnit, "返工处理完成", t, () => m.Resolve("返工处理完成", null, t, category, calendar));
                if (Next(20) > until) { return; }
                Step(m, "verify", "GridWorker", GridUnit(m), null, t, () => m.Verify(t, TimeSpan.FromDays(7)));
                if (Next(48) > until) { return; }
                Step(m, "rate", "Resident", null, null, t, () => m.Rate(Rating.BasicallySatisfied, null, t));
            }
        }

        // Half a year across the county: a few a day, more in the rainy summer.
        for (var day = now.AddDays(-180); day < now.AddDays(-2); day = day.AddDays(1))
        {
            var perDay = day.Month is 7 or 8 ? 5 : 3;
            for (var i = 0; i < perDay; i++)
            {
                var b = buildings[random.Next(buildings.Count)];
                var (category, text) = Samples[random.Next(Samples.Length)];
                var m = New(b.CommunityCode, category, text, day.AddMinutes(random.Next(24 * 60)), random.Next(100) < 90 ? b.Id : null);
                if (m.BuildingId is null)
                {
                    m.Address = communityNames[m.CommunityCode] + "辖区";
                }
                Walk(m, now);
            }
        }

        // Today's work in 府前社区's 河边网格.
        var hebian = buildings.Where(b => b.CommunityCode == DemoPlaces.Fuqian && grids[b.GridId] == "河边网格").ToList();
        var alley = hebian.First(b => b.Name == "河边三巷");
        var xmtj = units.First(u => u.Value == "垣曲县项目推进中心").Key;
        New(DemoPlaces.Fuqian, "lighting", "河边三巷中段两盏路灯不亮，晚上很黑", now.AddMinutes(-40), alley.Id, "13903591234");
        var dueSoon = New(DemoPlaces.Fuqian, "sanitation", "河边一巷垃圾点满溢，气味很大", now.AddHours(-20), hebian.First(b => b.Name == "河边一巷").Id);
        Step(dueSoon, "accept", "GridWorker", GridUnit(dueSoon), null, now.AddHours(-19.5), () => dueSoon.Accept(now.AddHours(-19.5), categories["sanitation"], calendar));
        Step(dueSoon, "start", "GridWorker", GridUnit(dueSoon), null, now.AddHours(-19), () => dueSoon.Start(now.AddHours(-19)));
        var overdue = New(DemoPlaces.Fuqian, "care", "独居老人张大爷家水管冻裂，需要帮忙联系维修", now.AddHours(-5), hebian[random.Next(hebian.Count)].Id);
        _ = overdue;
        var dispatched = New(DemoPlaces.Fuqian, "roads", "河边二巷路面塌陷一处，车辆通行有危险", now.AddDays(-3), hebian.First(b => b.Name == "河边二巷").Id);
        Step(dispatched, "accept", "GridWorker", GridUnit(dispatched), null, now.AddDays(-3).AddHours(1), () => dispatched.Accept(now.AddDays(-3).AddHours(1), categories["roads"], calendar));
        Step(dispatched, "escalate", "GridWorker", GridUnit(dispatched), "需要专业施工队", now.AddDays(-3).AddHours(3), () => dispatched.Escalate("需要专业施工队", now.AddDays(-3).AddHours(3)));
        Step(dispatched, "dispatch", "CommunityStaff", "府前社区", "→ 垣曲县项目推进中心", now.AddDays(-2), () => dispatched.Dispatch(xmtj, null, now.AddDays(-2)));
        // The same trouble again and again in 河边三巷: what a need is made of.
        for (var k = 0; k < 3; k++)
        {
            var flood = New(DemoPlaces.Fuqian, "drainage", k == 0 ? "河边三巷一下雨就积水，没过脚踝" : "河边三巷又积水了，排水不畅", now.AddDays(-80 + k * 25), alley.Id);
            Walk(flood, now);
            var parking = New(DemoPlaces.Fuqian, "parking", "河边三巷车辆乱停，救护车进不来", now.AddDays(-70 + k * 20), alley.Id);
            Walk(parking, now);
        }

        // The first calls about 河边三巷, the summer before the big committee took it up (the report's year is this one
        // once April is over): a dirt alley that floods is more than a grid can mend, so the community took it on and
        // put it to the residents. The chain that ends with the banner starts here.
        var today = Platform.Web.Display.Local(now);
        var summer = Platform.Web.Display.ToUtc(new DateTime((today.Month >= 5 ? today.Year : today.Year - 1) - 1, 7, 10, 8, 30, 0));
        foreach (var (text, at) in new[] { ("河边三巷下雨后积水没过脚踝，土路泥泞，老人出门滑倒了", summer), ("河边三巷又积水了，污水倒灌进院子", summer.AddDays(14)) })
        {
            var first = New(DemoPlaces.Fuqian, "drainage", text, at, alley.Id);
            var category = categories["drainage"];
            Step(first, "accept", "GridWorker", GridUnit(first), null, at.AddHours(1), () => first.Accept(at.AddHours(1), category, calendar));
            Step(first, "start", "GridWorker", GridUnit(first), null, at.AddHours(2), () => first.Start(at.AddHours(2)));
            Step(first, "escalate", "GridWorker", GridUnit(first), "巷道没有排水设施，需要整体改造", at.AddHours(5), () => first.Escalate("巷道没有排水设施，需要整体改造", at.AddHours(5)));
            const string note = "已临时清淤排水；巷道硬化和雨污分流纳入社区需求清单，提请居民议事会协商";
            Step(first, "resolve", "CommunityStaff", communityNames[DemoPlaces.Fuqian], note, at.AddDays(1), () => first.Resolve(note, null, at.AddDays(1), category, calendar));
            Step(first, "verify", "GridWorker", GridUnit(first), "现场核查属实", at.AddDays(2), () => first.Verify(at.AddDays(2), TimeSpan.FromDays(7)));
        }

        db.Matters.AddRange(matters);
        await db.SaveChangesAsync(ct);
    }
}
