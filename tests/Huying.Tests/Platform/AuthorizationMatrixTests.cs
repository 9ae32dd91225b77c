using System.Net;
using System.Net.Http.Json;
using Huying.Tests.Infrastructure;

namespace Huying.Tests.Platform;

/// <summary>
/// Every API endpoint × every role × a record in and out of the caller's scope → the expected status.
/// New endpoints join <see cref="Cases"/>.
/// </summary>
public abstract class AuthorizationMatrixTests(AppFixture app)
{
    private static readonly string[] Users =
    [
        "", "resident", "member", "volunteer", "unit.xmtj", "unit.fgj", "fuqian.grid", "fuqian.gridleader", "fuqian.staff",
        "fuqian.secretary", "xueyuan.staff", "xueyuan.secretary", "town", "county", "admin",
    ];

    private static readonly string[] Everyone = Users[1..];
    private static readonly string[] OrgReaders = ["fuqian.grid", "fuqian.gridleader", "fuqian.staff", "fuqian.secretary", "xueyuan.staff", "xueyuan.secretary", "town", "county", "admin"];
    private static readonly string[] FuqianReaders = ["fuqian.gridleader", "fuqian.staff", "fuqian.secretary", "town", "county", "admin"];
    private static readonly string[] HebianReaders = ["fuqian.grid", .. FuqianReaders];
    private static readonly string[] XueyuanReaders = ["xueyuan.staff", "xueyuan.secretary", "town", "county", "admin"];
    private static readonly string[] Writers = ["fuqian.grid", "fuqian.staff", "fuqian.secretary", "xueyuan.staff", "xueyuan.secretary"];
    private static readonly string[] Deliberators = ["fuqian.staff", "fuqian.secretary", "xueyuan.staff", "xueyuan.secretary"];
    private static readonly string[] XueyuanDeliberators = ["xueyuan.staff", "xueyuan.secretary"];
    private static readonly string[] ProjectReaders = [.. OrgReaders, "unit.xmtj", "unit.fgj"];
    private static readonly string[] FuqianProjectReaders = ["fuqian.grid", .. FuqianReaders];

    private sealed record Case(string Name, HttpMethod Method, Func<DemoRecords, string> Url, Func<DemoRecords, object?> Body,
        string[] Allowed, string[] InScope, HttpStatusCode Ok = HttpStatusCode.OK, HttpStatusCode OutOfScope = HttpStatusCode.NotFound);

    private static object? None(DemoRecords _) => null;

    private static readonly Case[] Cases =
    [
        new("org summary, 府前", HttpMethod.Get, _ => "/api/org/summary?division=140827400016", None, OrgReaders, [.. HebianReaders]),
        new("org summary, 学苑", HttpMethod.Get, _ => "/api/org/summary?division=140827400017", None, OrgReaders, XueyuanReaders),
        new("org communities, county", HttpMethod.Get, _ => "/api/org/communities?division=140827", None, OrgReaders, OrgReaders),
        new("partner units, 府前", HttpMethod.Get, _ => "/api/org/partner-units?community=140827400016", None,
            [.. OrgReaders, "unit.xmtj", "unit.fgj"], [.. OrgReaders, "unit.xmtj", "unit.fgj"]),
        new("people search", HttpMethod.Get, _ => "/api/people?community=140827400016", None, OrgReaders, OrgReaders),
        new("person in 河边网格", HttpMethod.Get, d => $"/api/people/{d.HebianPerson}", None, OrgReaders, HebianReaders),
        new("person in another 府前 grid", HttpMethod.Get, d => $"/api/people/{d.FuqianOtherGridPerson}", None, OrgReaders, FuqianReaders),
        new("person in 学苑", HttpMethod.Get, d => $"/api/people/{d.XueyuanPerson}", None, OrgReaders, XueyuanReaders),
        new("create person in 河边网格", HttpMethod.Post, _ => "/api/people",
            d => new { name = "矩阵测试", householdId = d.HebianHousehold }, Writers, ["fuqian.grid", "fuqian.staff", "fuqian.secretary"],
            HttpStatusCode.Created, HttpStatusCode.BadRequest),
        new("edit person in 学苑", HttpMethod.Put, d => $"/api/people/{d.XueyuanPerson}",
            d => new { name = "矩阵测试", householdId = d.XueyuanHousehold }, Writers, ["xueyuan.staff", "xueyuan.secretary"]),
        new("reveal phone in 河边网格", HttpMethod.Post, d => $"/api/people/{d.HebianPerson}/reveal",
            _ => new { field = "phone", reason = "权限矩阵测试" }, Writers, ["fuqian.grid", "fuqian.staff", "fuqian.secretary"]),
        new("topics of 学苑", HttpMethod.Get, _ => "/api/deliberation/topics?community=140827400017", None, OrgReaders, OrgReaders),
        new("parking topic", HttpMethod.Get, d => $"/api/deliberation/topics/{d.ParkingTopic}", None, OrgReaders, XueyuanReaders),
        new("raise a topic in 学苑", HttpMethod.Post, _ => "/api/deliberation/topics",
            _ => new { communityCode = "140827400017", title = "矩阵测试议题", description = "权限矩阵" }, Deliberators, XueyuanDeliberators,
            HttpStatusCode.Created, HttpStatusCode.BadRequest),
        new("complete the done parking topic", HttpMethod.Post, d => $"/api/deliberation/topics/{d.ParkingTopic}/actions/complete",
            _ => new { }, Deliberators, XueyuanDeliberators, HttpStatusCode.Conflict),
        new("parking meeting", HttpMethod.Get, d => $"/api/deliberation/meetings/{d.ParkingMeeting}", None, OrgReaders, XueyuanReaders),
        new("venues", HttpMethod.Get, _ => "/api/deliberation/venues", None, OrgReaders, OrgReaders),
        new("deliberation figures", HttpMethod.Get, _ => "/api/deliberation/figures?division=140827", None, OrgReaders, OrgReaders),
        new("notices", HttpMethod.Get, _ => "/api/notices?community=140827400017", None, OrgReaders, OrgReaders),
        new("parking notice", HttpMethod.Get, d => $"/api/notices/{d.ParkingNotice}", None, OrgReaders, XueyuanReaders),
        new("parking notice chain", HttpMethod.Get, d => $"/api/notices/{d.ParkingNotice}/verify", None, OrgReaders, XueyuanReaders),
        new("empty correction of the parking notice", HttpMethod.Post, d => $"/api/notices/{d.ParkingNotice}/versions",
            _ => new { }, Deliberators, XueyuanDeliberators, HttpStatusCode.BadRequest),
        new("empty answer to an objection", HttpMethod.Post, d => $"/api/notices/objections/{d.ParkingObjection}/answer",
            _ => new { publish = true }, Deliberators, XueyuanDeliberators, HttpStatusCode.BadRequest),
        new("matter queue", HttpMethod.Get, _ => "/api/matters", None, Everyone, Everyone),
        new("matter in 河边网格", HttpMethod.Get, d => $"/api/matters/{d.HebianMatter}", None, Everyone, HebianReaders),
        new("matter dispatched to 项目推进中心", HttpMethod.Get, d => $"/api/matters/{d.DispatchedMatter}", None, Everyone, [.. HebianReaders, "unit.xmtj"]),
        new("matter in another 府前 grid", HttpMethod.Get, d => $"/api/matters/{d.FuqianOtherGridMatter}", None, Everyone, FuqianReaders),
        new("matter in 学苑", HttpMethod.Get, d => $"/api/matters/{d.XueyuanMatter}", None, Everyone, XueyuanReaders),
        new("duplicates of a 河边网格 matter", HttpMethod.Get, d => $"/api/matters/{d.HebianMatter}/duplicates", None, OrgReaders, HebianReaders),
        new("reject a closed 学苑 matter", HttpMethod.Post, d => $"/api/matters/{d.XueyuanMatter}/actions/reject", _ => new { reason = "测试" },
            Deliberators, XueyuanDeliberators, HttpStatusCode.Conflict),
        new("merge the dispatched matter into nothing", HttpMethod.Post, d => $"/api/matters/{d.DispatchedMatter}/actions/merge", _ => new { },
            Deliberators, ["fuqian.staff", "fuqian.secretary"], HttpStatusCode.Conflict),
        new("reveal a 河边网格 reporter's phone", HttpMethod.Post, d => $"/api/matters/{d.HebianMatter}/reveal-phone", _ => new { reason = "回访核实" },
            Writers, ["fuqian.grid", "fuqian.staff", "fuqian.secretary"]),
        new("matter KPIs", HttpMethod.Get, _ => "/api/kpis/matters?division=140827", None, [.. OrgReaders, "unit.xmtj", "unit.fgj"], [.. OrgReaders, "unit.xmtj", "unit.fgj"]),
        new("project summary of 府前", HttpMethod.Get, _ => "/api/projects/summary?community=140827400016", None, ProjectReaders, ProjectReaders),
        new("project summary as .xlsx", HttpMethod.Get, _ => "/api/projects/summary.xlsx?community=140827400016", None, ProjectReaders, ProjectReaders),
        new("agreements of 府前", HttpMethod.Get, _ => "/api/projects/agreements?community=140827400016", None, ProjectReaders, ProjectReaders),
        new("project figures", HttpMethod.Get, _ => "/api/projects/figures", None, ProjectReaders, ProjectReaders),
        new("needs of 府前", HttpMethod.Get, _ => "/api/projects/needs?community=140827400016", None, ProjectReaders, ProjectReaders),
        new("need suggestions", HttpMethod.Get, _ => "/api/projects/needs/suggestions", None, Deliberators, Deliberators),
        new("need offered to 项目推进中心", HttpMethod.Get, d => $"/api/projects/needs/{d.OfferedNeed}", None, ProjectReaders, [.. FuqianProjectReaders, "unit.xmtj"]),
        new("project of 项目推进中心", HttpMethod.Get, d => $"/api/projects/{d.DitchProject}", None, ProjectReaders, [.. FuqianProjectReaders, "unit.xmtj"]),
        new("project of 发改局", HttpMethod.Get, d => $"/api/projects/{d.LightsProject}", None, ProjectReaders, [.. FuqianProjectReaders, "unit.fgj"]),
        new("project in 学苑", HttpMethod.Get, d => $"/api/projects/{d.XueyuanProject}", None, ProjectReaders, XueyuanReaders),
        new("nameless milestone on the 发改局 project", HttpMethod.Post, d => $"/api/projects/{d.LightsProject}/milestones", _ => new { },
            ["fuqian.staff", "fuqian.secretary", "xueyuan.staff", "xueyuan.secretary", "unit.xmtj", "unit.fgj"], ["fuqian.staff", "fuqian.secretary", "unit.fgj"], HttpStatusCode.BadRequest),
        new("accept the 项目推进中心 project under way", HttpMethod.Post, d => $"/api/projects/{d.DitchProject}/accept", _ => new { residents = "居民代表" },
            ["fuqian.secretary", "xueyuan.secretary"], ["fuqian.secretary"], HttpStatusCode.Conflict),
        new("audit trail", HttpMethod.Get, _ => "/api/audit", None, ["admin"], ["admin"]),
        new("audit verification", HttpMethod.Get, _ => "/api/audit/verify", None, ["admin"], ["admin"]),
    ];

    [Fact]
    public async Task EveryEndpointAnswersEveryRoleAsExpected()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var failures = new List<string>();
        foreach (var user in Users)
        {
            var client = user == "" ? app.Anonymous() : await app.As(user);
            foreach (var c in Cases)
            {
                var expected = user == "" ? HttpStatusCode.Unauthorized
                    : !c.Allowed.Contains(user) ? HttpStatusCode.Forbidden
                    : c.InScope.Contains(user) ? c.Ok
                    : c.OutOfScope;
                using var request = new HttpRequestMessage(c.Method, c.Url(demo));
                if (c.Body(demo) is { } body)
                {
                    request.Content = JsonContent.Create(body);
                }
                var response = await client.SendAsync(request);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{(user == "" ? "anonymous" : user)} · {c.Name}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Users.Length - 1, Everyone.Length);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthorizationMatrixTestsOnSqlite(SqliteApp app) : AuthorizationMatrixTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuthorizationMatrixTestsOnPostgres(PostgresApp app) : AuthorizationMatrixTests(app);
