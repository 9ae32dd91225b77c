using Huying.Modules.Deliberation;
using Huying.Modules.Matters;
using CouncilMeeting = Huying.Modules.Deliberation.MeetingInput;
using CouncilDecision = Huying.Modules.Deliberation.DecisionInput;
using CouncilTask = Huying.Modules.Deliberation.TaskInput;
using Huying.Modules.Notices;
using Huying.Modules.Organisation;
using Huying.Platform.Accounts;
using Huying.Platform.Composition;
using Huying.Platform.Data;
using Huying.Platform.Demo;
using Microsoft.EntityFrameworkCore;

namespace Huying.Modules.Projects;

/// <summary>
/// The chain of 河边三巷 (履历) in the demo, around what <see cref="ProjectDemo"/> seeds: the residents' first flooding
/// reports the summer before, the topic the community raised from them and the residents' council that decided to put
/// it to the big committee, then — once the projects are accepted — their acceptance notices with a resident's question
/// answered and the topic closed. Run through the real deliberation and notice services on a clock walking those days.
/// </summary>
internal sealed class ProjectChainDemo(DemoContext demo)
{
    private const string Author = "fuqian.staff";
    private readonly HuyingDbContext db = demo.Db;
    private readonly DemoClock clock = new(demo.Clock.GetUtcNow());
    private NoticeService? notices;
    private DeliberationService? deliberation;
    private Topic? topic;

    private NoticeService Notices => notices ??= new NoticeService(db, clock, demo.Personal, new CurrentUser(new HttpContextAccessor()), demo.Services.GetRequiredService<PlaceNames>());

    private DeliberationService Deliberation => deliberation ??= new DeliberationService(db, Notices, demo.Personal, new CurrentUser(new HttpContextAccessor()),
        demo.Files, clock, demo.Services.GetRequiredService<Chains>());

    /// <summary>The first reports about the alley before <paramref name="before"/>, and the topic raised from them and decided; the needs then carry it out.</summary>
    public async Task<(long? TopicId, List<long> MatterIds)> DecideAsync(long alley, DateTime before, CancellationToken ct)
    {
        var first = await db.Matters.AsNoTracking().Where(m => m.BuildingId == alley && m.CategoryCode == "drainage" && m.SubmittedAt < before)
            .OrderBy(m => m.SubmittedAt).Select(m => new { m.Id, m.SubmittedAt }).ToListAsync(ct);
        if (first.Count == 0)
        {
            return (null, []);
        }
        clock.Now = first[^1].SubmittedAt.AddDays(3);
        topic = await Deliberation.RaiseAsync(new TopicInput(DemoPlaces.Fuqian, "河边三巷积水和土路问题怎么解决",
            "河边三巷建于1985年，至今是土路，没有排水设施，一下雨就积水、污水倒灌进院子，网格内无法解决。请居民代表议一议怎么办。",
            "河边三巷", 46, null, null, null, $"matter:{first[0].Id}"), false, ct);
        var venue = await Deliberation.CreateVenueAsync(new VenueInput(DemoPlaces.Fuqian, "府前社区居民议事厅", "府前社区党群服务中心二楼", 40, 7, 50), ct);
        clock.Now = clock.Now.AddDays(2);
        var meeting = await Deliberation.ScheduleAsync(new CouncilMeeting(DemoPlaces.Fuqian, venue!.Id, "河边三巷改造居民议事会", clock.Now.AddDays(3).UtcDateTime,
        [
            new("刘春生", nameof(ParticipantKind.BranchMember)), new("马桂芳", nameof(ParticipantKind.ResidentRepresentative)),
            new("杨守义", nameof(ParticipantKind.ResidentRepresentative)), new("牛玉梅", nameof(ParticipantKind.ResidentRepresentative)),
            new("贾建军", nameof(ParticipantKind.ResidentRepresentative)), new("薛丽萍", nameof(ParticipantKind.ResidentRepresentative)),
            new("程国庆", nameof(ParticipantKind.GridWorker)), new("卫红霞", nameof(ParticipantKind.UnitRepresentative)),
        ]), ct);
        await Deliberation.PutOnAgendaAsync(topic, meeting!.Id, Author, ct);
        clock.Now = clock.Now.AddDays(3);
        await Deliberation.SetAttendanceAsync(meeting, [.. meeting.Participants.Take(7).Select(p => p.Id)], ct);
        var committee = await Deliberation.AddOptionAsync(topic, "提请社区“大党委”联席会议立项：巷道硬化、雨污分流，由驻区单位认领实施", ct);
        var selfFunded = await Deliberation.AddOptionAsync(topic, "住户自筹资金，分段铺设", ct);
        await Deliberation.TallyAsync(topic, committee.Id, new TallyInput(7, 0, 0), ct);
        await Deliberation.TallyAsync(topic, selfFunded.Id, new TallyInput(1, 5, 1), ct);
        await Deliberation.SetMinutesAsync(meeting, "住户代表一致认为巷道硬化和排水要一次解决，同意提请“大党委”联席会议立项，由驻区单位认领实施；施工期间由网格员协调住户出行。", ct);
        await Deliberation.DecideAsync(topic, new CouncilDecision(committee.Id,
            "采纳方案一：河边三巷巷道硬化、雨污分流列入社区需求清单，提请“大党委”联席会议立项，由驻区单位认领实施；社区负责协调住户、组织验收。", 5), Author, ct);
        clock.Now = clock.Now.AddDays(6);
        await Deliberation.StartImplementingAsync(topic, null, false, Author, ct);
        await Deliberation.AddTaskAsync(topic, new CouncilTask("提请“大党委”联席会议立项", "府前社区党总支", DateOnly.FromDateTime(clock.Now.AddDays(30).UtcDateTime)), ct);
        return (topic.Id, [.. first.Select(m => m.Id)]);
    }

    /// <summary>The acceptance notices of the alley's projects (a resident's question answered) and the topic done.</summary>
    public async Task AcceptAsync(IReadOnlyList<Project> projects, DateTime acceptedAt, DateTime meetingAt, CancellationToken ct)
    {
        if (topic is not null)
        {
            clock.Now = meetingAt;
            await Deliberation.CompleteTaskAsync(topic, topic.Tasks[0].Id, "联席会议已议定立项，垣曲县项目推进中心、县发改局认领实施。", Author, ct);
        }
        clock.Now = acceptedAt;
        foreach (var project in projects)
        {
            var notice = Notices.Publish(DemoPlaces.Fuqian, NoticeKind.ProjectProgress, $"验收公示：{project.Title}",
                $"{project.Title}已完工，经社区组织河边三巷住户代表、网格员现场验收：{project.AcceptanceNote}\n公示期5天，如有异议请向社区反映。",
                project.Place, 5, 30, null, "fuqian.secretary");
            await db.SaveChangesAsync(ct);
            project.NoticeId = notice.Id;
        }
        await db.SaveChangesAsync(ct);
        clock.Now = acceptedAt.AddDays(1);
        var question = await Notices.ObjectAsync(DemoPlaces.Fuqian, projects[0].NoticeId!.Value,
            new ObjectionInput("马桂芳", "13935900011", "巷口东侧还有一段排水沟盖板没有盖好。"), ct);
        clock.Now = clock.Now.AddDays(1);
        await Notices.AnswerAsync(question!, new AnswerInput("已请施工单位补装盖板，4月17日完成，欢迎监督。", true, null), ct);
        if (topic is not null)
        {
            await Deliberation.CompleteAsync(topic, Author, ct);
        }
    }
}
