using System.Net;
using System.Net.Http.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Notices;

/// <summary>The staff's notice pages: publish, correct, answer an objection without publishing it.</summary>
public abstract class NoticePageTests(AppFixture app)
{
    private const string Xueyuan = DemoRecords.Xueyuan;

    [Fact]
    public async Task StaffPublishANoticeOnTheirPageAndItIsOnThePublicBoard()
    {
        var staff = await app.As("xueyuan.staff");
        var page = $"/notices?community={Xueyuan}";
        var refused = await staff.SubmitAsync(page, new() { ["Input.CommunityCode"] = Xueyuan, ["Input.Kind"] = "partyAffairs", ["Input.Title"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("is-invalid", await refused.Content.ReadAsStringAsync());
        var published = await staff.SubmitAsync(page, new()
        {
            ["Input.CommunityCode"] = Xueyuan, ["Input.Kind"] = "partyAffairs", ["Input.Title"] = "十二月主题党日安排",
            ["Input.Body"] = "12月15日上午在社区党群服务中心开展主题党日活动。", ["Input.ObjectionDays"] = "0", ["Input.PublishDays"] = "30",
        });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var board = await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices");
        Assert.Contains("十二月主题党日安排", board);
        // Staff of another community cannot publish on 学苑's board.
        var other = await (await app.As("fuqian.staff")).PostAsJsonAsync("/api/notices", new
        {
            communityCode = Xueyuan, kind = "partyAffairs", title = "越权公示", body = "不应出现", objectionDays = 0, publishDays = 10,
        });
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.DoesNotContain("越权公示", await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices"));
    }

    [Fact]
    public async Task StaffCorrectANoticeOnItsPageWithAReasonAndTheOldVersionStaysInTheHistory()
    {
        var staff = await app.As("xueyuan.staff");
        var created = await Json(await staff.PostAsJsonAsync("/api/notices", new
        {
            communityCode = Xueyuan, kind = "finance", title = "第三季度收支公开", body = "收入 12000 元，支出 8000 元。", objectionDays = 0, publishDays = 30,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var url = $"/notices/{id}";
        var noReason = await staff.SubmitAsync(url, new() { ["Revision.Title"] = "第三季度收支公开", ["Revision.Body"] = "收入 12000 元，支出 8500 元。" }, handler: "Revise");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var revised = await staff.SubmitAsync(url, new()
        {
            ["Revision.Title"] = "第三季度收支公开", ["Revision.Body"] = "收入 12000 元，支出 8500 元。", ["Revision.Reason"] = "支出漏计一笔维修费",
        }, handler: "Revise");
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        var notice = await Json(await staff.GetAsync($"/api/notices/{id}"));
        Assert.Equal(2, notice.GetProperty("currentVersion").GetInt32());
        Assert.Contains("8500", notice.GetProperty("body").GetString());
        Assert.True(notice.GetProperty("chainIntact").GetBoolean());
        var history = await app.Anonymous().GetStringAsync($"/c/{Xueyuan}/notices/{id}");
        Assert.Contains("支出漏计一笔维修费", history);
    }

    [Fact]
    public async Task AnAnswerKeptFromThePublicIsShownToTheObjectorOnlyAndNotOnTheBoard()
    {
        var d = await DemoRecords.LoadAsync(app);
        var resident = app.Anonymous();
        var url = $"/c/{Xueyuan}/notices/{d.AuctionNotice}";
        var posted = await resident.SubmitAsync(url, new()
        {
            ["Input.Name"] = "李华", ["Input.Phone"] = "13800138000", ["Input.Content"] = "竞拍时间安排在工作日，上班族无法参加。",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var track = posted.Headers.Location!.OriginalString;
        long objection;
        await using (var db = app.Database())
        {
            objection = await db.Objections.Where(o => o.Content == "竞拍时间安排在工作日，上班族无法参加。").Select(o => o.Id).SingleAsync();
        }
        var staff = await app.As("xueyuan.staff");
        var answered = await staff.SubmitAsync($"/notices/{d.AuctionNotice}", new()
        {
            ["objection"] = objection.ToString(System.Globalization.CultureInfo.InvariantCulture), ["answer"] = "已单独电话联系，可委托家人参加。",
            ["publish"] = "false",
        }, handler: "Answer");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var board = await resident.GetStringAsync(url);
        Assert.DoesNotContain("竞拍时间安排在工作日", board);
        Assert.DoesNotContain("已单独电话联系", board);
        Assert.Contains("已单独电话联系，可委托家人参加。", await resident.GetStringAsync(track));
        var staffView = await staff.GetStringAsync($"/notices/{d.AuctionNotice}");
        Assert.Contains("竞拍时间安排在工作日，上班族无法参加。", staffView);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NoticePageTestsOnSqlite(SqliteApp app) : NoticePageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class NoticePageTestsOnPostgres(PostgresApp app) : NoticePageTests(app);
