using Huying.Modules.Notices;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Pledges;

/// <summary>
/// 闻喜县裴社镇's monthly pledges (DESIGN §8): its real villages (division data) with their branches and members,
/// the opinion lists gathered at the March 民情恳谈会 and the 民意大走访, and the pledges from March to this month —
/// 2,400+ claimed, 500+ completed, of all five kinds — with this month's in every phase (some members without a
/// pledge, some phases overdue) and the boards shown; the accounts peishe.town, peishe.branch and peishe.member.
/// </summary>
internal sealed class PledgesDemo(DemoContext demo)
{
    public const string Town = "140823109";
    public const string Peishe = "140823109200";

    /// <summary>What the figures for the town since 1 March answer (the report: 2,400+ claimed, 500+ completed).</summary>
    public const int Claimed = 2_463;
    public const int Completed = 541;

    public static readonly DemoAccount[] Accounts =
    [
        new("peishe.town", Roles.TownOfficer, "闻喜县裴社镇党委 · 140823109"),
        new("peishe.branch", Roles.CommunitySecretary, "裴社村党支部书记"),
        new("peishe.member", Roles.PartyMember, "裴社村党员"),
    ];

    private static readonly (PledgeKind Kind, string Title, string Done)[] Ideas =
    [
        (PledgeKind.LivelihoodService, "为村里独居老人每周上门送菜一次", "每周送菜记录，老人签字确认"),
        (PledgeKind.LivelihoodService, "修好村东头的路灯", "路灯全部亮起"),
        (PledgeKind.LivelihoodService, "帮助三户困难家庭办理医保缴费", "三户医保缴费完成"),
        (PledgeKind.EconomicDevelopment, "帮种植户联系苹果销路", "联系到收购商并签订收购意向"),
        (PledgeKind.EconomicDevelopment, "组织一次果树修剪技术培训", "培训20人以上"),
        (PledgeKind.SocialManagement, "调解邻里宅基地纠纷", "双方签订调解协议"),
        (PledgeKind.SocialManagement, "清理村口垃圾堆放点", "垃圾清运完毕，设置分类垃圾桶"),
        (PledgeKind.ReformInnovation, "推动村集体土地流转登记", "完成登记材料并报镇政府"),
        (PledgeKind.ReformInnovation, "试行村务微信群线上议事", "议事群建立并开展一次线上议事"),
        (PledgeKind.PartyBuilding, "带领党员学习新修订的党章", "组织学习一次并有记录"),
        (PledgeKind.PartyBuilding, "联系两名入党积极分子谈心", "谈心记录两份"),
    ];

    private static readonly string[] Opinions =
    [
        "村东路灯坏了，晚上出行不便", "独居老人买菜难", "苹果销路不畅", "村口垃圾长期堆放", "想学果树修剪技术",
        "宅基地边界有纠纷", "医保缴费不会在手机上操作", "希望村务更公开",
    ];

    private readonly HuyingDbContext db = demo.Db;
    private readonly Synthetic synthetic = new(new Random(1209));

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = demo.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Display.Local(now));
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var first = FirstMonth(today);
        var random = synthetic.Random;

        var divisions = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(Town) && d.Code.Length == 12).OrderBy(d => d.Code).ToListAsync(ct);
        var villages = divisions.Select((d, i) => new Community
        {
            Code = d.Code, Name = Community.ShortName(d.Name), TownCode = Town, CountyCode = Town[..6],
            Latitude = DemoPlaces.Near(d.Code, i, 0.01).Latitude, Longitude = DemoPlaces.Near(d.Code, i, 0.01).Longitude,
        }).ToList();
        db.Communities.AddRange(villages);
        var members = villages.SelectMany(v => Enumerable.Range(0, 24 + random.Next(4)).Select(i => new BranchMember
        {
            CommunityCode = v.Code, Name = synthetic.PersonName(random.Next(3) > 0), JoinedOn = first.AddYears(-1 - random.Next(30)),
        })).ToList();
        db.BranchMembers.AddRange(members);
        var opinions = villages.SelectMany(v => Opinions.Select((t, i) => new OpinionItem
        {
            CommunityCode = v.Code, Title = t, Source = i % 2 == 0 ? OpinionSource.TalkMeeting : OpinionSource.DoorToDoorVisit,
            GatheredOn = (i % 2 == 0 ? first.AddDays(9) : first.AddDays(20)).AddMonths(i / 4), RaisedBy = synthetic.Surname() + "大爷",
            Place = i % 2 == 0 ? "村委会议室" : null, CreatedAt = now, TrackingCode = TrackingCodes.New("YJ"),
        })).Where(o => o.GatheredOn <= today).ToList();
        db.OpinionItems.AddRange(opinions);
        await db.SaveChangesAsync(ct);

        // The past months: each member's pledge of the month (a few members two), all evaluated; the first ones completed.
        var months = new List<DateOnly>();
        for (var m = first; m < thisMonth; m = m.AddMonths(1))
        {
            months.Add(m);
        }
        var current = CurrentMonthPlan(members, random);
        var past = Claimed - current.Count(c => c.State != PledgeState.Draft);
        var pledges = new List<Pledge>();
        for (var i = 0; i < months.Count; i++)
        {
            var quota = past / months.Count + (i < past % months.Count ? 1 : 0);
            for (var k = 0; k < quota; k++)
            {
                var member = members[k % members.Count];
                var idea = Ideas[random.Next(Ideas.Length)];
                var month = months[i];
                var closed = Display.ToUtc(month.AddMonths(1).AddDays(-1).ToDateTime(new TimeOnly(16, 0)));
                pledges.Add(new Pledge
                {
                    CommunityCode = member.CommunityCode, Member = member, Month = month, Kind = idea.Kind, Title = idea.Title, DoneWhen = idea.Done,
                    DueOn = month.AddDays(24), State = PledgeState.NotDone, Rating = random.Next(2) == 0 ? PledgeRating.Fair : PledgeRating.Poor,
                    CreatedAt = Display.ToUtc(month.ToDateTime(new TimeOnly(9, 0))), SubmittedAt = Display.ToUtc(month.AddDays(1).ToDateTime(new TimeOnly(9, 0))),
                    ApprovedAt = Display.ToUtc(month.AddDays(2).ToDateTime(new TimeOnly(9, 0))), FiledAt = Display.ToUtc(month.AddDays(3).ToDateTime(new TimeOnly(9, 0))),
                    PublishedAt = Display.ToUtc(month.AddDays(4).ToDateTime(new TimeOnly(9, 0))), Progress = "按计划推进",
                    ProgressAt = Display.ToUtc(month.AddDays(14).ToDateTime(new TimeOnly(9, 0))), SelfReport = "部分完成", ReportedAt = closed.AddHours(-20), ClosedAt = closed,
                });
            }
        }
        // Exactly the report's completed ones, drawn from all the past months.
        var excellent = 0;
        foreach (var p in pledges.OrderBy(_ => random.Next()).Take(Completed))
        {
            p.State = PledgeState.Done;
            p.SelfReport = "已完成";
            p.Rating = random.Next(3) == 0 ? PledgeRating.Excellent : PledgeRating.Good;
            // Every fifth excellent one was praised at the party meeting (no draw, so the rest of the demo stays as it was).
            if (p.Rating == PledgeRating.Excellent && ++excellent % 5 == 0)
            {
                p.Commendation = excellent % 2 == 0 ? "党员大会通报表扬" : "镇党委授予“为民办实事标兵”";
            }
        }
        // Last month's last few still wait for the branch's evaluation: overdue.
        foreach (var p in pledges.Where(p => p.Month == months[^1] && p.State == PledgeState.NotDone).TakeLast(6))
        {
            p.State = PledgeState.Reported;
            p.Rating = null;
            p.ClosedAt = null;
        }
        pledges.AddRange(current.Select(c => c.Pledge(thisMonth, now)));
        db.Pledges.AddRange(pledges);
        await db.SaveChangesAsync(ct);
        db.PledgeSteps.AddRange(pledges.Select(p => new PledgeStep
        {
            PledgeId = p.Id, CommunityCode = p.CommunityCode, At = p.ClosedAt ?? p.CreatedAt, By = "demo",
            Action = p.State switch { PledgeState.Done => "Done", PledgeState.NotDone => "Not done", _ => "Claimed" },
        }));
        await db.SaveChangesAsync(ct);

        // The boards of last month and this month, as each branch showed them.
        var notices = new NoticeService(db, demo.Clock, demo.Personal, new CurrentUser(new HttpContextAccessor()), demo.Services.GetRequiredService<PlaceNames>());
        foreach (var month in months.TakeLast(1).Append(thisMonth))
        {
            foreach (var village in villages)
            {
                var shown = pledges.Where(p => p.CommunityCode == village.Code && p.Month == month && p.State >= PledgeState.Published).ToList();
                if (shown.Count == 0)
                {
                    continue;
                }
                var body = string.Join("\n", shown.Select((p, i) => $"{i + 1}. {p.Member!.Name}（{Platform.Localization.Tr.Public(p.Kind.ToString())}）：{p.Title}"));
                var notice = notices.Publish(village.Code, NoticeKind.PledgeList, $"{PledgeService.BranchName(village.Name)}党员承诺事项公示（{month.Year}年{month.Month}月）",
                    body, null, 0, null, null, "demo");
                await db.SaveChangesAsync(ct);
                db.PledgeBoards.Add(new PledgeBoard { CommunityCode = village.Code, Month = month, NoticeId = notice.Id });
            }
        }
        await db.SaveChangesAsync(ct);

        await demo.AddAccountAsync(Accounts[0], "裴社镇党委", Town);
        await demo.AddAccountAsync(Accounts[1], "裴社村党支部", Peishe);
        var me = members.First(m => m.CommunityCode == Peishe && current.Any(c => c.Member == m && c.State == PledgeState.Published));
        me.UserId = (await demo.AddAccountAsync(Accounts[2], me.Name, Peishe)).Id;
        await db.SaveChangesAsync(ct);
        demo.Summary.Add($"pledges: {villages.Count} villages of 裴社镇, {members.Count} members, {pledges.Count} pledges");
    }

    /// <summary>The March the demo's pledges start from: this year's once March is over, else last year's (so there are past months).</summary>
    public static DateOnly FirstMonth(DateOnly today) => new(today.Month > 3 ? today.Year : today.Year - 1, 3, 1);

    /// <summary>
    /// This month, by the members' order: most pledges shown on the board (some reported on), some waiting on the branch
    /// or the town, a few drafts, and the last members of each village with none yet.
    /// </summary>
    private static List<CurrentPledge> CurrentMonthPlan(List<BranchMember> members, Random random)
    {
        var plan = new List<CurrentPledge>();
        foreach (var village in members.GroupBy(m => m.CommunityCode))
        {
            var list = village.ToList();
            for (var i = 0; i < list.Count - 2; i++)
            {
                var state = (i % 10) switch
                {
                    0 => PledgeState.Submitted,
                    1 => PledgeState.Approved,
                    2 => PledgeState.Draft,
                    3 => PledgeState.Filed,
                    _ => PledgeState.Published,
                };
                plan.Add(new CurrentPledge(list[i], state, Ideas[random.Next(Ideas.Length)], i % 10 == 5));
            }
        }
        return plan;
    }

    private sealed record CurrentPledge(BranchMember Member, PledgeState State, (PledgeKind Kind, string Title, string Done) Idea, bool Progressed)
    {
        public Pledge Pledge(DateOnly month, DateTime now) => new()
        {
            CommunityCode = Member.CommunityCode, Member = Member, Month = month, Kind = Idea.Kind, Title = Idea.Title, DoneWhen = Idea.Done,
            DueOn = month.AddDays(24), State = State, CreatedAt = now.AddDays(-1),
            SubmittedAt = State >= PledgeState.Submitted ? now.AddHours(-20) : null, ApprovedAt = State >= PledgeState.Approved ? now.AddHours(-16) : null,
            FiledAt = State >= PledgeState.Filed ? now.AddHours(-12) : null, PublishedAt = State >= PledgeState.Published ? now.AddHours(-8) : null,
            Progress = Progressed ? "已联系相关人员，正在推进" : null, ProgressAt = Progressed ? now.AddHours(-2) : null,
        };
    }
}
