using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Huying.Platform.Privacy;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Volunteering;

/// <summary>
/// The report's volunteering (DESIGN §8): Yuanqu's four teams and their activities this year with partner units —
/// 30+ of them, 13,000+ residents served in all (with the "985" room's Fridays) — the weekly "985" study room at
/// 学苑社区, 万荣's 银发人才库 (河东银发红管家) serving 后土社区, and 河津's riders and drivers at the four gaokao
/// sites on 7 June; the accounts volunteer, rider, hejin.social and wanrong.silver.
/// </summary>
internal sealed class VolunteeringDemo(DemoContext demo)
{
    public static readonly DemoAccount[] Accounts =
    [
        new("hejin.social", Roles.CountyOfficer, "河津市委社会工作部 · 140882"),
        new("wanrong.silver", Roles.CountyOfficer, "万荣县委老干部局 · 140822"),
        new("rider", Roles.Volunteer, "河津市外卖骑手志愿者"),
    ];

    /// <summary>People the four teams' activities with partner units served this year, with the "985" room's: 13,000+.</summary>
    public const int PeopleServedThisYear = 13_480;
    public const int ActivitiesWithUnits = 33;

    private readonly HuyingDbContext db = demo.Db;
    private readonly PersonalData personal = demo.Personal;
    private readonly Synthetic synthetic = new(new Random(2611));
    private Random Random => synthetic.Random;
    private DateTime now;

    public async Task SeedAsync(CancellationToken ct)
    {
        now = demo.Clock.GetUtcNow().UtcDateTime;
        var year = Display.Local(now).Year;
        var yearStart = Display.ToUtc(new DateTime(year, 1, 1));
        var unitsOf = (await db.PartnerUnitCommunities.AsNoTracking().ToListAsync(ct))
            .GroupBy(l => l.CommunityCode).ToDictionary(g => g.Key, g => g.Select(l => l.PartnerUnitId).Distinct().ToList());

        // ---- The four Yuanqu teams (DESIGN §8) and a tutors' team for the "985" room.
        var teams = new (string Community, string Name, string Focus, string[] Activities)[]
        {
            (DemoPlaces.Town + "022", "蓝星星志愿服务队", "助残", ["助残陪伴 · 康复训练", "残疾人家庭走访", "无障碍出行帮扶", "“蓝星星”手工坊"]),
            (DemoPlaces.Town + "014", "银发先锋志愿服务队", "关爱老人", ["银发先锋 · 义务理发", "独居老人探访", "老年人防诈骗宣讲", "健康义诊进小区"]),
            (DemoPlaces.Town + "015", "炒棋少年志愿服务队", "关爱儿童", ["炒棋少年 · 象棋课堂", "假期托管 · 作业辅导", "少年棋赛", "亲子阅读"]),
            (DemoPlaces.Town + "012", "爱心妈妈团", "关爱留守儿童", ["爱心妈妈 · 留守儿童陪伴", "爱心午餐", "儿童安全教育", "节日关爱慰问"]),
        };
        var teamRows = new List<(VolunteerTeam Team, List<Volunteer> Members, string[] Activities)>();
        foreach (var (community, name, focus, activities) in teams)
        {
            var members = Enumerable.Range(0, 8).Select(i => NewVolunteer(community, i % 3 == 0 ? Affiliation.PartyMember : Affiliation.Resident,
                focus == "关爱老人" ? "理发,陪伴" : focus == "助残" ? "康复,陪伴" : "辅导,陪伴")).ToList();
            var team = Team(community, name, TeamKind.ServiceTeam, focus, null, null, members, unitsOf.GetValueOrDefault(community)?.Take(2) ?? []);
            teamRows.Add((team, members, activities));
        }
        var tutors = Enumerable.Range(0, 5).Select(_ => NewVolunteer(DemoPlaces.Xueyuan, Affiliation.InServiceMember, "数学辅导,语文辅导,英语辅导")).ToList();
        var room = Team(DemoPlaces.Xueyuan, "“985”学堂辅导老师", TeamKind.ServiceTeam, "课业辅导", null, null, tutors, []);

        // The demo's volunteer account: a 府前 resident who serves with the 爱心妈妈团 and in 府前's own activities.
        var volunteerUser = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == "volunteer", ct);
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == volunteerUser.PersonId, ct);
        var me = NewVolunteer(DemoPlaces.Fuqian, Affiliation.Resident, "陪伴,急救", person.Name);
        me.PersonId = person.Id;
        me.UserId = volunteerUser.Id;
        await db.SaveChangesAsync(ct);
        db.TeamMembers.Add(new TeamMember { TeamId = teamRows[3].Team.Id, VolunteerId = me.Id, JoinedOn = DateOnly.FromDateTime(Display.Local(yearStart)) });
        // Commended on last year's International Volunteer Day (5 December) by the community's party committee.
        db.Add(new VolunteerCommendation
        {
            VolunteerId = me.Id, CommunityCode = me.CommunityCode, Title = "优秀志愿者", AwardedBy = "府前社区党委", AwardedOn = new DateOnly(year - 1, 12, 5),
            Note = $"{year - 1}年度社区志愿服务", RecordedBy = "demo", RecordedAt = now,
        });

        // ---- "985" study room: every Friday 15:30–17:30 in the 60 m² room of 学苑社区's 新时代文明实践站, no class on holidays.
        var firstFriday = new DateTime(year, 3, 6);
        while (firstFriday.DayOfWeek != DayOfWeek.Friday)
        {
            firstFriday = firstFriday.AddDays(1);
        }
        var studyRoom = new Activity
        {
            CommunityCode = DemoPlaces.Xueyuan, TeamId = room.Id, Title = "“985”学堂 · 周五课业辅导",
            Description = "新时代文明实践站60平方米学习室，每周五下午老师志愿辅导孩子们完成作业。", Venue = "学苑社区新时代文明实践站“985”学习室（60㎡）",
            StartsAt = Display.ToUtc(firstFriday.AddHours(15.5)), EndsAt = Display.ToUtc(firstFriday.AddHours(17.5)),
            Recurrence = "FREQ=WEEKLY;BYDAY=FR", SkipHolidays = true, TargetGroup = "辖区中小学生", PeopleExpected = 20, CreatedAt = yearStart,
            Posts = [new ActivityPost { Name = "辅导老师", Capacity = 4, Skills = "数学辅导,语文辅导,英语辅导" }],
        };
        db.Activities.Add(studyRoom);
        await db.SaveChangesAsync(ct);
        var calendars = demo.Services.GetRequiredService<Platform.Calendar.WorkCalendars>();
        var schedule = new Schedule(calendars);
        var fridays = (await schedule.SlotsAsync(db, [studyRoom], yearStart, now, withCancelled: false, ct)).Where(s => s.EndsAt < now).ToList();
        var roomServed = 0;
        foreach (var (slot, i) in fridays.Select((s, i) => (s, i)))
        {
            var served = 12 + Random.Next(9);
            roomServed += served;
            db.Occurrences.Add(new Occurrence { ActivityId = studyRoom.Id, CommunityCode = DemoPlaces.Xueyuan, StartsAt = slot.StartsAt, PeopleServed = served });
            foreach (var tutor in tutors.Skip(i % 2).Take(3))
            {
                Served(studyRoom, studyRoom.Posts[0], tutor, slot.StartsAt, slot.EndsAt, "xueyuan.staff");
            }
        }

        // ---- The four teams' activities with partner units this year, spread over the months so far.
        var withUnits = new List<(Activity Activity, List<Volunteer> Members)>();
        var span = Math.Max(1, (now.AddDays(-1) - yearStart).TotalDays);
        for (var i = 0; i < ActivitiesWithUnits; i++)
        {
            var (team, members, titles) = teamRows[i % teamRows.Count];
            var day = yearStart.AddDays(span * (i + 0.5) / ActivitiesWithUnits);
            var start = Display.ToUtc(Display.Local(day).Date.AddHours(9));
            if (start > now.AddHours(-3))
            {
                start = now.AddHours(-3);
            }
            var units = unitsOf.GetValueOrDefault(team.CommunityCode) ?? [];
            var chosen = units.Skip(i % Math.Max(1, units.Count)).Take(2).ToList();
            var activity = new Activity
            {
                CommunityCode = team.CommunityCode, TeamId = team.Id, Title = titles[i / teamRows.Count % titles.Length],
                Description = $"{team.Name}联合共驻共建单位开展志愿服务。", Venue = "社区党群服务中心", StartsAt = start, EndsAt = start.AddHours(2.5),
                TargetGroup = team.Focus, PeopleExpected = 300, CreatedAt = start.AddDays(-7),
                Units = [.. chosen.Select(u => new ActivityUnit { PartnerUnitId = u })], UnitCount = chosen.Count,
                Posts = [new ActivityPost { Name = "服务岗", Capacity = 10, Skills = "" }],
            };
            db.Activities.Add(activity);
            withUnits.Add((activity, members));
        }
        await db.SaveChangesAsync(ct);
        var remaining = PeopleServedThisYear - roomServed;
        for (var i = 0; i < withUnits.Count; i++)
        {
            var (activity, members) = withUnits[i];
            var left = withUnits.Count - i;
            var served = left == 1 ? remaining : (int)(remaining / left * (0.7 + Random.NextDouble() * 0.6));
            remaining -= served;
            db.Occurrences.Add(new Occurrence { ActivityId = activity.Id, CommunityCode = activity.CommunityCode, StartsAt = activity.StartsAt, PeopleServed = served });
            foreach (var v in members.Skip(i % 3).Take(5))
            {
                Served(activity, activity.Posts[0], v, activity.StartsAt, activity.EndsAt, "town");
            }
            if (activity.TeamId == teamRows[3].Team.Id && i % 2 == 1)
            {
                Served(activity, activity.Posts[0], me, activity.StartsAt, activity.EndsAt, "town");
            }
        }

        // ---- Coming activities with open places, in 府前 and with the teams.
        var soon = Display.Local(now).Date.AddDays(3).AddHours(9);
        var upcoming = new[]
        {
            (DemoPlaces.Fuqian, (long?)null, "河边三巷环境清洁日", "河边三巷口", new[] { ("清扫组", 8), ("垃圾分类引导", 4) }),
            (DemoPlaces.Fuqian, (long?)null, "逸景名苑义务巡逻", "逸景名苑东门", new[] { ("巡逻岗", 6) }),
            (teamRows[3].Team.CommunityCode, (long?)teamRows[3].Team.Id, "爱心妈妈 · 周末陪伴", "惠民社区儿童之家", new[] { ("陪伴岗", 6) }),
            (teamRows[1].Team.CommunityCode, (long?)teamRows[1].Team.Id, "银发先锋 · 义务理发", "青年山社区党群服务中心", new[] { ("理发岗", 3), ("秩序引导", 2) }),
        };
        foreach (var (community, teamId, title, venue, posts) in upcoming)
        {
            var start = Display.ToUtc(soon);
            soon = soon.AddDays(2);
            var activity = new Activity
            {
                CommunityCode = community, TeamId = teamId, Title = title, Venue = venue, StartsAt = start, EndsAt = start.AddHours(2),
                Description = "欢迎居民报名参加。", TargetGroup = "辖区居民", PeopleExpected = 50, CreatedAt = now,
                Posts = [.. posts.Select(p => new ActivityPost { Name = p.Item1, Capacity = p.Item2 })],
            };
            db.Activities.Add(activity);
            await db.SaveChangesAsync(ct);
            if (title == "河边三巷环境清洁日")
            {
                db.SignUps.Add(Place(activity, activity.Posts[0], me, activity.StartsAt, activity.EndsAt, 1));
            }
        }

        await SeedWanrongAsync(year, ct);
        await SeedHejinAsync(year, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        demo.Summary.Add($"volunteering: {teamRows.Count + 3} teams, {ActivitiesWithUnits} activities with partner units, the weekly 985 room ({fridays.Count} Fridays held)");
    }

    /// <summary>万荣县委老干部局's 银发人才库: 11 retired experts (brand 河东银发红管家) serving 后土社区.</summary>
    private async Task SeedWanrongAsync(int year, CancellationToken ct)
    {
        var expertise = new[] { "历史文化讲座", "政策宣讲", "反诈宣传", "书法", "剪纸", "法律咨询", "历史文化讲座", "书法", "政策宣讲", "剪纸", "家风家教" };
        var experts = expertise.Select(e =>
        {
            var v = NewVolunteer(DemoPlaces.Houtu, Affiliation.RetiredCadre, e);
            v.InTalentPool = true;
            v.Expertise = e;
            return v;
        }).ToList();
        var team = Team(DemoPlaces.Houtu, "万荣县银发人才库", TeamKind.TalentPool, "银发人才服务社区", "万荣县委老干部局", "河东银发红管家", experts, []);
        var topics = new[] { ("“河东银发红管家” · 后土文化历史讲座", "历史文化讲座"), ("防范电信诈骗宣讲", "反诈宣传"), ("书法进社区", "书法"), ("剪纸课堂", "剪纸") };
        for (var i = 0; i < topics.Length; i++)
        {
            var start = Display.ToUtc(new DateTime(year, 4 + i * 2, 15, 9, 0, 0));
            if (start > now.AddDays(-1))
            {
                continue;
            }
            var activity = new Activity
            {
                CommunityCode = DemoPlaces.Houtu, TeamId = team.Id, Title = topics[i].Item1, Venue = "后土社区党群服务中心", StartsAt = start, EndsAt = start.AddHours(2),
                TargetGroup = "社区居民", PeopleExpected = 80, CreatedAt = start.AddDays(-10),
                Posts = [new ActivityPost { Name = "主讲", Capacity = 2, Skills = topics[i].Item2 }],
            };
            db.Activities.Add(activity);
            await db.SaveChangesAsync(ct);
            db.Occurrences.Add(new Occurrence { ActivityId = activity.Id, CommunityCode = DemoPlaces.Houtu, StartsAt = start, PeopleServed = 60 + Random.Next(60) });
            foreach (var v in experts.Where(e => e.Expertise == topics[i].Item2).Take(2))
            {
                Served(activity, activity.Posts[0], v, start, activity.EndsAt, "wanrong.silver");
            }
        }
        await demo.AddAccountAsync(Accounts[1], "万荣县委老干部局", "140822");
    }

    /// <summary>河津市委社会工作部's riders and drivers at the four gaokao sites on 7 June, and their next turn.</summary>
    private async Task SeedHejinAsync(int year, CancellationToken ct)
    {
        var riders = Enumerable.Range(0, 16).Select(i =>
        {
            var v = NewVolunteer(DemoPlaces.Hugang, Affiliation.NewEmploymentWorker, "交通引导,物资配送");
            (v.Platform, v.Employer) = (i % 8) switch { < 3 => ("美团", (string?)null), < 6 => ("饿了么", null), _ => ((string?)null, "运达物流") };
            return v;
        }).ToList();
        var riderUser = await demo.AddAccountAsync(Accounts[2], riders[0].Name, DemoPlaces.Hugang);
        riders[0].UserId = riderUser.Id;
        var team = Team(DemoPlaces.Hugang, "河津市新就业群体志愿服务队", TeamKind.NewEmploymentGroup, "爱心送考 · 交通引导", "河津市委社会工作部", null, riders, []);
        team.LeaderId = riders[1].Id;
        var sites = new[] { "河津中学", "第二中学", "实验中学", "第二初中" };
        var gaokao = Display.ToUtc(new DateTime(year, 6, 7, 7, 0, 0));
        var activity = new Activity
        {
            CommunityCode = DemoPlaces.Hugang, TeamId = team.Id, Title = "护航高考 · 新就业群体志愿服务", Venue = string.Join("、", sites),
            Description = "外卖骑手、货车司机在四个考点开展交通引导，设立补给点提供文具、饮用水和急救包。",
            StartsAt = gaokao, EndsAt = gaokao.AddHours(11), TargetGroup = "考生及家长", PeopleExpected = 2000, CreatedAt = gaokao.AddDays(-14),
            Posts = [.. sites.SelectMany(s => new[]
            {
                new ActivityPost { Name = $"{s} · 交通引导", Capacity = 6, Skills = "交通引导" },
                new ActivityPost { Name = $"{s} · 补给点", Capacity = 2, Skills = "物资配送" },
            })],
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        if (gaokao < now)
        {
            db.Occurrences.Add(new Occurrence { ActivityId = activity.Id, CommunityCode = DemoPlaces.Hugang, StartsAt = gaokao, PeopleServed = 1860 });
            for (var i = 0; i < riders.Count; i++)
            {
                var post = activity.Posts[i % 4 * 2 + (i >= 12 ? 1 : 0)];
                Served(activity, post, riders[i], gaokao, activity.EndsAt, "hejin.social");
            }
        }
        await demo.AddAccountAsync(Accounts[0], "河津市委社会工作部", "140882");
    }

    private Volunteer NewVolunteer(string community, Affiliation affiliation, string skills, string? name = null)
    {
        var phone = personal.ProtectPhone(synthetic.Phone());
        var v = new Volunteer
        {
            CommunityCode = community, Name = name ?? synthetic.PersonName(Random.Next(2) == 0), PhoneCipher = phone.Cipher, PhoneMasked = phone.Masked,
            Affiliation = affiliation, Skills = skills, Availability = "周末", RegisteredAt = now.AddDays(-300),
        };
        db.Volunteers.Add(v);
        return v;
    }

    private VolunteerTeam Team(string community, string name, TeamKind kind, string focus, string? organiser, string? brand,
        List<Volunteer> members, IEnumerable<long> units)
    {
        db.SaveChanges();
        var team = new VolunteerTeam
        {
            CommunityCode = community, Name = name, Kind = kind, Focus = focus, Organiser = organiser, Brand = brand, LeaderId = members[0].Id,
            Members = [.. members.Select(m => new TeamMember { VolunteerId = m.Id, JoinedOn = DateOnly.FromDateTime(Display.Local(now)).AddDays(-300) })],
            Units = [.. units.Select(u => new TeamUnit { PartnerUnitId = u })],
        };
        db.VolunteerTeams.Add(team);
        db.SaveChanges();
        return team;
    }

    private static SignUp Place(Activity activity, ActivityPost post, Volunteer v, DateTime start, DateTime end, int seat) => new()
    {
        CommunityCode = activity.CommunityCode, ActivityId = activity.Id, PostId = post.Id, VolunteerId = v.Id, OccurrenceStart = start, OccurrenceEnd = end,
        State = SignUpState.Taken, Seat = seat, SignedUpAt = start.AddDays(-5),
    };

    private readonly Dictionary<(long Post, DateTime Start), int> seats = [];

    /// <summary>A place held, checked in by the code and confirmed by the organiser.</summary>
    private void Served(Activity activity, ActivityPost post, Volunteer v, DateTime start, DateTime end, string by)
    {
        var seat = seats[(post.Id, start)] = seats.GetValueOrDefault((post.Id, start)) + 1;
        var place = Place(activity, post, v, start, end, seat);
        place.CheckedInAt = start.AddMinutes(-10);
        place.CheckInBy = "qr";
        place.CheckedOutAt = end;
        place.Hours = (decimal)Math.Floor((end - start).TotalHours * 2) / 2;
        place.HoursConfirmedAt = end.AddHours(1) < now ? end.AddHours(1) : now;
        place.ConfirmedBy = by;
        db.SignUps.Add(place);
    }
}
