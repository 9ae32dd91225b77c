using Huying.Modules.Organisation;
using Huying.Modules.Notices;
using Huying.Platform.Accounts;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Demo;
using Huying.Platform.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Deliberation;

/// <summary>
/// The 晋海花园 "51" 共融议事长廊 of 学苑社区: the parking topic carried through to done, the basement auction
/// publicised with its objection window open, and a resident's new topic waiting to be screened. Run through the
/// real services on a clock that walks from months ago to now.
/// </summary>
internal sealed class DeliberationDemo(DemoContext demo)
{
    private readonly HuyingDbContext db = demo.Db;
    private readonly PersonalData personal = demo.Personal;
    private readonly TimeProvider realClock = demo.Clock;
    private readonly FileStore files = demo.Files;

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = realClock.GetUtcNow();
        var clock = new DemoClock(now.AddDays(-200));
        var system = new CurrentUser(new HttpContextAccessor());
        var notices = new NoticeService(db, clock, personal, system, demo.Services.GetRequiredService<PlaceNames>());
        var deliberation = new DeliberationService(db, notices, personal, system, files, clock, demo.Services.GetRequiredService<Platform.Composition.Chains>());
        const string author = "xueyuan.staff";

        var venue = await deliberation.CreateVenueAsync(new VenueInput(DemoPlaces.Xueyuan, "“51”共融议事长廊", "晋海花园(一期)中心绿地", 40, 7, 50), ct);

        // The parking story (done).
        var parking = await deliberation.RaiseAsync(new TopicInput(DemoPlaces.Xueyuan, "一期、二期共用门禁，车辆乱停乱放",
            "晋海花园(一期)与(二期)共用一个门禁，车辆进出混乱、乱停乱放，居民意见很大。建议召集居民代表议一议，拿出办法。",
            "晋海花园(一期)大门", 600, nameof(TopicSource.Representative), "韩志强", null), false, ct);
        clock.Now = clock.Now.AddDays(6);
        var meeting = await deliberation.ScheduleAsync(new MeetingInput(DemoPlaces.Xueyuan, venue!.Id, "停车问题议事会",
            clock.Now.AddDays(2).UtcDateTime, Invitees()), ct);
        await deliberation.PutOnAgendaAsync(parking!, meeting!.Id, author, ct);
        clock.Now = clock.Now.AddDays(2);
        await deliberation.SetAttendanceAsync(meeting, [.. meeting.Participants.Take(10).Select(p => p.Id)], ct);
        var barrier = await deliberation.AddOptionAsync(parking!, "小区门口加装双向门禁杆，一期与二期之间道路中间设置隔离桩", ct);
        var status = await deliberation.AddOptionAsync(parking!, "维持现状，由物业加强巡查劝导", ct);
        await deliberation.TallyAsync(parking!, barrier.Id, new TallyInput(9, 1, 0), ct);
        await deliberation.TallyAsync(parking!, status.Id, new TallyInput(1, 8, 1), ct);
        await deliberation.SetMinutesAsync(meeting, "居民代表、小区党支部成员和物管会人员现场讨论两个方案，多数赞成加装双向门禁杆并设置隔离桩，现场拍板。", ct);
        var notice = await deliberation.DecideAsync(parking!, new DecisionInput(barrier.Id,
            "采纳方案一：在小区门口加装双向门禁杆，并在道路中间设置隔离桩，引导居民有序停车。由小区物业和小区党支部组织实施。", 5), author, ct);
        clock.Now = clock.Now.AddDays(1);
        var objection = await notices.ObjectAsync(DemoPlaces.Xueyuan, notice.Id,
            new ObjectionInput("杨桂兰", "13935900001", "隔离桩会不会挡住消防车和救护车？"), ct);
        clock.Now = clock.Now.AddDays(1);
        await notices.AnswerAsync(objection!, new AnswerInput("隔离桩为可拆卸式，已在中间预留 4 米消防通道，救护车和消防车可以通行。", true, null), ct);
        clock.Now = clock.Now.AddDays(5);
        await deliberation.StartImplementingAsync(parking!, null, false, author, ct);
        await deliberation.AddTaskAsync(parking!, new TaskInput("小区门口加装双向门禁杆", "晋海花园物业服务有限公司", DateOnly.FromDateTime(clock.Now.AddDays(20).UtcDateTime)), ct);
        await deliberation.AddTaskAsync(parking!, new TaskInput("一期与二期之间道路设置隔离桩", "晋海花园(一期)党支部", DateOnly.FromDateTime(clock.Now.AddDays(25).UtcDateTime)), ct);
        clock.Now = clock.Now.AddDays(18);
        await deliberation.CompleteTaskAsync(parking!, parking!.Tasks[0].Id, "门禁杆已安装调试，一期、二期车辆分道进出。", author, ct);
        clock.Now = clock.Now.AddDays(6);
        await deliberation.CompleteTaskAsync(parking!, parking!.Tasks[1].Id, "隔离桩已设置，车辆停放有序。", author, ct);
        clock.Now = clock.Now.AddDays(2);
        await deliberation.CompleteAsync(parking!, author, ct);

        // The basement auction (publicised, objections open).
        clock.Now = now.AddDays(-20);
        var auction = await deliberation.RaiseAsync(new TopicInput(DemoPlaces.Xueyuan, "地下室竞拍事宜",
            "一期地下室闲置较多，部分住户私自占用。建议按公开、公平的办法竞拍分配，所得用于小区公共设施维护。",
            "晋海花园(一期)地下室", 420, nameof(TopicSource.Branch), null, null), false, ct);
        clock.Now = now.AddDays(-9);
        var second = await deliberation.ScheduleAsync(new MeetingInput(DemoPlaces.Xueyuan, venue.Id, "地下室竞拍议事会",
            now.AddDays(-2).UtcDateTime, Invitees()), ct);
        await deliberation.PutOnAgendaAsync(auction!, second!.Id, author, ct);
        clock.Now = now.AddDays(-2);
        await deliberation.SetAttendanceAsync(second, [.. second.Participants.Take(11).Select(p => p.Id)], ct);
        var open = await deliberation.AddOptionAsync(auction!, "公开竞拍，本小区住户优先，一户限拍一间", ct);
        var lottery = await deliberation.AddOptionAsync(auction!, "按楼栋抽签分配", ct);
        await deliberation.TallyAsync(auction!, open.Id, new TallyInput(8, 2, 1), ct);
        await deliberation.TallyAsync(auction!, lottery.Id, new TallyInput(3, 7, 1), ct);
        await deliberation.DecideAsync(auction!, new DecisionInput(open.Id,
            "地下室按公开竞拍方式分配，本小区住户优先、一户限拍一间；竞拍所得存入小区公共维修账户，收支按季度公示。", 7), author, ct);

        // A resident's new topic, waiting to be screened.
        clock.Now = now.AddDays(-1);
        await deliberation.RaiseAsync(new TopicInput(DemoPlaces.Xueyuan, "小区健身器材老化", "晋海花园(二期)健身器材生锈松动，老人孩子用着不安全，希望更换。",
            "晋海花园(二期)健身广场", 200, null, "王**", "13835900002"), true, ct);

        // Party affairs and finance notices of 府前社区.
        clock.Now = now.AddDays(-12);
        notices.Publish(DemoPlaces.Fuqian, NoticeKind.PartyAffairs, "府前社区党总支第四季度主题党日安排",
            "一、时间：每月第一个周五下午三点。\n二、地点：府前社区党群服务中心。\n三、内容：学习交流、在职党员进社区报到、志愿服务。\n欢迎居民群众监督。", null, 0, 90, null, "fuqian.staff");
        notices.Publish(DemoPlaces.Fuqian, NoticeKind.Finance, "府前社区2026年第三季度财务收支公示",
            "本季度收入：办公经费拨款 36,000.00 元；共建单位捐助 12,000.00 元。\n本季度支出：河边三巷路灯维护 4,800.00 元；志愿服务物资 3,250.00 元；办公支出 9,600.00 元。\n如有疑问，请在公示期内提出。", null, 10, 60, null, "fuqian.staff");
        await db.SaveChangesAsync(ct);
    }

    private static List<ParticipantInput> Invitees() =>
    [
        new("韩志强", nameof(ParticipantKind.BranchMember)), new("蔡丽华", nameof(ParticipantKind.BranchMember)),
        new("张秀英", nameof(ParticipantKind.ResidentRepresentative)), new("李建国", nameof(ParticipantKind.ResidentRepresentative)),
        new("王福生", nameof(ParticipantKind.ResidentRepresentative)), new("赵玉兰", nameof(ParticipantKind.ResidentRepresentative)),
        new("刘德胜", nameof(ParticipantKind.ResidentRepresentative)), new("陈淑珍", nameof(ParticipantKind.ResidentRepresentative)),
        new("郭长青", nameof(ParticipantKind.PropertyCommittee)), new("孙凤英", nameof(ParticipantKind.PropertyCommittee)),
        new("周海波", nameof(ParticipantKind.GridWorker)), new("吴晓燕", nameof(ParticipantKind.UnitRepresentative)),
    ];
}
