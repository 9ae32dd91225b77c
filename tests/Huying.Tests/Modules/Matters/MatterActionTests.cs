using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Modules.Matters.MatterCalls;

namespace Huying.Tests.Modules.Matters;

/// <summary>The actions' success paths one by one, what each leaves behind (timeline, supervision, extension request,
/// audit line, message), and the staff's own intake page.</summary>
public abstract class MatterActionTests(AppFixture app)
{
    private Task<JsonElement> RaiseAsync(HttpClient client, string text, string category = "drainage", string building = "河边三巷", string? phone = null) =>
        MatterCalls.RaiseAsync(app, client, text, category, building, phone);

    private static string State(JsonElement m) => m.GetProperty("state").GetString()!;

    private static List<string?> Timeline(JsonElement m) =>
        [.. m.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString())];

    [Fact]
    public async Task AMatterPagePostedWithoutItsActionSaysSoAndChangesNothing()
    {
        var grid = await app.As("fuqian.grid");
        var id = Id(await RaiseAsync(grid, "河边三巷路灯不亮（空动作）"));
        // An empty field binds as no action at all: it used to reach the service as null and answer 500 (the form fuzz found it).
        var page = await grid.SubmitAsync($"/matters/{id}", new() { ["action"] = "" });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("未知操作", await page.Content.ReadAsStringAsync());
        await using var db = app.Database();
        Assert.Equal(MatterState.Submitted, await db.Matters.Where(m => m.Id == id).Select(m => m.State).SingleAsync());
    }

    [Fact]
    public async Task StaffSuperviseAMatterBeingHandledAndTheHandlerIsToldOnce()
    {
        var grid = await app.As("fuqian.grid");
        var staff = await app.As("fuqian.staff");
        var id = Id(await RaiseAsync(grid, "河边三巷下水道反味严重"));
        await Json(await Act(grid, id, "accept"));
        var supervised = await Json(await Act(staff, id, "supervise", new { note = "请尽快处理" }));
        Assert.Equal("accepted", State(supervised));
        Assert.Equal(["submit", "accept", "supervise"], Timeline(supervised));
        await using var db = app.Database();
        var notice = await db.Supervisions.SingleAsync(s => s.MatterId == id);
        Assert.Equal(SupervisionKind.Overdue, notice.Kind);
        Assert.Equal("Grid", notice.AddressedTo);
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.SubjectType == "Matter" && n.SubjectId == id && n.Kind == "Supervision notice"));
        // The town supervises too; a grid worker cannot.
        await Json(await Act(await app.As("town"), id, "supervise"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(grid, id, "supervise")).StatusCode);
    }

    [Fact]
    public async Task ReassigningToTheCommunityQueueTakesTheMatterFromTheGridWorker()
    {
        var grid = await app.As("fuqian.grid");
        var leader = await app.As("fuqian.gridleader");
        var staff = await app.As("fuqian.staff");
        var id = Id(await RaiseAsync(staff, "河边三巷路口有人私拉电线"));
        await Json(await grid.GetAsync($"/api/matters/{id}"));
        var moved = await Json(await Act(leader, id, "reassign", new { gridId = (long?)null, note = "需社区协调" }));
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("gridId").ValueKind);
        Assert.Equal("community", moved.GetProperty("handler").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync($"/api/matters/{id}")).StatusCode);
        var queue = await Json(await staff.GetAsync("/api/matters?view=communityQueue"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), m => Id(m) == id);
        Assert.Equal(HttpStatusCode.Conflict, (await Act(staff, id, "reassign", new { gridId = (long?)null })).StatusCode);
    }

    [Fact]
    public async Task ARejectedMatterClosesWithItsReasonToldToTheResidentAndLeavesTheCounts()
    {
        var staff = await app.As("fuqian.staff");
        var phone = Synthetic.Phone();
        var id = Id(await RaiseAsync(staff, "邻居家装修噪音，想请社区管一管", "other", phone: phone));
        Assert.Equal(HttpStatusCode.Conflict, (await Act(staff, id, "reject", new { })).StatusCode);
        var rejected = await Json(await Act(staff, id, "reject", new { reason = "属于物业管理范围，已转告物业" }));
        Assert.Equal("rejected", State(rejected));
        Assert.Equal("属于物业管理范围，已转告物业", rejected.GetProperty("rejectReason").GetString());
        await using var db = app.Database();
        var matter = await db.Matters.SingleAsync(m => m.Id == id);
        Assert.False(matter.Counted);
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.SubjectType == "Matter" && n.SubjectId == id && n.Kind == "Matter not accepted"));
    }

    [Fact]
    public async Task TheGridLeaderReopensAResolvedMatterWithAReasonAndItCountsAsRework()
    {
        var grid = await app.As("fuqian.grid");
        var leader = await app.As("fuqian.gridleader");
        var id = Id(await RaiseAsync(grid, "河边二巷垃圾桶破损", "sanitation", "河边二巷"));
        await Json(await Act(grid, id, "accept"));
        await Json(await Act(grid, id, "resolve", new { note = "已更换" }));
        Assert.Equal(HttpStatusCode.Conflict, (await Act(leader, id, "reopen", new { })).StatusCode);
        var reopened = await Json(await Act(leader, id, "reopen", new { reason = "现场核查仍未更换" }));
        Assert.Equal("inProgress", State(reopened));
        Assert.Equal(1, reopened.GetProperty("reopenCount").GetInt32());
        Assert.Equal(["submit", "accept", "resolve", "reopen"], Timeline(reopened));
        await Json(await Act(grid, id, "resolve", new { note = "已确认更换" }));
        await using var db = app.Database();
        var matter = await db.Matters.SingleAsync(m => m.Id == id);
        Assert.True(matter.WasResolved);
        Assert.Equal(1, matter.ReopenCount);
    }

    [Fact]
    public async Task TheSecretaryRefusesAnExtensionAndTheDeadlineStays()
    {
        var grid = await app.As("fuqian.grid");
        var secretary = await app.As("fuqian.secretary");
        var id = Id(await RaiseAsync(grid, "河边三巷墙体开裂需鉴定", "facilities"));
        var accepted = await Json(await Act(grid, id, "accept"));
        var due = accepted.GetProperty("resolveDueAt").GetDateTime();
        Assert.Equal(HttpStatusCode.Conflict, (await Act(secretary, id, "refuse-extension", new { })).StatusCode);
        await Json(await Act(grid, id, "extend", new { dueAt = due.AddDays(10), reason = "需要专业鉴定" }));
        var refused = await Json(await Act(secretary, id, "refuse-extension", new { note = "请先联系鉴定机构" }));
        Assert.Equal(due, refused.GetProperty("resolveDueAt").GetDateTime());
        Assert.Equal(0, refused.GetProperty("extensionCount").GetInt32());
        await using var db = app.Database();
        var request = await db.ExtensionRequests.SingleAsync(x => x.MatterId == id);
        Assert.Equal(ExtensionStatus.Refused, request.Status);
        // The grid may ask again once refused.
        await Json(await Act(grid, id, "extend", new { dueAt = due.AddDays(5), reason = "鉴定机构已预约" }));
    }

    [Fact]
    public async Task ActionsAndRevealsLeaveAuditLinesNamingWhoDidThem()
    {
        var grid = await app.As("fuqian.grid");
        var phone = Synthetic.Phone();
        var id = Id(await RaiseAsync(grid, "河边一巷路灯杆被撞歪", "lighting", "河边一巷", phone));
        await Json(await Act(grid, id, "accept"));
        var shown = await Json(await grid.PostAsJsonAsync($"/api/matters/{id}/reveal-phone", new { reason = "回访核实" }));
        Assert.Equal(phone, shown.GetProperty("phone").GetString());
        await using var db = app.Database();
        var lines = await db.AuditEntries.Where(a => a.EntityType == "Matter" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["create", "update", "reveal"], lines.Select(a => a.Action));
        Assert.All(lines, a => Assert.Equal("fuqian.grid", a.UserName));
        Assert.Contains("State", lines[1].Details);
        Assert.Contains("回访核实", lines[2].Details);
    }

    [Fact]
    public async Task StaffRecordAMatterFromAVisitOnTheirOwnPage()
    {
        var staff = await app.As("fuqian.staff");
        var building = await BuildingAsync(app, "河边三巷");
        var refused = await staff.SubmitAsync("/matters/new", new()
        {
            ["Input.CommunityCode"] = DemoRecords.Fuqian, ["Input.CategoryCode"] = "", ["Input.Description"] = "短",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请选择类别", html);
        var created = await staff.SubmitAsync("/matters/new", new()
        {
            ["Input.CommunityCode"] = DemoRecords.Fuqian, ["Input.CategoryCode"] = "roads", ["Input.Description"] = "入户走访：河边三巷路面有深坑",
            ["Input.BuildingId"] = building.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Channel"] = "visit",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/matters/", location);
        await using var db = app.Database();
        var newId = long.Parse(location["/matters/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var matter = await db.Matters.SingleAsync(m => m.Id == newId);
        Assert.Equal(MatterChannel.Visit, matter.Channel);
        Assert.Equal("入户走访：河边三巷路面有深坑", matter.Description);
        Assert.NotNull(matter.GridId);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MatterActionTestsOnSqlite(SqliteApp app) : MatterActionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MatterActionTestsOnPostgres(PostgresApp app) : MatterActionTests(app);
