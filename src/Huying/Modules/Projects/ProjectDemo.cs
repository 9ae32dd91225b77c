using Huying.Modules.Matters;
using Huying.Modules.Organisation;
using Huying.Modules.Projects;
using Huying.Platform.Data;
using Huying.Platform.Ratings;
using Huying.Platform.Demo;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>
/// The big committee at work. 府前社区: the 河边三巷 rebuild decided by a joint meeting the autumn before, run by
/// 垣曲县项目推进中心 (road hardening, sewage separation) and 县发改局 (cameras, lights, marked parking), accepted
/// and commended with a banner in April; the 2 April meeting where all 15 partner units signed agreements and the
/// project list grew to 35; in-service members and their hours. Other communities get agreements and a few
/// projects so the county's figures have something to compare.
/// </summary>
internal sealed class ProjectDemo(DemoContext demo)
{
    private readonly HuyingDbContext db = demo.Db;
    private readonly PersonalData personal = demo.Personal;
    private readonly TimeProvider clock = demo.Clock;
    private readonly Random random = new(404);

    private static readonly (string Category, string Need, string Project, string[] Steps)[] Catalogue =
    [
        ("parking", "小区内车辆乱停，需要划定停车位", "划定停车位", ["现场测量规划", "地面标线施划", "设置指示牌"]),
        ("roads", "巷道墙面斑驳，需要粉刷", "巷道墙面粉刷", ["墙面清理", "粉刷施工", "验收整改"]),
        ("lighting", "楼道无照明，夜间上下楼不便", "楼道声控灯安装", ["线路勘察", "灯具安装", "通电调试"]),
        ("facilities", "健身器材老旧损坏", "健身器材更新", ["器材采购", "旧器材拆除", "新器材安装"]),
        ("drainage", "雨水井堵塞，下雨积水", "雨水井清掏疏通", ["排查堵点", "清掏疏通", "加装防臭井盖"]),
        ("sanitation", "垃圾收集点脏乱", "垃圾分类收集点改造", ["选址协商", "收集亭建设", "分类宣传"]),
        ("care", "独居老人需要定期探访", "独居老人结对关爱", ["摸排建档", "结对认领", "每月探访"]),
        ("facilities", "电动车充电难，存在飞线充电隐患", "电动车充电桩建设", ["场地规划", "线路改造", "充电桩安装"]),
        ("other", "居民希望有阅读的地方", "共享书屋建设", ["场地整理", "书架书籍捐赠", "开放管理"]),
        ("facilities", "小区信息发布不及时", "LED信息屏安装", ["设备采购", "安装调试"]),
        ("property", "单元门禁损坏，外来人员随意进出", "单元门禁维修", ["故障排查", "门禁更换"]),
        ("roads", "路面坑洼，雨天积水", "破损路面修补", ["破损点位排查", "沥青修补"]),
        ("care", "残疾人家庭出行不便", "无障碍坡道改造", ["入户评估", "坡道施工"]),
        ("sanitation", "绿化带杂草丛生", "绿化带补植修剪", ["杂草清理", "苗木补植"]),
        ("other", "居民反映电信诈骗多发", "反诈宣传进社区", ["宣传物料制作", "入户宣传", "专题讲座"]),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = Platform.Audit.AuditEntry.Truncate(clock.GetUtcNow().UtcDateTime);
        var today = DateOnly.FromDateTime(Platform.Web.Display.Local(now));
        // The report's April: this year's once April is over, otherwise last year's.
        var year = today.Month >= 5 ? today.Year : today.Year - 1;
        var april2 = new DateOnly(year, 4, 2);
        var units = await db.PartnerUnits.AsNoTracking().Select(u => new { u.Id, u.Name, u.ContactName }).ToDictionaryAsync(u => u.Id, ct);
        var links = await db.PartnerUnitCommunities.AsNoTracking().ToListAsync(ct);
        var buildings = await db.Buildings.AsNoTracking().Select(b => new { b.Id, b.Name, b.GridId, b.CommunityCode }).ToListAsync(ct);
        var members = await db.CommitteeMembers.AsNoTracking().ToListAsync(ct);
        long UnitNamed(string name) => units.Values.First(u => u.Name == name).Id;
        var xmtj = UnitNamed("垣曲县项目推进中心");
        var fgj = UnitNamed("垣曲县发展和改革局");
        var fuqianUnits = links.Where(l => l.CommunityCode == DemoPlaces.Fuqian).Select(l => l.PartnerUnitId).OrderBy(id => id).ToList();
        DateTime At(DateOnly day, int hour = 9) => Platform.Web.Display.ToUtc(day.ToDateTime(new TimeOnly(hour, 0)));

        // Agreements: all 15 of 府前 since the 2 April meeting; about two in three elsewhere.
        foreach (var link in links.OrderBy(l => l.Id))
        {
            var fuqian = link.CommunityCode == DemoPlaces.Fuqian;
            if (!fuqian && random.Next(3) == 0)
            {
                continue;
            }
            var signed = fuqian ? april2 : new DateOnly(year, 3 + random.Next(6), 1 + random.Next(28));
            if (signed > today)
            {
                signed = today;
            }
            db.Agreements.Add(new PartnershipAgreement
            {
                CommunityCode = link.CommunityCode, PartnerUnitId = link.PartnerUnitId, SignedOn = signed, StartsOn = signed,
                EndsOn = signed.AddYears(fuqian ? 3 : 1 + random.Next(3)).AddDays(-1), CreatedAt = At(signed),
                Commitments = $"{units[link.PartnerUnitId].Name}党组织到社区报到，认领社区需求清单中的项目；每季度参加“大党委”联席会议；组织在职党员进社区服务。",
            });
        }
        await db.SaveChangesAsync(ct);

        var fuqianBuildings = buildings.Where(b => b.CommunityCode == DemoPlaces.Fuqian).ToList();
        var alley = fuqianBuildings.First(b => b.Name == "河边三巷");
        var yijing = fuqianBuildings.Where(b => b.Name.StartsWith("逸景名苑", StringComparison.Ordinal)).ToList();

        // The autumn meeting that took up 河边三巷.
        var autumn = new DateOnly(year - 1, 9, 10);
        var autumnMeeting = Meeting(DemoPlaces.Fuqian, $"{year - 1}年第三季度“大党委”联席会议", At(autumn, 15), "府前社区党群服务中心三楼会议室", members, units.ToDictionary(u => u.Key, u => (u.Value.Name, u.Value.ContactName)), fuqianUnits);
        autumnMeeting.Minutes = "议定河边三巷综合改造：垣曲县项目推进中心负责巷道硬化和污水分流，县发改局负责安装监控、路灯并划定停车位；社区负责协调住户、组织验收。";
        // The residents' council decided in the summer to put the alley to the big committee: the first two needs carry that out.
        var chain = new ProjectChainDemo(demo);
        var (topicId, firstReports) = await chain.DecideAsync(alley.Id, At(autumn.AddDays(-20)), ct);
        var road = NewNeed(DemoPlaces.Fuqian, alley.Id, alley.GridId, alley.Name, "roads", "河边三巷土路硬化", "巷道建于1985年，至今是土路，下雨后泥泞不堪，老人出行易滑倒。", 46, NeedSource.Deliberation, At(autumn.AddDays(-20)));
        var sewage = NewNeed(DemoPlaces.Fuqian, alley.Id, alley.GridId, alley.Name, "drainage", "河边三巷污水分流", "下水不畅，雨水积得老高，眼看就要漫进院子。", 46, NeedSource.Deliberation, At(autumn.AddDays(-20)));
        foreach (var need in new[] { road, sewage })
        {
            (need.TopicId, need.MatterIds) = (topicId, firstReports);
        }
        var cameras = NewNeed(DemoPlaces.Fuqian, alley.Id, alley.GridId, alley.Name, "lighting", "河边三巷安装监控和路灯", "巷道没有路灯和监控，夜间出行不安全。", 46, NeedSource.Survey, At(autumn.AddDays(-15)));
        var parking = NewNeed(DemoPlaces.Fuqian, alley.Id, alley.GridId, alley.Name, "parking", "河边三巷划定停车位", "没有门禁，车辆在巷道口随意停放，进出两难、剐蹭不断。", 46, NeedSource.Meeting, At(autumn.AddDays(-15)));
        autumnMeeting.AgendaNeedIds = [];
        await db.SaveChangesAsync(ct);
        autumnMeeting.AgendaNeedIds = [road.Id, sewage.Id, cameras.Id, parking.Id];

        var accepted = new DateOnly(year, 4, 15);
        var rebuild = NewProject(DemoPlaces.Fuqian, "河边三巷巷道硬化与污水分流", (alley.Id, alley.Name), autumnMeeting, autumn.AddDays(5), [xmtj], [road, sewage],
            [("勘察设计", autumn.AddDays(30), xmtj, 30000m, 4, null), ("雨污管网分流施工", autumn.AddDays(90), xmtj, 260000m, 18, "PE管材 420米"),
             ("巷道混凝土硬化", new DateOnly(year, 3, 20), xmtj, 380000m, 24, "C30混凝土 310立方米")], done: true);
        var lights = NewProject(DemoPlaces.Fuqian, "河边三巷监控、路灯安装和停车位划定", (alley.Id, alley.Name), autumnMeeting, autumn.AddDays(5), [fgj], [cameras, parking],
            [("点位设计", autumn.AddDays(40), fgj, 8000m, 2, null), ("监控和路灯安装", new DateOnly(year, 3, 10), fgj, 126000m, 8, "监控探头 6个、路灯 12盏"),
             ("停车位施划", new DateOnly(year, 3, 31), fgj, 15000m, 5, "停车位 22个")], done: true);
        foreach (var p in new[] { rebuild, lights })
        {
            p.Project.Status = ProjectStatus.Accepted;
            p.Project.AcceptanceRequestedAt = At(accepted.AddDays(-3));
            p.Project.CompletedOn = accepted;
            p.Project.AcceptedWith = "河边三巷住户代表 3 人、网格员";
            p.Project.AcceptanceNote = "路面平整、排水通畅，监控路灯运行正常，停车秩序良好，同意验收。";
            p.Project.RatingCount = 12;
            p.Project.SatisfiedCount = 12;
        }
        await db.SaveChangesAsync(ct);
        await chain.AcceptAsync([rebuild.Project, lights.Project], At(accepted, 10), At(autumn, 17), ct);
        db.Commendations.Add(new Commendation
        {
            ProjectId = rebuild.Project.Id, CommunityCode = DemoPlaces.Fuqian, PartnerUnitId = xmtj, Kind = CommendationKind.Banner,
            From = "河边三巷全体居民", Words = "心系民事无巨细，服务小区爱铸春秋", ReceivedOn = new DateOnly(year, 4, 20),
        });
        db.Commendations.Add(new Commendation
        {
            ProjectId = lights.Project.Id, CommunityCode = DemoPlaces.Fuqian, PartnerUnitId = fgj, Kind = CommendationKind.Letter,
            From = "河边三巷全体居民", Words = "感谢县发改局为我们装上路灯和监控、划好停车位，巷子亮了，心里也敞亮了。", ReceivedOn = new DateOnly(year, 4, 20),
        });
        foreach (var rating in Enumerable.Range(0, 12))
        {
            db.ProjectRatings.Add(new ProjectRating { ProjectId = rating % 2 == 0 ? rebuild.Project.Id : lights.Project.Id, CommunityCode = DemoPlaces.Fuqian,
                Rating = rating % 3 == 0 ? Rating.BasicallySatisfied : Rating.Satisfied, At = At(accepted.AddDays(1 + rating)) });
        }

        // The 2 April meeting: all 15 units signed; the project list grows to 35.
        var aprilMeeting = Meeting(DemoPlaces.Fuqian, $"{year}年“大党委”联席会议暨共驻共建签约仪式", At(april2, 9), "府前社区党群服务中心三楼会议室", members,
            units.ToDictionary(u => u.Key, u => (u.Value.Name, u.Value.ContactName)), fuqianUnits);
        aprilMeeting.Minutes = "15个驻区单位党组织与社区签订共驻共建协议；对照需求清单逐项认领，形成项目清单；约定每季度召开一次联席会议通报进展。";
        await db.SaveChangesAsync(ct);
        var places = fuqianBuildings.Where(b => b.Id != alley.Id).ToList();
        var agenda = new List<long>();
        for (var i = 0; i < 32; i++)
        {
            var (category, needText, projectText, steps) = Catalogue[i % Catalogue.Length];
            var place = i is 7 or 8 or 9 && yijing.Count > 0 ? yijing[i % yijing.Count] : places[random.Next(places.Count)];
            var placeName = place.Name.StartsWith("逸景名苑", StringComparison.Ordinal) ? "逸景名苑" : place.Name;
            var need = NewNeed(DemoPlaces.Fuqian, place.Id, place.GridId, placeName, category, $"{placeName}{needText}", null, 10 + random.Next(120),
                (NeedSource)(1 + random.Next(3)), At(april2.AddDays(-10 - random.Next(40))));
            await db.SaveChangesAsync(ct);
            agenda.Add(need.Id);
            var unit = i < 2 ? (i == 0 ? xmtj : fgj) : fuqianUnits[i % fuqianUnits.Count];
            var start = april2.AddDays(7 + random.Next(120));
            if (start > today.AddDays(-5))
            {
                start = today.AddDays(-5 - random.Next(20));
            }
            // Roughly: half accepted, a quarter under way (two of them late), some awaiting acceptance, a few just planned.
            var stage = i switch { < 16 => 3, < 24 => 2, < 28 => 4, _ => 1 };
            var milestoneDays = 12 + random.Next(15);
            var plan = steps.Select((s, k) => (s, start.AddDays(milestoneDays * (k + 1)), unit, (decimal?)(2000 + random.Next(40) * 1000), (int?)(2 + random.Next(10)), (string?)null)).ToList();
            if (stage == 2)
            {
                // Under way: the last steps fall due around today; two projects are late.
                plan = [.. plan.Select((m, k) => (m.s, today.AddDays((k - plan.Count + 2) * 9 + (i % 7 == 0 ? -12 : 3)), m.unit, m.Item4, m.Item5, m.Item6))];
            }
            var p = NewProject(DemoPlaces.Fuqian, $"{placeName}{projectText}", (place.Id, place.Name), aprilMeeting, start, [unit], [need], plan,
                done: stage >= 3, doneCount: stage == 2 ? 1 : stage == 1 ? 0 : plan.Count);
            p.Project.Status = stage switch { 1 => ProjectStatus.Planned, 2 => ProjectStatus.InProgress, 3 => ProjectStatus.Accepted, _ => ProjectStatus.AwaitingAcceptance };
            if (stage == 3)
            {
                var last = p.Project.PlannedEndOn!.Value;
                p.Project.CompletedOn = last.AddDays(random.Next(5) - 1) is var c && c > today ? today : last.AddDays(random.Next(5) - 1);
                p.Project.AcceptedWith = "居民代表 3 人";
                p.Project.AcceptanceNote = "按计划完成，居民认可。";
            }
            if (stage == 4)
            {
                p.Project.AcceptanceRequestedAt = now.AddDays(-random.Next(1, 6));
            }
        }
        aprilMeeting.AgendaNeedIds = agenda;
        await db.SaveChangesAsync(ct);

        // A 垣曲县项目推进中心 project under way with its last step due soon (the liaison reports on it).
        var alleyOne = fuqianBuildings.FirstOrDefault(b => b.Name == "河边一巷") ?? alley;
        var ditchNeed = NewNeed(DemoPlaces.Fuqian, alleyOne.Id, alleyOne.GridId, alleyOne.Name, "drainage", "河边一巷排水沟清淤", "排水沟淤积，夏季有异味。", 30, NeedSource.Visit, now.AddDays(-40));
        await db.SaveChangesAsync(ct);
        var ditch = NewProject(DemoPlaces.Fuqian, "河边一巷排水沟清淤", (alleyOne.Id, alleyOne.Name), aprilMeeting, today.AddDays(-30), [xmtj], [ditchNeed],
            [("清理沟内淤泥", today.AddDays(-20), xmtj, 6000m, 6, null), ("破损盖板更换", today.AddDays(-8), xmtj, 9000m, 4, "盖板 40块"),
             ("排水沟通水检查", today.AddDays(4), xmtj, null, 2, null)], done: false, doneCount: 2);
        ditch.Project.Status = ProjectStatus.InProgress;
        ditch.Project.MeetingId = null;
        // 35 projects in all: the 2 of 河边三巷, 32 from the April list and this one.
        await db.SaveChangesAsync(ct);
        db.ProgressUpdates.Add(new ProgressUpdate { ProjectId = ditch.Project.Id, CommunityCode = DemoPlaces.Fuqian, PartnerUnitId = xmtj,
            Text = "沟内淤泥已全部清运，共清出淤泥约 12 立方米。", ByName = units[xmtj].ContactName ?? "联络人", At = At(today.AddDays(-20), 17) });
        db.ProgressUpdates.Add(new ProgressUpdate { ProjectId = ditch.Project.Id, CommunityCode = DemoPlaces.Fuqian, PartnerUnitId = xmtj,
            Text = "破损盖板 40 块已更换完毕。", ByName = units[xmtj].ContactName ?? "联络人", At = At(today.AddDays(-8), 16) });

        // Open needs: from visits and the opinion survey, some offered to units.
        var openNeeds = new[]
        {
            ("care", "河边二巷独居老人助餐", "河边二巷", 8), ("facilities", "河边网格儿童游乐设施", "河边一巷", 60), ("lighting", "逸景名苑地下车库照明不足", "逸景名苑", 120),
            ("other", "社区缺少老年活动室", null, 200), ("sanitation", "河边二巷垃圾清运不及时", "河边二巷", 40),
        };
        foreach (var (category, title, placeName, people) in openNeeds)
        {
            var place = placeName is null ? null : fuqianBuildings.FirstOrDefault(b => b.Name.StartsWith(placeName, StringComparison.Ordinal));
            var need = NewNeed(DemoPlaces.Fuqian, place?.Id, place?.GridId, placeName ?? "府前社区", category, title, null, people, NeedSource.Survey, now.AddDays(-random.Next(5, 50)));
            if (category is "facilities" or "lighting")
            {
                need.Offers.Add(new NeedOffer { PartnerUnitId = xmtj, CommunityCode = DemoPlaces.Fuqian, OfferedAt = now.AddDays(-3) });
            }
        }
        await db.SaveChangesAsync(ct);

        // A few projects in each other community, so the county compares.
        foreach (var community in DemoPlaces.CommunityCodes.Where(c => c != DemoPlaces.Fuqian))
        {
            var cunits = links.Where(l => l.CommunityCode == community).Select(l => l.PartnerUnitId).ToList();
            var cplaces = buildings.Where(b => b.CommunityCode == community).ToList();
            for (var i = 0; i < 4 + random.Next(6); i++)
            {
                var (category, needText, projectText, steps) = Catalogue[random.Next(Catalogue.Length)];
                var place = cplaces[random.Next(cplaces.Count)];
                var need = NewNeed(community, place.Id, place.GridId, place.Name, category, $"{place.Name}{needText}", null, 10 + random.Next(80), NeedSource.Visit, At(april2.AddDays(random.Next(60))));
                await db.SaveChangesAsync(ct);
                var unit = cunits[random.Next(cunits.Count)];
                var start = april2.AddDays(20 + random.Next(150));
                var gap = 15 + random.Next(20);
                var plan = steps.Select((s, k) => (s, start.AddDays(gap * (k + 1)), unit, (decimal?)null, (int?)(3 + random.Next(6)), (string?)null)).ToList();
                var finished = plan[^1].Item2 < today.AddDays(-10) && random.Next(4) > 0;
                var doneCount = finished ? plan.Count : plan.Count(m => m.Item2 < today.AddDays(-random.Next(0, 10)));
                var p = NewProject(community, $"{place.Name}{projectText}", (place.Id, place.Name), null, start, [unit], [need], plan, done: finished, doneCount: doneCount);
                p.Project.Status = finished ? ProjectStatus.Accepted : doneCount > 0 ? ProjectStatus.InProgress : ProjectStatus.Planned;
                if (finished)
                {
                    p.Project.CompletedOn = plan[^1].Item2.AddDays(random.Next(-2, 8)) is var c && c > today ? today : plan[^1].Item2.AddDays(random.Next(-2, 8));
                    p.Project.AcceptedWith = "居民代表 3 人";
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await FollowAllNeedsAsync(now, ct);
        await InServiceAsync(units.ToDictionary(u => u.Key, u => u.Value.Name), fuqianUnits, today, now, ct);
    }

    private JointMeeting Meeting(string community, string title, DateTime at, string venue, List<CommitteeMember> members,
        Dictionary<long, (string Name, string? Contact)> units, List<long> unitIds)
    {
        var meeting = new JointMeeting { CommunityCode = community, Title = title, HeldAt = at, Venue = venue, CreatedAt = at.AddDays(-5) };
        foreach (var m in members.Where(m => m.CommunityCode == community).OrderBy(m => m.Role))
        {
            meeting.Attendees.Add(new JointMeetingAttendee
            {
                Name = m.Name, PartnerUnitId = m.PartnerUnitId, Present = random.Next(10) > 0,
                Role = m.Role switch { CommitteeRole.FirstSecretary => AttendeeRole.FirstSecretary, CommitteeRole.PartTimeMember => AttendeeRole.PartTimeMember, _ => AttendeeRole.CommunityStaff },
            });
        }
        foreach (var id in unitIds.Where(id => meeting.Attendees.All(a => a.PartnerUnitId != id)))
        {
            meeting.Attendees.Add(new JointMeetingAttendee { Name = $"{units[id].Name} {units[id].Contact}".Trim(), PartnerUnitId = id, Role = AttendeeRole.UnitRepresentative, Present = true });
        }
        meeting.Attendees.Add(new JointMeetingAttendee { Name = "居民代表", Role = AttendeeRole.ResidentRepresentative, Present = true });
        db.JointMeetings.Add(meeting);
        return meeting;
    }

    private Need NewNeed(string community, long? buildingId, long? gridId, string place, string category, string title, string? description,
        int people, NeedSource source, DateTime at)
    {
        var need = new Need
        {
            CommunityCode = community, BuildingId = buildingId, GridId = gridId, Place = place, CategoryCode = category, Title = title,
            Description = description, PeopleAffected = people, Source = source, CreatedAt = at,
        };
        db.Needs.Add(need);
        return need;
    }

    private (Project Project, List<Milestone> Milestones) NewProject(string community, string title, (long Id, string Name) place, JointMeeting? meeting, DateOnly start,
        long[] unitIds, Need[] needs, List<(string Title, DateOnly Due, long Unit, decimal? Budget, int? Workers, string? Materials)> plan, bool done, int? doneCount = null)
    {
        var project = new Project
        {
            CommunityCode = community, Title = title.Length > 100 ? title[..100] : title, Place = place.Name, BuildingId = place.Id,
            MeetingId = meeting?.Id, StartOn = start, CreatedAt = Platform.Web.Display.ToUtc(start.ToDateTime(new TimeOnly(10, 0))),
        };
        project.Units.AddRange(unitIds.Select(u => new ProjectUnit { PartnerUnitId = u }));
        // Needs are saved before their projects, so the links take their ids here.
        project.Needs.AddRange(needs.Select(n => new ProjectNeed { NeedId = n.Id }));
        db.Projects.Add(project);
        var milestones = plan.Select((m, k) => new Milestone
        {
            Project = project, CommunityCode = community, PartnerUnitId = m.Unit, Title = m.Title, DueOn = m.Due, Budget = m.Budget, Workers = m.Workers,
            Materials = m.Materials,
            DoneOn = done || k < (doneCount ?? 0) ? m.Due.AddDays(-random.Next(0, 4)) : null,
        }).ToList();
        db.Milestones.AddRange(milestones);
        project.Recount(milestones, project.CreatedAt);
        foreach (var need in needs)
        {
            need.Offers.AddRange(unitIds.Where(u => need.Offers.All(o => o.PartnerUnitId != u))
                .Select(u => new NeedOffer { PartnerUnitId = u, CommunityCode = community, OfferedAt = project.CreatedAt }));
        }
        return (project, milestones);
    }

    /// <summary>Every need takes its status and dates from the projects answering it.</summary>
    private async Task FollowAllNeedsAsync(DateTime now, CancellationToken ct)
    {
        var statuses = await db.ProjectNeeds.AsNoTracking().Join(db.Projects.AsNoTracking(), pn => pn.ProjectId, p => p.Id,
            (pn, p) => new { pn.NeedId, p.Status, p.CreatedAt, p.CompletedOn }).ToListAsync(ct);
        foreach (var need in await db.Needs.ToListAsync(ct))
        {
            var mine = statuses.Where(s => s.NeedId == need.Id).ToList();
            need.Follow([.. mine.Select(s => s.Status)], now);
            if (mine.Count > 0)
            {
                need.AdoptedAt = mine.Min(s => s.CreatedAt);
                need.MetAt = need.Status == NeedStatus.Met ? Platform.Web.Display.ToUtc(mine.Max(s => s.CompletedOn)!.Value.ToDateTime(new TimeOnly(17, 0))) : null;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task InServiceAsync(Dictionary<long, string> units, List<long> fuqianUnits, DateOnly today, DateTime now, CancellationToken ct)
    {
        var names = DemoNames.Surnames;
        var members = new List<InServiceMember>();
        for (var i = 0; i < 24; i++)
        {
            var stored = personal.ProtectPhone($"139{random.Next(10000000, 99999999)}");
            members.Add(new InServiceMember
            {
                CommunityCode = DemoPlaces.Fuqian, PartnerUnitId = fuqianUnits[i % fuqianUnits.Count],
                Name = names[random.Next(names.Length)] + (random.Next(2) == 0 ? DemoNames.MaleGiven[random.Next(DemoNames.MaleGiven.Length)] : DemoNames.FemaleGiven[random.Next(DemoNames.FemaleGiven.Length)]),
                PhoneCipher = stored.Cipher, PhoneHash = stored.Hash, PhoneMasked = stored.Masked, ReportedOn = today.AddDays(-random.Next(20, 200)),
            });
        }
        db.InServiceMembers.AddRange(members);
        var tasks = new List<ServiceTask>
        {
            new() { CommunityCode = DemoPlaces.Fuqian, Title = "河边网格入户走访“听民意”", Kind = ServiceTaskKind.Activity, On = today.AddDays(-21), Place = "河边网格", Places = 10 },
            new() { CommunityCode = DemoPlaces.Fuqian, Title = "逸景名苑共享书屋整理图书", Kind = ServiceTaskKind.ProjectTask, On = today.AddDays(-9), Place = "逸景名苑", Places = 8 },
            new() { CommunityCode = DemoPlaces.Fuqian, Title = "文明城市创建楼道清理", Kind = ServiceTaskKind.Activity, On = today.AddDays(-3), Place = "府前社区", Places = 12 },
            new() { CommunityCode = DemoPlaces.Fuqian, Title = "河边一巷排水沟通水检查协助", Kind = ServiceTaskKind.ProjectTask, On = today.AddDays(4), Place = "河边一巷", Places = 6 },
            new() { CommunityCode = DemoPlaces.Fuqian, Title = "独居老人助餐上门服务", Kind = ServiceTaskKind.Need, On = today.AddDays(6), Place = "河边二巷", Places = 5 },
        };
        db.ServiceTasks.AddRange(tasks);
        await db.SaveChangesAsync(ct);
        foreach (var (task, k) in tasks.Select((t, k) => (t, k)))
        {
            foreach (var member in members.Skip(k * 4).Take(Math.Min(task.Places - 1, 5)))
            {
                var past = task.On <= today;
                db.ServiceRecords.Add(new ServiceRecord
                {
                    CommunityCode = task.CommunityCode, TaskId = task.Id, MemberId = member.Id, PartnerUnitId = member.PartnerUnitId,
                    SignedUpAt = now.AddDays(-30), Hours = past ? 2 + random.Next(3) : null, ServedOn = past ? task.On : null,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
