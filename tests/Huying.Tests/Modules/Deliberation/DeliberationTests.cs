using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.ServiceModel.Syndication;
using System.Xml;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

using static Huying.Tests.Modules.Deliberation.DeliberationCalls;

namespace Huying.Tests.Modules.Deliberation;

public abstract partial class DeliberationTests(AppFixture app)
{
    private const string Xueyuan = DemoRecords.Xueyuan;
    private DemoRecords? demo;
    private async Task<DemoRecords> Demo() => demo ??= await DemoRecords.LoadAsync(app);

    [Fact]
    public async Task ATopicGoesFromRaisedToDoneAndEveryStageIsPublished()
    {
        var staff = await app.As("xueyuan.staff");
        var (topic, meeting, option, participants) = await ArrangeAsync(staff, "楼道杂物清理");
        var notices = await Json(await staff.GetAsync($"/api/notices?community={Xueyuan}"), HttpStatusCode.OK);
        var announcement = notices.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("title").GetString() == "议事会预告：楼道杂物清理议事会");
        var announced = await Json(await staff.GetAsync($"/api/notices/{announcement.GetProperty("id").GetInt64()}"), HttpStatusCode.OK);
        Assert.Contains("1. 楼道杂物清理", announced.GetProperty("body").GetString());
        Assert.Contains("测试议事亭", announced.GetProperty("body").GetString());
        await Json(await staff.PostAsJsonAsync($"/api/deliberation/meetings/{meeting}/attendance", new { present = participants[..9] }), HttpStatusCode.OK);
        await Json(await Act(staff, topic, "tally", new { optionId = option, @for = 8, against = 1, abstain = 0 }), HttpStatusCode.OK);
        var decided = await Json(await Act(staff, topic, "decide", new { optionId = option, decision = "一周内清理完毕", objectionDays = 5 }), HttpStatusCode.OK);
        Assert.Equal("publicised", decided.GetProperty("stage").GetString());
        var noticeId = decided.GetProperty("noticeId").GetInt64();
        var rewrite = await staff.PostAsJsonAsync($"/api/deliberation/meetings/{meeting}/attendance", new { present = participants[..3] });
        Assert.Equal(HttpStatusCode.Conflict, rewrite.StatusCode);

        var early = await Act(staff, topic, "start", new { });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("异议期尚未结束", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var staffUrgent = await Act(staff, topic, "start", new { urgentReason = "消防检查" });
        Assert.Equal(HttpStatusCode.Conflict, staffUrgent.StatusCode);

        var secretary = await app.As("xueyuan.secretary");
        await Json(await Act(secretary, topic, "start", new { urgentReason = "消防检查在即，需立即清理" }), HttpStatusCode.OK);
        var withTask = await Json(await Act(secretary, topic, "task", new { title = "清理3号楼楼道", owner = "物业", dueDate = "2026-12-31" }), HttpStatusCode.OK);
        var taskId = withTask.GetProperty("tasks")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await Act(secretary, topic, "complete", new { })).StatusCode);
        await Json(await Act(secretary, topic, "task-done", new { taskId, note = "已清理" }), HttpStatusCode.OK);
        var done = await Json(await Act(secretary, topic, "complete", new { }), HttpStatusCode.OK);
        Assert.Equal("done", done.GetProperty("stage").GetString());

        var notice = await Json(await secretary.GetAsync($"/api/notices/{noticeId}"), HttpStatusCode.OK);
        Assert.Equal(4, notice.GetProperty("currentVersion").GetInt32());
        Assert.True(notice.GetProperty("chainIntact").GetBoolean());
        var body = notice.GetProperty("body").GetString()!;
        Assert.Contains("议事结果公示：楼道杂物清理", notice.GetProperty("title").GetString());
        Assert.Contains("应到 12 人，实到 9 人", body);
        Assert.Contains("赞成 8 票", body);
        Assert.Contains("消防检查在即", body);
        Assert.Contains("清理3号楼楼道（物业）已完成", body);
        Assert.DoesNotContain("代表1", body);

        await using var db = app.Database();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "urgent-start" && a.EntityId == topic.ToString() && a.UserName == "xueyuan.secretary"));
        var figures = await Json(await secretary.GetAsync($"/api/deliberation/figures?division={Xueyuan}"), HttpStatusCode.OK);
        // Counted here from the rows: this story's topic is one of the done ones, its meeting one of those held.
        var doneTopics = await db.Topics.Where(t => t.CommunityCode == Xueyuan && t.Stage == TopicStage.Done).Select(t => t.Id).ToListAsync();
        Assert.Contains(topic, doneTopics);
        Assert.Equal(doneTopics.Count, figures.GetProperty("topicsImplemented").GetInt32());
        var held = await db.Meetings.Where(m => m.CommunityCode == Xueyuan && m.HeldAt != null).Select(m => m.Id).ToListAsync();
        Assert.Contains(meeting, held);
        Assert.Equal(held.Count, figures.GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(await db.Topics.CountAsync(t => t.CommunityCode == Xueyuan), figures.GetProperty("topicsRaised").GetInt32());
    }

    [Fact]
    public async Task AMeetingWithoutQuorumCannotDecide()
    {
        var staff = await app.As("xueyuan.staff");
        var (topic, meeting, option, participants) = await ArrangeAsync(staff, "无法定人数测试");
        var attended = await Json(await staff.PostAsJsonAsync($"/api/deliberation/meetings/{meeting}/attendance", new { present = participants[..6] }), HttpStatusCode.OK);
        Assert.False(attended.GetProperty("hasQuorum").GetBoolean());
        await Json(await Act(staff, topic, "tally", new { optionId = option, @for = 6, against = 0, abstain = 0 }), HttpStatusCode.OK);
        var refused = await Act(staff, topic, "decide", new { optionId = option, decision = "清理", objectionDays = 5 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("会议未达到法定人数，不能作出决定", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var after = await Json(await staff.GetAsync($"/api/deliberation/topics/{topic}"), HttpStatusCode.OK);
        Assert.Equal("discussed", after.GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Act(staff, topic, "tally", new { optionId = option, @for = 7, against = 0, abstain = 0 })).StatusCode);
    }

    [Fact]
    public async Task AnObjectionDuringTheWindowIsRecordedAnsweredAndShownWithoutPrivateData()
    {
        var d = await Demo();
        var resident = app.Anonymous();
        var url = $"/c/{Xueyuan}/notices/{d.AuctionNotice}";
        var form = await resident.GetStringAsync(url);
        Assert.Contains("对本公示提出异议", form);
        var posted = await resident.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "王小明", ["Input.Phone"] = "13912345678", ["Input.Content"] = "起拍价太高，困难户拍不起。",
            ["__RequestVerificationToken"] = Pages.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var track = posted.Headers.Location!.ToString();
        Assert.Contains("已收到", await resident.GetStringAsync(track));

        await using (var db = app.Database())
        {
            var stored = await db.Objections.SingleAsync(o => o.Content == "起拍价太高，困难户拍不起。");
            Assert.DoesNotContain("13912345678", stored.PhoneCipher);
            Assert.Equal("139****5678", stored.PhoneMasked);
            var staff = await app.As("xueyuan.staff");
            await Json(await staff.PostAsJsonAsync($"/api/notices/objections/{stored.Id}/answer",
                new { answer = "困难户可申请分期付款，详见补充说明。", publish = true }), HttpStatusCode.OK);
        }
        var page = await resident.GetStringAsync(url);
        Assert.Contains("起拍价太高，困难户拍不起。", page);
        Assert.Contains("困难户可申请分期付款", page);
        Assert.Contains("王**", page);
        Assert.DoesNotContain("王小明", page);
        Assert.DoesNotContain("13912345678", page);
        Assert.DoesNotContain("139****5678", page);
        Assert.Contains("困难户可申请分期付款", await resident.GetStringAsync(track));
    }

    [Fact]
    public async Task AnObjectionAfterTheWindowIsRefusedAndNothingIsSaved()
    {
        var d = await Demo();
        var resident = app.Anonymous();
        var url = $"/c/{Xueyuan}/notices/{d.ParkingNotice}";
        var page = await resident.GetStringAsync(url);
        Assert.DoesNotContain("objection-form", page);
        Assert.Contains("异议期已于", page);
        var token = Pages.AntiforgeryToken(await resident.GetStringAsync($"/c/{Xueyuan}/notices/{d.AuctionNotice}"));
        await using var db = app.Database();
        var before = await db.Objections.CountAsync();
        var posted = await resident.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "李四", ["Input.Phone"] = "13912345679", ["Input.Content"] = "迟到的异议", ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("本公示的异议期已结束", await posted.Content.ReadAsStringAsync());
        Assert.Equal(before, await db.Objections.CountAsync());
    }

    [Fact]
    public async Task TheParkingStoryIsDoneWithItsHistoryOnTheBoard()
    {
        var d = await Demo();
        var staff = await app.As("xueyuan.staff");
        var topic = await Json(await staff.GetAsync($"/api/deliberation/topics/{d.ParkingTopic}"), HttpStatusCode.OK);
        Assert.Equal("done", topic.GetProperty("stage").GetString());
        Assert.Contains("双向门禁杆", topic.GetProperty("decision").GetString());
        Assert.Contains("隔离桩", topic.GetProperty("decision").GetString());
        Assert.All(topic.GetProperty("tasks").EnumerateArray(), t => Assert.NotEqual(JsonValueKind.Null, t.GetProperty("doneAt").ValueKind));
        var auction = await Json(await staff.GetAsync($"/api/deliberation/topics/{d.AuctionTopic}"), HttpStatusCode.OK);
        Assert.Equal("publicised", auction.GetProperty("stage").GetString());

        var board = await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices");
        Assert.Contains("议事结果公示：一期、二期共用门禁，车辆乱停乱放", board);
        Assert.Contains("议事结果公示：地下室竞拍事宜", board);
        var notice = await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices/{d.ParkingNotice}");
        Assert.Contains("隔离桩为可拆卸式", notice);
        Assert.Contains("链校验通过", notice);
        Assert.Contains("杨**", notice);
        Assert.DoesNotContain("杨桂兰", notice);
    }

    [Fact]
    public async Task ACorrectedNoticeGetsANewVersionAndTamperingIsDetected()
    {
        var staff = await app.As("xueyuan.staff");
        var created = await Json(await staff.PostAsJsonAsync("/api/notices", new
        {
            communityCode = Xueyuan, kind = "finance", title = "十月份收支公示", body = "收入 1,000 元；支出 800 元。", objectionDays = 7,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/notices/{id}/versions", new { title = "十月份收支公示", body = "x" })).StatusCode);
        var revised = await Json(await staff.PostAsJsonAsync($"/api/notices/{id}/versions",
            new { title = "十月份收支公示（更正）", body = "收入 1,000 元；支出 850 元。", reason = "支出金额录入有误" }), HttpStatusCode.OK);
        Assert.Equal(2, revised.GetProperty("currentVersion").GetInt32());
        var versions = revised.GetProperty("versions");
        Assert.Equal(versions[0].GetProperty("hash").GetString(), versions[1].GetProperty("previousHash").GetString());
        Assert.True((await Json(await staff.GetAsync($"/api/notices/{id}/verify"), HttpStatusCode.OK)).GetProperty("intact").GetBoolean());

        await using var db = app.Database();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"NoticeVersions\" SET \"Body\" = {"收入 1,000 元；支出 500 元。"} WHERE \"NoticeId\" = {id} AND \"Number\" = 1");
        var verify = await Json(await staff.GetAsync($"/api/notices/{id}/verify"), HttpStatusCode.OK);
        Assert.False(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(1, verify.GetProperty("firstBrokenVersion").GetInt32());
        Assert.Contains("链已断开", await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices/{id}"));
    }

    [Fact]
    public async Task ANoticeWhoseLastVersionWasDeletedOrRehashedWithoutTheKeyIsABrokenChain()
    {
        var staff = await app.As("xueyuan.staff");
        var created = await Json(await staff.PostAsJsonAsync("/api/notices", new
        {
            communityCode = Xueyuan, kind = "finance", title = "十一月份收支公示", body = "收入 2,000 元；支出 900 元。", objectionDays = 7,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        await Json(await staff.PostAsJsonAsync($"/api/notices/{id}/versions",
            new { title = "十一月份收支公示（更正）", body = "收入 2,000 元；支出 950 元。", reason = "漏记一笔支出" }), HttpStatusCode.OK);
        await using var db = app.Database();

        // Whoever can write the database but does not hold the chain key rehashes an edit with the hash the code
        // used before (plain SHA-256 of the same fields): the keyed hash does not match it.
        var first = await db.Set<Huying.Modules.Notices.NoticeVersion>().AsNoTracking().SingleAsync(v => v.NoticeId == id && v.Number == 1);
        var forgedBody = "收入 2,000 元；支出 100 元。";
        var forged = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f',
            "1", first.Title, forgedBody, first.Author, "", first.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture), first.PreviousHash))));
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"NoticeVersions\" SET \"Body\" = {forgedBody}, \"Hash\" = {forged} WHERE \"Id\" = {first.Id}");
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"NoticeVersions\" SET \"PreviousHash\" = {forged} WHERE \"NoticeId\" = {id} AND \"Number\" = 2");
        var verify = await Json(await staff.GetAsync($"/api/notices/{id}/verify"), HttpStatusCode.OK);
        Assert.Equal(1, verify.GetProperty("firstBrokenVersion").GetInt32());

        // The correction is removed, so the notice would show its first text as if never corrected.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"NoticeVersions\" SET \"Body\" = {first.Body}, \"Hash\" = {first.Hash} WHERE \"Id\" = {first.Id}");
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"NoticeVersions\" WHERE \"NoticeId\" = {id} AND \"Number\" = 2");
        verify = await Json(await staff.GetAsync($"/api/notices/{id}/verify"), HttpStatusCode.OK);
        Assert.False(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verify.GetProperty("firstBrokenVersion").GetInt32());
        var page = await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices/{id}");
        Assert.Contains("链已断开", page);

        // With every version gone the notice still answers, broken from its first version.
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"NoticeVersions\" WHERE \"NoticeId\" = {id}");
        Assert.Equal(1, (await Json(await staff.GetAsync($"/api/notices/{id}/verify"), HttpStatusCode.OK)).GetProperty("firstBrokenVersion").GetInt32());
        Assert.Contains("链已断开", await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices/{id}"));
    }

    [Fact]
    public async Task ThePostersQrCodeDecodesToTheNoticesPublicUrl()
    {
        var d = await Demo();
        var html = await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices/{d.AuctionNotice}/poster");
        var svg = SvgElement().Match(html).Value;
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value);
        const int scale = 6;
        var pixels = Enumerable.Repeat((byte)255, size * scale * size * scale).ToArray();
        foreach (Match run in Run().Matches(svg))
        {
            var (x, y, w) = (int.Parse(run.Groups[1].Value), int.Parse(run.Groups[2].Value), int.Parse(run.Groups[3].Value));
            for (var py = y * scale; py < (y + 1) * scale; py++)
            {
                for (var px = x * scale; px < (x + w) * scale; px++)
                {
                    pixels[py * size * scale + px] = 0;
                }
            }
        }
        var source = new ZXing.RGBLuminanceSource(pixels, size * scale, size * scale, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)));
        Assert.NotNull(result);
        Assert.Equal($"http://localhost/c/{Xueyuan}/notices/{d.AuctionNotice}", result.Text);
    }

    [Fact]
    public async Task TheNoticeFeedIsValidAtom()
    {
        var xml = await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices/feed");
        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;
        Assert.Equal("学苑社区公示栏", feed.Title.Text);
        Assert.Contains(feed.Items, i => i.Title.Text == "议事结果公示：地下室竞拍事宜");
        Assert.All(feed.Items, i => Assert.StartsWith($"http://localhost/c/{Xueyuan}/notices/", i.Links[0].Uri.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/c/140827400099/notices/feed")).StatusCode);
    }

    [Fact]
    public async Task AResidentRaisesATopicOnThePublicPageAndFollowsIt()
    {
        var resident = app.Anonymous();
        var form = await resident.GetStringAsync($"/c/{Xueyuan}/topics/new");
        var bad = await resident.PostAsync($"/c/{Xueyuan}/topics/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "", ["Input.Description"] = "路灯不亮", ["Input.RaiserName"] = "张三", ["Input.RaiserPhone"] = "123",
            ["__RequestVerificationToken"] = Pages.AntiforgeryToken(form),
        }));
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("请填写标题", badHtml);
        Assert.Contains("手机号应为 13 至 19 开头的 11 位数字", badHtml);
        var posted = await resident.PostAsync($"/c/{Xueyuan}/topics/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "学苑小区路灯不亮", ["Input.Description"] = "3号楼前路灯坏了一个月", ["Input.RaiserName"] = "张三",
            ["Input.RaiserPhone"] = "13800001111", ["__RequestVerificationToken"] = Pages.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var track = await resident.GetStringAsync(posted.Headers.Location!.ToString());
        Assert.Contains("学苑小区路灯不亮", track);
        Assert.DoesNotContain("13800001111", track);

        var staff = await app.As("xueyuan.staff");
        var topics = await Json(await staff.GetAsync($"/api/deliberation/topics?community={Xueyuan}&stage=raised"), HttpStatusCode.OK);
        var raised = topics.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("title").GetString() == "学苑小区路灯不亮");
        Assert.Equal("138****1111", raised.GetProperty("raiserPhone").GetString());
        await Json(await Act(staff, raised.GetProperty("id").GetInt64(), "decline", new { reason = "属于报修事项，已转物业处理" }), HttpStatusCode.OK);
        Assert.Contains("属于报修事项，已转物业处理", await resident.GetStringAsync(posted.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task AnotherCommunitysTopicsAndNoticesAnswer404()
    {
        var d = await Demo();
        var fuqian = await app.As("fuqian.staff");
        Assert.Equal(HttpStatusCode.NotFound, (await fuqian.GetAsync($"/api/deliberation/topics/{d.ParkingTopic}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fuqian.GetAsync($"/deliberation/topics/{d.ParkingTopic}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fuqian.GetAsync($"/notices/{d.ParkingNotice}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/c/{DemoRecords.Fuqian}/notices/{d.ParkingNotice}")).StatusCode);
    }

    [GeneratedRegex("<svg[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z")]
    private static partial Regex Run();
}

[Collection(SqliteCollection.Name)]
public sealed class DeliberationTestsOnSqlite(SqliteApp app) : DeliberationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DeliberationTestsOnPostgres(PostgresApp app) : DeliberationTests(app);

public abstract class TopicAttachmentTests(AppFixture app)
{
    /// <summary>A real 1×1 PNG.</summary>
    private async Task<HttpResponseMessage> RaiseAsync(HttpClient resident, string title, params (byte[] Bytes, string Name)[] files)
    {
        var form = await resident.GetStringAsync($"/c/{DemoRecords.Xueyuan}/topics/new");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(title), "Input.Title" },
            { new StringContent("附照片说明情况"), "Input.Description" },
            { new StringContent("赵六"), "Input.RaiserName" },
            { new StringContent("13800002222"), "Input.RaiserPhone" },
            { new StringContent(Pages.AntiforgeryToken(form)), "__RequestVerificationToken" },
        };
        foreach (var (bytes, name) in files)
        {
            content.Add(new ByteArrayContent(bytes), "Input.Photos", name);
        }
        return await resident.PostAsync($"/c/{DemoRecords.Xueyuan}/topics/new", content);
    }

    [Fact]
    public async Task APhotoIsStoredWithTheTopicAndServedOnlyWithinScope()
    {
        var response = await RaiseAsync(app.Anonymous(), "门口积水（附照片）", (TestFiles.Png, "water.png"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database();
        var topic = await db.Topics.SingleAsync(t => t.Title == "门口积水（附照片）");
        var attachment = await db.Attachments.SingleAsync(a => a.OwnerType == "Topic" && a.OwnerId == topic.Id);
        Assert.Equal("image/png", attachment.ContentType);

        var staff = await app.As("xueyuan.staff");
        var file = await staff.GetAsync($"/files/{attachment.Id}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestFiles.Png, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("fuqian.staff")).GetAsync($"/files/{attachment.Id}")).StatusCode);
        var anonymous = await app.Anonymous().GetAsync($"/files/{attachment.Id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Contains("water.png", await staff.GetStringAsync($"/deliberation/topics/{topic.Id}"));
    }

    [Fact]
    public async Task AFakeImageOrAnOversizeFileIsRefusedAndNothingIsSaved()
    {
        await using var db = app.Database();
        var topics = await db.Topics.CountAsync();
        var attachments = await db.Attachments.CountAsync();

        var fake = await RaiseAsync(app.Anonymous(), "伪装图片", ("<script>alert(1)</script>"u8.ToArray(), "photo.jpg"));
        Assert.Contains("只能上传照片（JPEG、PNG、WebP）或 PDF 文件", await fake.Content.ReadAsStringAsync());

        var big = new byte[FileStoreLimit + 1];
        TestFiles.Png.CopyTo(big, 0);
        var oversize = await RaiseAsync(app.Anonymous(), "超大图片", (big, "big.png"));
        Assert.Contains("有文件超过 10 MB", await oversize.Content.ReadAsStringAsync());

        Assert.Equal(topics, await db.Topics.CountAsync());
        Assert.Equal(attachments, await db.Attachments.CountAsync());
    }

    private const long FileStoreLimit = Huying.Platform.Files.FileStore.MaxBytes;
}

[Collection(SqliteCollection.Name)]
public sealed class TopicAttachmentTestsOnSqlite(SqliteApp app) : TopicAttachmentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TopicAttachmentTestsOnPostgres(PostgresApp app) : TopicAttachmentTests(app);
