using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Modules.Deliberation.DeliberationCalls;

namespace Huying.Tests.Modules.Deliberation;

/// <summary>Named votes, merging, the agenda's guards, the objection window's bounds, the staff's six page handlers and
/// two people deciding at once.</summary>
public abstract class DeliberationFlowTests(AppFixture app)
{
    private const string Xueyuan = DemoRecords.Xueyuan;
    private const string Fuqian = DemoRecords.Fuqian;

    private static string Stage(JsonElement t) => t.GetProperty("stage").GetString()!;

    [Fact]
    public async Task NamedVotesOfPresentParticipantsAreCountedAndChangingAVoteMovesIt()
    {
        var staff = await app.As("xueyuan.staff");
        var (topic, meeting, option, participants) = await ArrangeAsync(staff, "电动车充电桩选址");
        await Json(await staff.PostAsJsonAsync($"/api/deliberation/meetings/{meeting}/attendance", new { present = participants[..7] }));
        Assert.Equal(HttpStatusCode.Conflict, (await Act(staff, topic, "vote", new { optionId = option, participantId = participants[8], choice = "for" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Act(staff, topic, "vote", new { optionId = option, participantId = participants[0], choice = "maybe" })).StatusCode);
        foreach (var (p, choice) in new[] { (0, "for"), (1, "for"), (2, "for"), (3, "against"), (4, "abstain") })
        {
            await Json(await Act(staff, topic, "vote", new { optionId = option, participantId = participants[p], choice }));
        }
        var changed = await Json(await Act(staff, topic, "vote", new { optionId = option, participantId = participants[3], choice = "for" }));
        Assert.Equal("discussed", Stage(changed));
        var counted = changed.GetProperty("options").EnumerateArray().Single();
        Assert.Equal(4, counted.GetProperty("for").GetInt32());
        Assert.Equal(0, counted.GetProperty("against").GetInt32());
        Assert.Equal(1, counted.GetProperty("abstain").GetInt32());
        await using var db = app.Database();
        Assert.Equal(5, await db.Votes.CountAsync(v => v.OptionId == option));
    }

    [Fact]
    public async Task ATopicMergesIntoAnOpenTopicOfItsCommunityOnly()
    {
        var staff = await app.As("xueyuan.staff");
        async Task<long> RaiseAsync(string title) => (await Json(await staff.PostAsJsonAsync("/api/deliberation/topics",
            new { communityCode = Xueyuan, title, description = "居民反映", source = "representative" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var first = await RaiseAsync("小区南门夜间照明");
        var second = await RaiseAsync("南门路灯太暗");
        var demo = await DemoRecords.LoadAsync(app);
        Assert.Equal(HttpStatusCode.Conflict, (await Act(staff, second, "merge", new { intoId = second })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Act(staff, second, "merge", new { intoId = demo.ParkingTopic })).StatusCode);
        var merged = await Json(await Act(staff, second, "merge", new { intoId = first }));
        Assert.Equal("merged", Stage(merged));
        Assert.Equal(first, merged.GetProperty("mergedIntoId").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await Act(staff, first, "merge", new { intoId = second })).StatusCode);
    }

    [Fact]
    public async Task TheAgendaTakesATopicOnlyForAMeetingOfItsCommunityNotYetHeld()
    {
        var staff = await app.As("xueyuan.staff");
        var county = await app.As("county");
        var demo = await DemoRecords.LoadAsync(app);
        var topic = (await Json(await staff.PostAsJsonAsync("/api/deliberation/topics",
            new { communityCode = Xueyuan, title = "楼顶防水维修", description = "顶楼漏水", source = "representative" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var held = await Json(await Act(staff, topic, "agenda", new { meetingId = demo.ParkingMeeting }), HttpStatusCode.Conflict);
        Assert.Equal("会议已经召开", held.GetProperty("title").GetString());
        // A meeting of 府前 is not found for 学苑's staff, and refused to the county (which sees both).
        await using (var db = app.Database())
        {
            var venue = new Huying.Modules.Deliberation.Venue { CommunityCode = DemoRecords.Fuqian, Name = "府前议事角", Capacity = 20, QuorumMinimum = 5, QuorumPercent = 50 };
            db.Venues.Add(venue);
            await db.SaveChangesAsync();
            var fuqianMeeting = new Huying.Modules.Deliberation.Meeting
            {
                CommunityCode = DemoRecords.Fuqian, VenueId = venue.Id, Title = "府前议事会", ScheduledAt = DateTime.UtcNow.AddDays(2),
            };
            db.Meetings.Add(fuqianMeeting);
            await db.SaveChangesAsync();
            Assert.Equal("会议不存在", (await Json(await Act(staff, topic, "agenda", new { meetingId = fuqianMeeting.Id }), HttpStatusCode.Conflict)).GetProperty("title").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await Act(county, topic, "agenda", new { meetingId = fuqianMeeting.Id })).StatusCode);
        }
        var stillRaised = await Json(await staff.GetAsync($"/api/deliberation/topics/{topic}"));
        Assert.Equal("raised", Stage(stillRaised));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public async Task TheObjectionWindowIsOneToSixtyDays(int days, bool allowed)
    {
        var staff = await app.As("xueyuan.staff");
        var (topic, meeting, option, participants) = await ArrangeAsync(staff, $"议事窗口{days}天");
        await Json(await staff.PostAsJsonAsync($"/api/deliberation/meetings/{meeting}/attendance", new { present = participants[..8] }));
        await Json(await Act(staff, topic, "tally", new { optionId = option, @for = 6, against = 1, abstain = 1 }));
        var response = await Act(staff, topic, "decide", new { optionId = option, decision = "按方案执行", objectionDays = days });
        if (!allowed)
        {
            Assert.Equal("异议期应为 1 至 60 天", (await Json(response, HttpStatusCode.Conflict)).GetProperty("title").GetString());
            Assert.Equal("discussed", Stage(await Json(await staff.GetAsync($"/api/deliberation/topics/{topic}"))));
            return;
        }
        var decided = await Json(response);
        var until = decided.GetProperty("objectionUntil").GetDateTime();
        var decidedAt = decided.GetProperty("decidedAt").GetDateTime();
        Assert.InRange((until - decidedAt).TotalDays, days - 1, days + 1);
    }

    [Fact]
    public async Task StaffRaiseATopicScheduleAMeetingTakeAttendanceRecordMinutesActAndAttachOnThePages()
    {
        var staff = await app.As("xueyuan.staff");
        await using var db = app.Database();
        var venue = await db.Venues.Where(v => v.CommunityCode == Xueyuan).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();

        var raised = await staff.SubmitAsync($"/deliberation?community={Xueyuan}", new()
        {
            ["community"] = Xueyuan, ["NewTopic.Title"] = "小区快递柜位置", ["NewTopic.Description"] = "快递柜占用消防通道", ["NewTopic.Place"] = "学苑小区东门",
            ["NewTopic.Source"] = "representative",
        }, handler: "Topic");
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var topicId = long.Parse(raised.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var emptyTopic = await staff.SubmitAsync($"/deliberation?community={Xueyuan}", new() { ["community"] = Xueyuan }, handler: "Topic");
        Assert.Equal(HttpStatusCode.OK, emptyTopic.StatusCode);

        var scheduled = await staff.SubmitAsync($"/deliberation?community={Xueyuan}", new()
        {
            ["community"] = Xueyuan, ["Meeting.Title"] = "快递柜议事会", ["Meeting.VenueId"] = venue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Meeting.ScheduledAt"] = DateTime.Now.AddDays(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Meeting.Participants[0].Name"] = "张一", ["Meeting.Participants[0].Kind"] = "ResidentRepresentative",
            ["Meeting.Participants[1].Name"] = "李二", ["Meeting.Participants[1].Kind"] = "居民代表",
            ["Meeting.Participants[2].Name"] = "王三", ["Meeting.Participants[2].Kind"] = "BranchMember",
            ["Meeting.Participants[3].Name"] = "赵四", ["Meeting.Participants[4].Name"] = "钱五", ["Meeting.Participants[5].Name"] = "孙六",
            ["Meeting.Participants[6].Name"] = "", ["Meeting.Participants[6].Kind"] = "GridWorker",
        }, handler: "Meeting");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var meetingUrl = scheduled.Headers.Location!.OriginalString;
        var meetingId = long.Parse(meetingUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var topicUrl = $"/deliberation/topics/{topicId}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(topicUrl, new()
        {
            ["action"] = "agenda", ["meetingId"] = meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, handler: "Action")).StatusCode);
        var refusedAction = await staff.SubmitAsync(topicUrl, new() { ["action"] = "decline" }, handler: "Action");
        Assert.Equal(HttpStatusCode.OK, refusedAction.StatusCode);
        Assert.Contains("请填写提出人能看到的理由", await refusedAction.Content.ReadAsStringAsync());
        // Posted without its action (an empty field binds as none): said so on the page, not a 500.
        var noAction = await staff.SubmitAsync(topicUrl, new() { ["action"] = "" }, handler: "Action");
        Assert.Equal(HttpStatusCode.OK, noAction.StatusCode);
        Assert.Contains("未知操作", await noAction.Content.ReadAsStringAsync());

        var participants = await db.Participants.Where(p => p.MeetingId == meetingId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        Assert.Equal(6, participants.Count);
        var attendance = new FormUrlEncodedContent([.. participants.Take(5).Select(p => new KeyValuePair<string, string>("present", p.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new("__RequestVerificationToken", Pages.AntiforgeryToken(await staff.GetStringAsync(meetingUrl)))]);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{meetingUrl}?handler=Attendance", attendance)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(meetingUrl, new() { ["minutes"] = "与会居民一致同意迁移快递柜。" }, handler: "Minutes")).StatusCode);
        var tooLong = await staff.SubmitAsync(meetingUrl, new() { ["minutes"] = new string('记', 9000) }, handler: "Minutes");
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);

        using (var photo = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(TestFiles.Png);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            photo.Add(file, "files", "site.png");
            photo.Add(new StringContent(Pages.AntiforgeryToken(await staff.GetStringAsync(topicUrl))), "__RequestVerificationToken");
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"{topicUrl}?handler=Attach", photo)).StatusCode);
        }

        await using var check = app.Database();
        var meeting = await check.Meetings.Include(m => m.Participants).SingleAsync(m => m.Id == meetingId);
        Assert.Equal(5, meeting.Participants.Count(p => p.Present));
        Assert.NotNull(meeting.HeldAt);
        Assert.Equal("与会居民一致同意迁移快递柜。", meeting.Minutes);
        var topic = await check.Topics.SingleAsync(t => t.Id == topicId);
        Assert.Equal(Huying.Modules.Deliberation.TopicStage.OnAgenda, topic.Stage);
        Assert.Equal(meetingId, topic.MeetingId);
        Assert.Equal(1, await check.Attachments.CountAsync(a => a.OwnerType == "Topic" && a.OwnerId == topicId));
    }

    [Fact]
    public async Task OfTwoStaffDecliningTheSameTopicAtOnceOneWinsAndTheOtherIsToldItChanged()
    {
        var staff = await app.As("xueyuan.staff");
        var secretary = await app.As("xueyuan.secretary");
        var topic = (await Json(await staff.PostAsJsonAsync("/api/deliberation/topics",
            new { communityCode = Xueyuan, title = "儿童游乐设施", description = "设施老化", source = "representative" }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var answers = await Task.WhenAll(Act(staff, topic, "decline", new { reason = "已纳入物业维修计划" }),
            Act(secretary, topic, "decline", new { reason = "属于物业职责" }), Act(staff, topic, "decline", new { reason = "重复" }));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var declined = await Json(await staff.GetAsync($"/api/deliberation/topics/{topic}"));
        Assert.Equal("declined", Stage(declined));
    }

    [Fact]
    public async Task AMeetingFormRefusedForOneFieldKeepsEverythingTypedAndANewVenueIsSavedOnlyWithItsMeeting()
    {
        var staff = await app.As("fuqian.staff");
        await using var db = app.Database();
        var venuesBefore = await db.Venues.CountAsync(v => v.CommunityCode == Fuqian);
        Dictionary<string, string> Form(string when) => new()
        {
            ["community"] = Fuqian, ["Meeting.Title"] = "楼道照明议事会", ["Meeting.VenueId"] = "", ["Meeting.ScheduledAt"] = when,
            ["Meeting.VenueName"] = "府前议事长廊", ["Meeting.VenuePlace"] = "府前街12号院", ["Meeting.VenueCapacity"] = "20",
            ["Meeting.Participants[0].Name"] = "张秀英", ["Meeting.Participants[0].Kind"] = "居民代表",
            ["Meeting.Participants[1].Name"] = "王建军", ["Meeting.Participants[1].Kind"] = "支部成员",
        };

        var refused = await staff.SubmitAsync($"/deliberation?community={Fuqian}", Form(""), handler: "Meeting");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请填写日期和时间", html);
        foreach (var typed in new[] { "楼道照明议事会", "府前议事长廊", "府前街12号院", "value=\"20\"", "张秀英", "王建军" })
        {
            Assert.Contains(typed, html);
        }
        Assert.Matches("<option value=\"BranchMember\" selected=\"selected\">支部成员</option>", html);
        Assert.Equal(venuesBefore, await db.Venues.CountAsync(v => v.CommunityCode == Fuqian));

        var scheduled = await staff.SubmitAsync($"/deliberation?community={Fuqian}",
            Form(DateTime.Now.AddDays(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)), handler: "Meeting");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var meetingId = long.Parse(scheduled.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var meeting = await db.Meetings.Include(m => m.Venue).Include(m => m.Participants).SingleAsync(m => m.Id == meetingId);
        Assert.Equal("府前议事长廊", meeting.Venue!.Name);
        Assert.Equal([ParticipantKind.ResidentRepresentative, ParticipantKind.BranchMember], meeting.Participants.OrderBy(p => p.Id).Select(p => p.Kind));
        Assert.Equal(venuesBefore + 1, await db.Venues.CountAsync(v => v.CommunityCode == Fuqian));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeliberationFlowTestsOnSqlite(SqliteApp app) : DeliberationFlowTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DeliberationFlowTestsOnPostgres(PostgresApp app) : DeliberationFlowTests(app);
