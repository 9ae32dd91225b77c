using System.Net;
using System.Text.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

using static Huying.Tests.Modules.Matters.MatterCalls;

namespace Huying.Tests.Platform;

public abstract class NotificationTests(AppFixture app)
{
    private static async Task<JsonElement> InboxAsync(HttpClient client, bool unread = false) =>
        await Json(await client.GetAsync(unread ? "/api/notifications?unread=true" : "/api/notifications"), HttpStatusCode.OK);

    private static int Unread(JsonElement inbox) => inbox.GetProperty("unread").GetInt32();

    private static JsonElement? About(JsonElement inbox, long matter, string kind) =>
        inbox.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("link").GetString() == $"/matters/{matter}" && n.GetProperty("kind").GetString() == kind)
            .Select(n => (JsonElement?)n).FirstOrDefault();

    [Fact]
    public async Task TheGridWorkerWhoResolvedAMatterIsNotAskedToVerifyItButTheGridLeaderIs()
    {
        var (staff, grid, leader) = (await app.As("fuqian.staff"), await app.As("fuqian.grid"), await app.As("fuqian.gridleader"));
        var matter = Id(await RaiseAsync(app, staff, "通知测试：河边三巷井盖松动"));
        foreach (var action in new[] { "accept", "start", "resolve" })
        {
            await Json(await Act(grid, matter, action, new { note = "已处理" }), HttpStatusCode.OK);
        }

        Assert.Null(About(await InboxAsync(grid), matter, "Matter resolved: verify on site"));
        Assert.NotNull(About(await InboxAsync(leader), matter, "Matter resolved: verify on site"));
        var gridQueue = await Json(await grid.GetAsync("/api/matters?view=toVerify"), HttpStatusCode.OK);
        Assert.DoesNotContain(gridQueue.GetProperty("items").EnumerateArray(), m => Id(m) == matter);
        var leaderQueue = await Json(await leader.GetAsync("/api/matters?view=toVerify"), HttpStatusCode.OK);
        Assert.Contains(leaderQueue.GetProperty("items").EnumerateArray(), m => Id(m) == matter);
        var gridPage = await (await grid.GetAsync("/matters?view=ToVerify")).Content.ReadAsStringAsync();
        Assert.DoesNotContain($"/matters/{matter}\"", gridPage);

        Assert.Equal(HttpStatusCode.Forbidden, (await Act(grid, matter, "verify")).StatusCode);
        await Json(await Act(leader, matter, "verify"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ReadMarksArePerPersonAndMarkAllReadTouchesOnlyTheReader()
    {
        var (staff, secretary, grid, other) = (await app.As("fuqian.staff"), await app.As("fuqian.secretary"), await app.As("fuqian.grid"), await app.As("xueyuan.staff"));
        var matter = Id(await RaiseAsync(app, staff, "通知测试：河边三巷路灯闪烁"));
        await Json(await Act(grid, matter, "accept"), HttpStatusCode.OK);
        await Json(await Act(grid, matter, "extend", new { dueAt = DateTime.UtcNow.AddDays(9), reason = "需要采购灯具" }), HttpStatusCode.OK);

        var staffBefore = await InboxAsync(staff);
        var secretaryBefore = Unread(await InboxAsync(secretary));
        var notice = About(staffBefore, matter, "Extension requested") ?? throw new InvalidOperationException("The extension request was not told to the community");
        var noticeId = notice.GetProperty("id").GetInt64();
        Assert.False(notice.GetProperty("read").GetBoolean());

        // Someone out of scope can neither read nor mark it.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/notifications/{noticeId}/read", null)).StatusCode);
        Assert.Null(About(await InboxAsync(other), matter, "Extension requested"));

        await Json(await staff.PostAsync($"/api/notifications/{noticeId}/read", null), HttpStatusCode.OK);
        await Json(await staff.PostAsync($"/api/notifications/{noticeId}/read", null), HttpStatusCode.OK);
        var staffAfter = await InboxAsync(staff);
        Assert.Equal(Unread(staffBefore) - 1, Unread(staffAfter));
        Assert.True(About(staffAfter, matter, "Extension requested")!.Value.GetProperty("read").GetBoolean());
        var secretaryInbox = await InboxAsync(secretary);
        Assert.Equal(secretaryBefore, Unread(secretaryInbox));
        Assert.False(About(secretaryInbox, matter, "Extension requested")!.Value.GetProperty("read").GetBoolean());

        var marked = await Json(await staff.PostAsync("/api/notifications/read-all", null), HttpStatusCode.OK);
        Assert.Equal(Unread(staffAfter), marked.GetProperty("marked").GetInt32());
        Assert.Equal(0, Unread(await InboxAsync(staff)));
        Assert.Equal(secretaryBefore, Unread(await InboxAsync(secretary)));
        await using (var db = app.Database())
        {
            var staffId = await db.Users.Where(u => u.UserName == "fuqian.staff").Select(u => u.Id).SingleAsync();
            Assert.Empty(await db.Set<Huying.Platform.Notifications.NotificationRead>().Where(r => r.UserId == staffId && r.NotificationId <= noticeId).ToListAsync());
        }

        // What arrives after "all read" is unread again, and the page's badge says so.
        await Json(await Act(secretary, matter, "refuse-extension", new { reason = "先用现有灯具" }), HttpStatusCode.OK);
        var next = Id(await RaiseAsync(app, staff, "通知测试：河边三巷积水", building: "河边三巷"));
        await Json(await Act(grid, next, "accept"), HttpStatusCode.OK);
        await Json(await Act(grid, next, "extend", new { dueAt = DateTime.UtcNow.AddDays(9), reason = "等待天晴" }), HttpStatusCode.OK);
        var fresh = await InboxAsync(staff, unread: true);
        Assert.NotEqual(0, Unread(fresh));
        Assert.Equal(Unread(fresh), fresh.GetProperty("items").GetArrayLength());
        Assert.NotNull(About(fresh, next, "Extension requested"));
        var page = await (await staff.GetAsync("/notifications")).Content.ReadAsStringAsync();
        Assert.Contains($"{Unread(fresh)} 条未读", page);
        Assert.Contains("全部标为已读", page);
    }

    [Fact]
    public async Task ResidentsHaveNoInboxAndOpeningSomeoneElsesNotificationIsNotFound()
    {
        var resident = await app.As("resident");
        var grid = await app.As("fuqian.grid");
        var matter = Id(await RaiseAsync(app, await app.As("fuqian.staff"), "通知测试：河边三巷垃圾未清运"));
        await Json(await Act(grid, matter, "accept"), HttpStatusCode.OK);
        await Json(await Act(grid, matter, "extend", new { dueAt = DateTime.UtcNow.AddDays(9), reason = "等待清运车" }), HttpStatusCode.OK);
        var inbox = await InboxAsync(resident);
        Assert.Equal(0, Unread(inbox));
        Assert.Empty(inbox.GetProperty("items").EnumerateArray());
        long any;
        await using (var db = app.Database())
        {
            any = await db.Notifications.OrderByDescending(n => n.Id).Select(n => n.Id).FirstAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostAsync($"/api/notifications/{any}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/notifications?handler=Open&id={any}")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NotificationTestsOnSqlite(SqliteApp app) : NotificationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class NotificationTestsOnPostgres(PostgresApp app) : NotificationTests(app);
