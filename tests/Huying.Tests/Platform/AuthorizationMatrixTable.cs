using Huying.Tests.Infrastructure;

namespace Huying.Tests.Platform;

/// <summary>
/// The expectation table: for each route and page handler, who may (DESIGN §2 and the module's policies), who of
/// them sees the probed record (DESIGN §5 scope), and the answer each gets. Written by hand from the design, not read
/// from the code it checks.
/// </summary>
public abstract partial class AuthorizationMatrixTests
{
    private const string Fq = DemoRecords.Fuqian;
    private const string Xy = DemoRecords.Xueyuan;

    // Who: groups of demo users.
    private static readonly string[] Anyone = DemoUsers.All;
    private static readonly string[] SignedIn = DemoUsers.All[1..];
    private static readonly string[] Units = ["unit.xmtj", "unit.fgj"];
    private static readonly string[] Staff =
        ["fuqian.grid", "fuqian.gridleader", "fuqian.staff", "fuqian.secretary", "xueyuan.staff", "xueyuan.secretary", "town", "county", "admin"];
    private static readonly string[] StaffOrUnit = [.. Staff, .. Units];
    private static readonly string[] Community = ["fuqian.staff", "fuqian.secretary", "xueyuan.staff", "xueyuan.secretary"];
    private static readonly string[] Secretaries = ["fuqian.secretary", "xueyuan.secretary"];
    private static readonly string[] Revealers = ["fuqian.grid", .. Community];
    private static readonly string[] PeopleWriters = ["fuqian.grid", .. Community];
    private static readonly string[] Managers = [.. Community, "town", "county", "admin"];
    private static readonly string[] InService = ["member", .. Community, .. Units, "town", "county", "admin"];
    private static readonly string[] Admin = ["admin"];

    // Scope: who sees a record of 府前 (all grids), of 河边网格, of 学苑.
    private static readonly string[] Above = ["town", "county", "admin"];
    private static readonly string[] FuqianAll = ["fuqian.gridleader", "fuqian.staff", "fuqian.secretary", .. Above];
    private static readonly string[] Hebian = ["fuqian.grid", .. FuqianAll];
    private static readonly string[] Xueyuan = ["xueyuan.staff", "xueyuan.secretary", .. Above];
    private static readonly string[] FuqianCommunity = ["fuqian.staff", "fuqian.secretary"];
    // Who reads a notice to the 河边 grid's level: its worker, the grid leader and the community staff (not the officers above, not units).
    private static readonly string[] HebianLevel = ["fuqian.grid", "fuqian.gridleader", .. FuqianCommunity];
    private static readonly string[] XueyuanCommunity = ["xueyuan.staff", "xueyuan.secretary"];

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    private static Probe Get(string route, Func<Ids, string> url, string[] allowed, string[] inScope, string ok = "200", string outOfScope = "404") =>
        new($"GET {route}", url, allowed, inScope, ok, outOfScope);

    private static Probe Post(string route, Func<Ids, string> url, string[] allowed, string[] inScope, string ok, Func<Ids, object?> body,
        string outOfScope = "404") =>
        new($"POST {route}", url, allowed, inScope, ok, outOfScope, Body: body);

    private static Probe Page(string route, Func<Ids, string> url, string[] allowed, string[] inScope, string ok = "200", string outOfScope = "404") =>
        new($"GET {route}", url, allowed, inScope, ok, outOfScope, Page: true);

    private static Probe Form(string key, Func<Ids, string> url, string[] allowed, string[] inScope, string ok,
        Func<Ids, Dictionary<string, string>>? form = null, string outOfScope = "404") =>
        new($"POST {key}", url, allowed, inScope, ok, outOfScope, Form: form ?? (_ => []), Page: true);

    private static readonly Probe[] Probes =
    [
        // ---- Platform
        Get("/healthz", _ => "/healthz", Anyone, Anyone),
        Post("/api/auth/token", _ => "/api/auth/token", Anyone, Anyone, "200", _ => new { userName = "volunteer", password = ClientExtensions.Password }),
        new("POST /culture", _ => "/culture", Anyone, Anyone, "302>*", Form: _ => Fields(("culture", "zh-CN"), ("returnUrl", "/"))),
        Get("/openapi/{documentName}.json", _ => "/openapi/v1.json", Anyone, Anyone),
        Get("/scalar/{documentName?}", _ => "/scalar/v1", Anyone, Anyone),
        Get("/scalar/favicon.svg", _ => "/scalar/favicon.svg", Anyone, Anyone),
        Get("/scalar/scalar.aspnetcore.js", _ => "/scalar/scalar.aspnetcore.js", Anyone, Anyone),
        Get("/scalar/scalar.js", _ => "/scalar/scalar.js", Anyone, Anyone),
        Get("/api/audit/", _ => "/api/audit", Admin, Admin),
        Get("/api/audit/verify", _ => "/api/audit/verify", Admin, Admin),
        Get("/files/{id:long}", i => $"/files/{i.Photo}", SignedIn, Hebian),
        Page("/account/login", _ => "/account/login", Anyone, Anyone),
        Form("/account/login", _ => "/account/login", Anyone, Anyone, "200", _ => Fields(("Input.UserName", "matrix.nobody"), ("Input.Password", "wrong"))),
        Page("/account/logout", _ => "/account/logout", SignedIn, SignedIn),
        Form("/account/logout", _ => "/account/logout", SignedIn, SignedIn, "302>/account/login"),
        Page("/account/denied", _ => "/account/denied", Anyone, Anyone),
        Page("/account/password", _ => "/account/password", SignedIn, SignedIn),
        Form("/account/password", _ => "/account/password", SignedIn, SignedIn, "200",
            _ => Fields(("Input.Current", "Wrong@2026"), ("Input.New", "Matrix#2027"), ("Input.Confirm", "Matrix#2027"))),
        Post("/api/auth/logout", _ => "/api/auth/logout", SignedIn, SignedIn, "204", _ => null),
        Page("/status/{code:int}", _ => "/status/404", Anyone, Anyone),
        Page("/admin/audit", _ => "/admin/audit", Admin, Admin),
        Page("/admin/calendar", _ => "/admin/calendar", Staff, Staff),
        Form("/admin/calendar", _ => "/admin/calendar", Admin, Admin, "200"),
        Form("/admin/calendar (Remove)", _ => "/admin/calendar?handler=Remove", Admin, Admin, "200"),
        Page("/notifications", _ => "/notifications", SignedIn, SignedIn),
        Page("/notifications (Open)", i => $"/notifications?handler=Open&id={i.HebianNotification}", SignedIn, HebianLevel, "302>*"),
        Form("/notifications (ReadAll)", _ => "/notifications?handler=ReadAll", SignedIn, SignedIn, "302>/notifications"),
        Get("/api/notifications/", _ => "/api/notifications", SignedIn, SignedIn),
        Get("/api/home", _ => "/api/home", SignedIn, SignedIn),
        Post("/api/notifications/{id:long}/read", i => $"/api/notifications/{i.HebianNotification}/read", SignedIn, HebianLevel, "200", _ => null),
        Post("/api/notifications/read-all", _ => "/api/notifications/read-all", SignedIn, SignedIn, "200", _ => null),
        Page("/", _ => "/", Anyone, Anyone),

        // ---- Organisation
        Get("/api/org/summary", _ => $"/api/org/summary?division={Fq}", Staff, Hebian),
        Get("/api/org/communities", _ => "/api/org/communities?division=140827", Staff, Staff),
        Get("/api/org/partner-units", _ => $"/api/org/partner-units?community={Fq}", StaffOrUnit, StaffOrUnit),
        Get("/api/people/", _ => $"/api/people?community={Fq}", Staff, Staff),
        Get("/api/people/{id:long}", i => $"/api/people/{i.D.HebianPerson}", Staff, Hebian),
        Post("/api/people/", _ => "/api/people", PeopleWriters, ["fuqian.grid", .. FuqianCommunity], "201",
            i => new { name = "矩阵测试", householdId = i.D.HebianHousehold }, outOfScope: "400"),
        new("PUT /api/people/{id:long}", i => $"/api/people/{i.D.XueyuanPerson}", PeopleWriters, XueyuanCommunity, "200",
            Body: i => new { name = "矩阵测试", householdId = i.D.XueyuanHousehold }),
        Post("/api/people/{id:long}/reveal", i => $"/api/people/{i.D.HebianPerson}/reveal", Revealers, ["fuqian.grid", .. FuqianCommunity], "200",
            _ => new { field = "phone", reason = "权限矩阵测试" }),
        Page("/org/communities", _ => "/org/communities", Staff, Staff),
        Page("/org/communities/{code}", _ => $"/org/communities/{Fq}", Staff, Hebian),
        Page("/org/buildings/{id:long}", i => $"/org/buildings/{i.HebianBuilding}", Staff, Hebian),
        Page("/org/households/{id:long}", i => $"/org/households/{i.D.HebianHousehold}", Staff, Hebian),
        Page("/org/partner-units", _ => "/org/partner-units", StaffOrUnit, StaffOrUnit),
        Page("/people", _ => "/people", Staff, Staff),
        Page("/people/{id:long}", i => $"/people/{i.D.HebianPerson}", Staff, Hebian),
        Form("/people/{id:long}", i => $"/people/{i.D.HebianPerson}", Revealers, ["fuqian.grid", .. FuqianCommunity], "200",
            _ => Fields(("field", "phone"), ("reason", "权限矩阵测试"))),
        Page("/people/{id:long}/edit", i => $"/people/{i.D.HebianPerson}/edit", PeopleWriters, ["fuqian.grid", .. FuqianCommunity]),
        Form("/people/{id:long}/edit", i => $"/people/{i.D.HebianPerson}/edit", PeopleWriters, ["fuqian.grid", .. FuqianCommunity], "200"),
        Page("/people/new", i => $"/people/new?household={i.D.HebianHousehold}", PeopleWriters, ["fuqian.grid", .. FuqianCommunity]),
        // The household comes in the form: an empty one is refused beside the field, in scope or not (as the API's 400).
        Form("/people/new", i => $"/people/new?household={i.D.HebianHousehold}", PeopleWriters, PeopleWriters, "200"),
        Page("/people/import", _ => $"/people/import?community={Fq}", PeopleWriters, ["fuqian.grid", .. FuqianCommunity]),
        new("GET /people/import (Template)", _ => $"/people/import?handler=Template&community={Fq}", PeopleWriters, ["fuqian.grid", .. FuqianCommunity], "200", Page: true),
        Form("/people/import", _ => $"/people/import?community={Fq}", PeopleWriters, ["fuqian.grid", .. FuqianCommunity], "200"),

        // ---- Matters
        Get("/api/matters/", _ => "/api/matters", SignedIn, SignedIn),
        Get("/api/matters/{id:long}", i => $"/api/matters/{i.D.HebianMatter}", SignedIn, Hebian),
        Get("/api/matters/{id:long}/duplicates", i => $"/api/matters/{i.D.HebianMatter}/duplicates", Staff, Hebian),
        Get("/api/matters/categories", _ => "/api/matters/categories", Anyone, Anyone),
        Get("/api/kpis/matters", _ => "/api/kpis/matters?division=140827", StaffOrUnit, StaffOrUnit),
        // Anyone signed in raises a matter in any community, as on the public page; staff record only within their scope.
        Post("/api/matters/", _ => "/api/matters", SignedIn, [.. SignedIn.Except(XueyuanCommunity)], "201",
            i => new { categoryCode = "drainage", description = "权限矩阵：河边三巷积水", communityCode = Fq, buildingId = i.HebianBuilding }, outOfScope: "400"),
        Post("/api/matters/{id:long}/actions/{action}", i => $"/api/matters/{i.D.XueyuanMatter}/actions/reject", Community, XueyuanCommunity, "409",
            _ => new { reason = "测试" }),
        Post("/api/matters/{id:long}/reveal-phone", i => $"/api/matters/{i.D.HebianMatter}/reveal-phone", Revealers, ["fuqian.grid", .. FuqianCommunity], "200",
            _ => new { reason = "回访核实" }),
        Page("/matters", _ => "/matters", SignedIn, SignedIn),
        Page("/matters/{id:long}", i => $"/matters/{i.D.HebianMatter}", SignedIn, Hebian),
        Form("/matters/{id:long}", i => $"/matters/{i.D.XueyuanMatter}", Community, XueyuanCommunity, "200", _ => Fields(("action", "reject"), ("reason", "测试"))),
        Form("/matters/{id:long} (Reveal)", i => $"/matters/{i.D.HebianMatter}?handler=Reveal", Revealers, ["fuqian.grid", .. FuqianCommunity], "200",
            _ => Fields(("reason", "回访核实"))),
        Page("/matters/new", _ => "/matters/new", Staff, Staff),
        Form("/matters/new", _ => "/matters/new", Staff, Staff, "200"),
        Page("/matters/categories", _ => "/matters/categories", Staff, Staff),
        Form("/matters/categories", _ => "/matters/categories", Admin, Admin, "200", _ => Fields(("code", "nope"))),
        Form("/matters/categories (Add)", _ => "/matters/categories?handler=Add", Admin, Admin, "200"),
        Page("/matters/import", _ => "/matters/import", Managers, Managers),
        new("GET /matters/import (Template)", _ => "/matters/import?handler=Template", Managers, Managers, "200", Page: true),
        Form("/matters/import", _ => "/matters/import", Managers, Managers, "200"),
        Page("/matters/kpis", _ => "/matters/kpis", StaffOrUnit, StaffOrUnit),
        Get("/open311/discovery.json", _ => "/open311/discovery.json", Anyone, Anyone),
        Get("/open311/v2/services.{format}", _ => "/open311/v2/services.json", Anyone, Anyone),
        Get("/open311/v2/services/{code}.{format}", _ => "/open311/v2/services/drainage.json", Anyone, Anyone),
        Get("/open311/v2/requests.{format}", _ => "/open311/v2/requests.json?api_key=demo-open311-key", Anyone, Anyone),
        Get("/open311/v2/requests/{id}.{format}", i => $"/open311/v2/requests/{i.MatterCode}.json?api_key=demo-open311-key", Anyone, Anyone),
        Get("/open311/v2/tokens/{token}.{format}", _ => "/open311/v2/tokens/no-such-token.json?api_key=demo-open311-key", Anyone, Anyone, "404"),
        new("POST /open311/v2/requests.{format}", _ => "/open311/v2/requests.json", Anyone, Anyone, "400", Form: _ => Fields(("api_key", "demo-open311-key"))),
        Page("/c/{community}/matters/new", _ => $"/c/{Fq}/matters/new", Anyone, Anyone),
        Form("/c/{community}/matters/new", _ => $"/c/{Fq}/matters/new", Anyone, Anyone, "200"),
        Page("/track/{code?}", i => $"/track/{i.MatterCode}", Anyone, Anyone),
        Form("/track/{code?}", i => $"/track/{i.MatterCode}", Anyone, Anyone, "200", _ => Fields(("Rating", "satisfied"))),

        // ---- Deliberation
        Get("/api/deliberation/topics", _ => $"/api/deliberation/topics?community={Xy}", Staff, Staff),
        Get("/api/deliberation/topics/{id:long}", i => $"/api/deliberation/topics/{i.D.ParkingTopic}", Staff, Xueyuan),
        Post("/api/deliberation/topics", _ => "/api/deliberation/topics", Community, XueyuanCommunity, "201",
            _ => new { communityCode = Xy, title = "矩阵测试议题", description = "权限矩阵" }, outOfScope: "400"),
        Post("/api/deliberation/topics/{id:long}/actions/{action}", i => $"/api/deliberation/topics/{i.D.ParkingTopic}/actions/complete", Community, XueyuanCommunity,
            "409", _ => new { }),
        Get("/api/deliberation/venues", _ => "/api/deliberation/venues", Staff, Staff),
        Post("/api/deliberation/venues", _ => "/api/deliberation/venues", Community, XueyuanCommunity, "201",
            _ => new { communityCode = Xy, name = "矩阵议事亭", place = "学苑小区", capacity = 20, quorumMinimum = 6, quorumPercent = 50 }, outOfScope: "400"),
        Get("/api/deliberation/meetings", _ => $"/api/deliberation/meetings?community={Xy}", Staff, Staff),
        Get("/api/deliberation/meetings/{id:long}", i => $"/api/deliberation/meetings/{i.D.ParkingMeeting}", Staff, Xueyuan),
        Post("/api/deliberation/meetings", _ => "/api/deliberation/meetings", Community, XueyuanCommunity, "201",
            i => new
            {
                communityCode = Xy, venueId = i.XueyuanVenue, title = "矩阵议事会", scheduledAt = DateTime.UtcNow.AddDays(3),
                participants = new[] { new { name = "代表甲", kind = "residentRepresentative" } },
            }, outOfScope: "400"),
        Post("/api/deliberation/meetings/{id:long}/attendance", i => $"/api/deliberation/meetings/{i.D.ParkingMeeting}/attendance", Community, XueyuanCommunity, "409",
            _ => new { present = Array.Empty<long>() }),
        Post("/api/deliberation/meetings/{id:long}/minutes", i => $"/api/deliberation/meetings/{i.D.ParkingMeeting}/minutes", Community, XueyuanCommunity, "400",
            _ => new { minutes = new string('记', 9000) }),
        Get("/api/deliberation/figures", _ => "/api/deliberation/figures?division=140827", Staff, Staff),
        Page("/deliberation", _ => "/deliberation", Staff, Staff),
        Form("/deliberation (Topic)", _ => "/deliberation?handler=Topic", Community, Community, "200"),
        Form("/deliberation (Meeting)", _ => "/deliberation?handler=Meeting", Community, Community, "200"),
        Page("/deliberation/topics/{id:long}", i => $"/deliberation/topics/{i.D.ParkingTopic}", Staff, Xueyuan),
        Form("/deliberation/topics/{id:long} (Action)", i => $"/deliberation/topics/{i.D.ParkingTopic}?handler=Action", Community, XueyuanCommunity, "200",
            _ => Fields(("action", "complete"))),
        Form("/deliberation/topics/{id:long} (Attach)", i => $"/deliberation/topics/{i.D.ParkingTopic}?handler=Attach", Community, XueyuanCommunity, "200"),
        Page("/deliberation/meetings/{id:long}", i => $"/deliberation/meetings/{i.D.ParkingMeeting}", Staff, Xueyuan),
        Form("/deliberation/meetings/{id:long} (Attendance)", i => $"/deliberation/meetings/{i.D.ParkingMeeting}?handler=Attendance", Community, XueyuanCommunity, "200"),
        Form("/deliberation/meetings/{id:long} (Minutes)", i => $"/deliberation/meetings/{i.D.ParkingMeeting}?handler=Minutes", Community, XueyuanCommunity, "200",
            _ => Fields(("minutes", new string('记', 9000)))),
        Page("/c/{community}", _ => $"/c/{Xy}", Anyone, Anyone),
        Page("/c/{community}/topics/new", _ => $"/c/{Xy}/topics/new", Anyone, Anyone),
        Form("/c/{community}/topics/new", _ => $"/c/{Xy}/topics/new", Anyone, Anyone, "200"),
        Page("/c/{community}/topics/{code}", i => $"/c/{Xy}/topics/{i.TopicCode}", Anyone, Anyone),

        // ---- Notices
        Get("/api/notices/", _ => $"/api/notices?community={Xy}", Staff, Staff),
        Get("/api/notices/{id:long}", i => $"/api/notices/{i.D.ParkingNotice}", Staff, Xueyuan),
        Get("/api/notices/{id:long}/verify", i => $"/api/notices/{i.D.ParkingNotice}/verify", Staff, Xueyuan),
        Post("/api/notices/", _ => "/api/notices", Community, XueyuanCommunity, "400", _ => new { communityCode = Xy }, outOfScope: "400"),
        Post("/api/notices/{id:long}/versions", i => $"/api/notices/{i.D.ParkingNotice}/versions", Community, XueyuanCommunity, "400", _ => new { }),
        Post("/api/notices/objections/{id:long}/answer", i => $"/api/notices/objections/{i.D.ParkingObjection}/answer", Community, XueyuanCommunity, "400",
            _ => new { publish = true }),
        Get("/c/{community}/notices/feed", _ => $"/c/{Xy}/notices/feed", Anyone, Anyone),
        Page("/notices", _ => "/notices", Staff, Staff),
        Form("/notices", _ => "/notices", Community, Community, "200"),
        Page("/notices/{id:long}", i => $"/notices/{i.D.ParkingNotice}", Staff, Xueyuan),
        Form("/notices/{id:long} (Revise)", i => $"/notices/{i.D.ParkingNotice}?handler=Revise", Community, XueyuanCommunity, "200"),
        Form("/notices/{id:long} (Answer)", i => $"/notices/{i.D.ParkingNotice}?handler=Answer", Community, XueyuanCommunity, "200",
            i => Fields(("objection", i.D.ParkingObjection.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("publish", "true"))),
        Page("/c/{community}/notices", _ => $"/c/{Xy}/notices", Anyone, Anyone),
        Page("/c/{community}/notices/{id:long}", i => $"/c/{Xy}/notices/{i.D.ParkingNotice}", Anyone, Anyone),
        Form("/c/{community}/notices/{id:long}", i => $"/c/{Xy}/notices/{i.D.ParkingNotice}", Anyone, Anyone, "200"),
        Page("/c/{community}/notices/{id:long}/poster", i => $"/c/{Xy}/notices/{i.D.ParkingNotice}/poster", Anyone, Anyone),
        Page("/c/{community}/objections/{code}", i => $"/c/{Xy}/objections/{i.ObjectionCode}", Anyone, Anyone),

        // ---- Projects (the big committee)
        Get("/api/projects/summary", _ => $"/api/projects/summary?community={Fq}", StaffOrUnit, StaffOrUnit),
        Get("/api/projects/summary.xlsx", _ => $"/api/projects/summary.xlsx?community={Fq}", StaffOrUnit, StaffOrUnit),
        Get("/api/projects/figures", _ => "/api/projects/figures", StaffOrUnit, StaffOrUnit),
        Get("/api/projects/{id:long}", i => $"/api/projects/{i.D.DitchProject}", StaffOrUnit, [.. Hebian, "unit.xmtj"]),
        Post("/api/projects/{id:long}/milestones", i => $"/api/projects/{i.D.LightsProject}/milestones", [.. Community, .. Units], [.. FuqianCommunity, "unit.fgj"],
            "400", _ => new { }),
        new("PUT /api/projects/{id:long}/milestones/{milestoneId:long}", i => $"/api/projects/{i.D.DitchProject}/milestones/{i.OpenMilestone}",
            [.. Community, .. Units], [.. FuqianCommunity, "unit.xmtj"], "400", Body: _ => new { }),
        Post("/api/projects/{id:long}/milestones/{milestoneId:long}/done", i => $"/api/projects/{i.D.DitchProject}/milestones/{i.DoneMilestone}/done",
            [.. Community, .. Units], [.. FuqianCommunity, "unit.xmtj"], "409", _ => new { }),
        new("POST /api/projects/{id:long}/updates", i => $"/api/projects/{i.D.DitchProject}/updates", [.. Community, .. Units], [.. FuqianCommunity, "unit.xmtj"], "400",
            Form: _ => Fields(("text", "")), Multipart: true),
        Post("/api/projects/{id:long}/request-acceptance", i => $"/api/projects/{i.D.DitchProject}/request-acceptance", [.. Community, .. Units],
            [.. FuqianCommunity, "unit.xmtj"], "409", _ => new { }),
        Post("/api/projects/{id:long}/accept", i => $"/api/projects/{i.D.DitchProject}/accept", Secretaries, ["fuqian.secretary"], "409",
            _ => new { residents = "居民代表" }),
        Post("/api/projects/{id:long}/send-back", i => $"/api/projects/{i.D.DitchProject}/send-back", Secretaries, ["fuqian.secretary"], "409",
            _ => new { reason = "还有未完成的工作" }),
        Post("/api/projects/{id:long}/commendations", i => $"/api/projects/{i.D.DitchProject}/commendations", Community, FuqianCommunity, "400", _ => new { }),
        Get("/api/projects/needs", _ => $"/api/projects/needs?community={Fq}", StaffOrUnit, StaffOrUnit),
        Get("/api/projects/needs/suggestions", _ => "/api/projects/needs/suggestions", Community, Community),
        Get("/api/projects/needs/{id:long}", i => $"/api/projects/needs/{i.D.OfferedNeed}", StaffOrUnit, [.. Hebian, "unit.xmtj"]),
        Post("/api/projects/needs", _ => "/api/projects/needs", Community, Community, "400", _ => new { communityCode = Fq }),
        Post("/api/projects/needs/{id:long}/offer", i => $"/api/projects/needs/{i.D.OfferedNeed}/offer", Community, FuqianCommunity, "400",
            _ => new { unitIds = new[] { 999999L } }),
        Post("/api/projects/needs/{id:long}/drop", i => $"/api/projects/needs/{i.D.OfferedNeed}/drop", Community, FuqianCommunity, "400", _ => new { reason = "" }),
        Post("/api/projects/needs/{id:long}/adopt", i => $"/api/projects/needs/{i.D.OfferedNeed}/adopt", Units, ["unit.xmtj"], "201", _ => null),
        Get("/api/projects/meetings", _ => $"/api/projects/meetings?community={Fq}", StaffOrUnit, StaffOrUnit),
        Get("/api/projects/meetings/{id:long}", i => $"/api/projects/meetings/{i.FuqianJointMeeting}", StaffOrUnit, [.. Hebian, .. Units]),
        Post("/api/projects/meetings", _ => "/api/projects/meetings", Community, Community, "400", _ => new { communityCode = Fq }),
        Post("/api/projects/meetings/{id:long}/record", i => $"/api/projects/meetings/{i.FuqianJointMeeting}/record", Community, FuqianCommunity, "400",
            _ => new { minutes = new string('记', 9000) }),
        Post("/api/projects/meetings/{id:long}/decisions", i => $"/api/projects/meetings/{i.FuqianJointMeeting}/decisions", Community, FuqianCommunity, "400",
            _ => new { }),
        Get("/api/projects/agreements", _ => $"/api/projects/agreements?community={Fq}", StaffOrUnit, StaffOrUnit),
        Post("/api/projects/agreements", _ => "/api/projects/agreements", Community, Community, "400", _ => new { communityCode = Fq }),
        // The member reports once (this is the matrix's own database); staff record a report for a member of their community.
        Post("/api/projects/in-service/members", _ => "/api/projects/in-service/members", ["member", .. Community], ["member", .. FuqianCommunity], "201",
            i => new { communityCode = Fq, unitId = i.D.ProjectCentreId, name = "矩阵党员" }, outOfScope: "400"),
        Post("/api/projects/in-service/members/{id:long}/reveal-phone", i => $"/api/projects/in-service/members/{i.FuqianMember}/reveal-phone", Community,
            FuqianCommunity, "200", _ => new { reason = "联系服务安排" }),
        Post("/api/projects/in-service/tasks", _ => "/api/projects/in-service/tasks", Community, Community, "400", _ => new { communityCode = Fq }),
        Post("/api/projects/in-service/tasks/{id:long}/sign-up", i => $"/api/projects/in-service/tasks/{i.FuqianTask}/sign-up", ["member"], ["member"], "409",
            _ => null),
        Post("/api/projects/in-service/records/{id:long}", i => $"/api/projects/in-service/records/{i.FuqianRecord}", Community, FuqianCommunity, "400",
            _ => new { hours = 30 }),
        Page("/projects", _ => "/projects", StaffOrUnit, StaffOrUnit),
        Page("/projects/{id:long}", i => $"/projects/{i.D.DitchProject}", StaffOrUnit, [.. Hebian, "unit.xmtj"]),
        Form("/projects/{id:long} (Plan)", i => $"/projects/{i.D.DitchProject}?handler=Plan", [.. Community, .. Units], [.. FuqianCommunity, "unit.xmtj"], "200"),
        Form("/projects/{id:long} (Replan)", i => $"/projects/{i.D.DitchProject}?handler=Replan", [.. Community, .. Units], [.. FuqianCommunity, "unit.xmtj"], "200",
            i => Fields(("Input.MilestoneId", i.OpenMilestone.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        Form("/projects/{id:long} (Done)", i => $"/projects/{i.D.DitchProject}?handler=Done", [.. Community, .. Units], [.. FuqianCommunity, "unit.xmtj"], "200",
            i => Fields(("Input.MilestoneId", i.DoneMilestone.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        Form("/projects/{id:long} (Update)", i => $"/projects/{i.D.DitchProject}?handler=Update", [.. Community, .. Units], [.. FuqianCommunity, "unit.xmtj"], "200"),
        Form("/projects/{id:long} (Request)", i => $"/projects/{i.D.DitchProject}?handler=Request", [.. Community, .. Units], [.. FuqianCommunity, "unit.xmtj"], "200"),
        Form("/projects/{id:long} (Accept)", i => $"/projects/{i.D.DitchProject}?handler=Accept", Secretaries, ["fuqian.secretary"], "200"),
        Form("/projects/{id:long} (SendBack)", i => $"/projects/{i.D.DitchProject}?handler=SendBack", Secretaries, ["fuqian.secretary"], "200"),
        Form("/projects/{id:long} (Commend)", i => $"/projects/{i.D.DitchProject}?handler=Commend", Community, FuqianCommunity, "200"),
        Page("/projects/needs", _ => "/projects/needs", StaffOrUnit, StaffOrUnit),
        Form("/projects/needs", _ => "/projects/needs", Community, Community, "200"),
        Page("/projects/needs/{id:long}", i => $"/projects/needs/{i.D.OfferedNeed}", StaffOrUnit, [.. Hebian, "unit.xmtj"]),
        Form("/projects/needs/{id:long} (Offer)", i => $"/projects/needs/{i.D.OfferedNeed}?handler=Offer", Community, FuqianCommunity, "200",
            _ => Fields(("UnitIds", "999999"))),
        Form("/projects/needs/{id:long} (Drop)", i => $"/projects/needs/{i.D.OfferedNeed}?handler=Drop", Community, FuqianCommunity, "200"),
        Form("/projects/needs/{id:long} (Adopt)", i => $"/projects/needs/{i.D.OfferedNeed}?handler=Adopt", Units, ["unit.xmtj"], "200"),
        Page("/projects/meetings", _ => "/projects/meetings", StaffOrUnit, StaffOrUnit),
        Form("/projects/meetings", _ => "/projects/meetings", Community, Community, "200"),
        Page("/projects/meetings/{id:long}", i => $"/projects/meetings/{i.FuqianJointMeeting}", StaffOrUnit, [.. Hebian, .. Units]),
        Form("/projects/meetings/{id:long} (Record)", i => $"/projects/meetings/{i.FuqianJointMeeting}?handler=Record", Community, FuqianCommunity, "200",
            _ => Fields(("Minutes", new string('记', 9000)))),
        Form("/projects/meetings/{id:long} (Decide)", i => $"/projects/meetings/{i.FuqianJointMeeting}?handler=Decide", Community, FuqianCommunity, "200"),
        Page("/projects/agreements", _ => "/projects/agreements", StaffOrUnit, StaffOrUnit),
        Form("/projects/agreements", _ => "/projects/agreements", Community, Community, "200"),
        Page("/projects/service", _ => "/projects/service", InService, InService),
        Form("/projects/service (Report)", _ => "/projects/service?handler=Report", ["member"], ["member"], "200"),
        Form("/projects/service (Member)", _ => "/projects/service?handler=Member", Community, Community, "200"),
        Form("/projects/service (Task)", _ => "/projects/service?handler=Task", Community, Community, "200"),
        Form("/projects/service (Pick)", i => "/projects/service?handler=Pick", ["member"], ["member"], "200",
            i => Fields(("Input.TaskId", i.FuqianTask.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        Form("/projects/service (Hours)", _ => "/projects/service?handler=Hours", Community, FuqianCommunity, "200",
            i => Fields(("Input.RecordId", i.FuqianRecord.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Hours", "30"))),
        Form("/projects/service (Reveal)", _ => "/projects/service?handler=Reveal", Community, FuqianCommunity, "200",
            i => Fields(("Input.MemberId", i.FuqianMember.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Reason", "联系服务安排"))),
        Page("/c/{community}/projects/{id:long?}", i => $"/c/{Xy}/projects/{i.D.XueyuanProject}", Anyone, Anyone),
        Form("/c/{community}/projects/{id:long?}", i => $"/c/{Xy}/projects/{i.D.XueyuanProject}", Anyone, Anyone, "200"),
        // ---- Volunteering (organisers: community staff and secretaries, town and county officers, administrators)
        Get("/api/volunteering/activities", _ => "/api/volunteering/activities?division=140827", SignedIn, SignedIn),
        Get("/api/volunteering/activities/{id:long}", i => $"/api/volunteering/activities/{i.StudyRoom}", Managers, Xueyuan),
        Post("/api/volunteering/activities", _ => "/api/volunteering/activities", Managers, Xueyuan, "201",
            _ => new { communityCode = Xy, title = "权限矩阵活动", venue = "学苑社区", startsAt = "2027-03-05T09:00:00", endsAt = "2027-03-05T11:00:00",
                posts = new[] { new { name = "服务岗", capacity = 3 } } }, outOfScope: "400"),
        // A sign-up without a post is refused beside the field, for anyone signed in (the activity is public).
        Post("/api/volunteering/activities/{id:long}/signups", i => $"/api/volunteering/activities/{i.StudyRoom}/signups", SignedIn, SignedIn, "400", _ => new { }),
        // The volunteer's own place, checked in already: its owner and the organisers above 惠民 are told it cannot be cancelled.
        Post("/api/volunteering/signups/{id:long}/cancel", i => $"/api/volunteering/signups/{i.VolunteerPastPlace}/cancel", SignedIn, ["volunteer", .. Above], "409", _ => null),
        Post("/api/volunteering/checkin", _ => "/api/volunteering/checkin", SignedIn, SignedIn, "409", _ => new { code = "not-a-code" }),
        Post("/api/volunteering/activities/{id:long}/occurrences/{at:long}/hours", i => $"/api/volunteering/activities/{i.StudyRoom}/occurrences/1/hours", SignedIn, Xueyuan, "400",
            _ => new { present = Array.Empty<long>() }),
        Post("/api/volunteering/activities/{id:long}/served", i => $"/api/volunteering/activities/{i.StudyRoom}/served", SignedIn, Xueyuan, "400", _ => new { peopleServed = 3 }),
        Post("/api/volunteering/activities/{id:long}/cancel-occurrence", i => $"/api/volunteering/activities/{i.StudyRoom}/cancel-occurrence", SignedIn, Xueyuan, "400",
            _ => new { reason = "权限矩阵" }),
        Get("/api/volunteering/volunteers", _ => "/api/volunteering/volunteers", Managers, Managers),
        Post("/api/volunteering/volunteers", _ => "/api/volunteering/volunteers", Managers, Managers, "400", _ => new { communityCode = Xy, name = "" }),
        Post("/api/volunteering/me", _ => "/api/volunteering/me", SignedIn, SignedIn, "400", _ => new { name = "" }),
        Get("/api/volunteering/me", _ => "/api/volunteering/me", SignedIn, ["volunteer"]),
        Get("/api/volunteering/teams", _ => "/api/volunteering/teams", Managers, Managers),
        Post("/api/volunteering/teams", _ => "/api/volunteering/teams", Managers, Managers, "400", _ => new { communityCode = Xy, name = "" }),
        Get("/api/volunteering/volunteers/{id:long}", i => $"/api/volunteering/volunteers/{i.FuqianVolunteer}", Managers, [.. FuqianCommunity, .. Above]),
        Post("/api/volunteering/volunteers/{id:long}/commendations", i => $"/api/volunteering/volunteers/{i.FuqianVolunteer}/commendations", Managers,
            [.. FuqianCommunity, .. Above], "400", _ => new { title = "" }),
        // No such commendation: the organisers above 府前 are told so, the others cannot ask.
        new("DELETE /api/volunteering/volunteers/{id:long}/commendations/{commendationId:long}", i => $"/api/volunteering/volunteers/{i.FuqianVolunteer}/commendations/0",
            Managers, [.. FuqianCommunity, .. Above], "404"),
        Get("/api/volunteering/teams/{id:long}", i => $"/api/volunteering/teams/{i.XueyuanTeam}", Managers, Xueyuan),
        Post("/api/volunteering/teams/{id:long}/members", i => $"/api/volunteering/teams/{i.XueyuanTeam}/members", Managers, Xueyuan, "400", _ => new { volunteerId = 0 }),
        // The leader cannot be taken off before another is chosen: the organisers in scope are told so.
        new("DELETE /api/volunteering/teams/{id:long}/members/{volunteerId:long}", i => $"/api/volunteering/teams/{i.XueyuanTeam}/members/{i.XueyuanTeamLeader}",
            Managers, Xueyuan, "409"),
        Post("/api/volunteering/teams/{id:long}/leader", i => $"/api/volunteering/teams/{i.XueyuanTeam}/leader", Managers, Xueyuan, "400", _ => new { volunteerId = 0 }),
        Get("/api/volunteering/figures", _ => "/api/volunteering/figures?division=140827", StaffOrUnit, StaffOrUnit),
        Get("/api/volunteering/figures/rows", _ => "/api/volunteering/figures/rows?division=140827&groupBy=team", StaffOrUnit, StaffOrUnit),
        // ---- Pledges: 裴社镇 (闻喜县) is outside every Yuanqu account's scope; only the administrator sees its pledges, and
        // acts on none of them (no branch, town or member role): 403 once found.
        Get("/api/pledges/", _ => "/api/pledges/", SignedIn, SignedIn),
        Post("/api/pledges/", _ => "/api/pledges/", ["member", .. Community], ["member", .. Community], "400", _ => new { }),
        Get("/api/pledges/{id:long}", i => $"/api/pledges/{i.PeishePledge}", SignedIn, Admin),
        Post("/api/pledges/{id:long}/submit", i => $"/api/pledges/{i.PeishePledge}/submit", SignedIn, Admin, "403", _ => null),
        Post("/api/pledges/{id:long}/review", i => $"/api/pledges/{i.PeishePledge}/review", SignedIn, Admin, "403", _ => new { approve = true, note = "会议" }),
        Post("/api/pledges/{id:long}/file", i => $"/api/pledges/{i.PeishePledge}/file", SignedIn, Admin, "403", _ => null),
        Post("/api/pledges/{id:long}/progress", i => $"/api/pledges/{i.PeishePledge}/progress", SignedIn, Admin, "403", _ => new { note = "进展" }),
        Post("/api/pledges/{id:long}/help", i => $"/api/pledges/{i.PeishePledge}/help", SignedIn, Admin, "403", _ => new { note = "帮扶" }),
        Post("/api/pledges/{id:long}/report", i => $"/api/pledges/{i.PeishePledge}/report", SignedIn, Admin, "403", _ => new { note = "自评" }),
        Post("/api/pledges/{id:long}/close", i => $"/api/pledges/{i.PeishePledge}/close", SignedIn, Admin, "403", _ => new { outcome = "completed", rating = "good" }),
        Post("/api/pledges/{id:long}/amend", i => $"/api/pledges/{i.PeishePledge}/amend", SignedIn, Admin, "403", _ => new { title = "改", reason = "改" }),
        Post("/api/pledges/branches/{community}/{month}/file", _ => "/api/pledges/branches/140823109200/2026-03/file", SignedIn, Admin, "403", _ => null),
        Post("/api/pledges/branches/{community}/{month}/publish", _ => "/api/pledges/branches/140823109200/2026-03/publish", SignedIn, Admin, "403", _ => null),
        Get("/api/pledges/opinions", _ => "/api/pledges/opinions", SignedIn, SignedIn),
        Post("/api/pledges/opinions", _ => "/api/pledges/opinions", Managers, Managers, "400", _ => new { }),
        Get("/api/pledges/compliance", _ => "/api/pledges/compliance?division=140823109", Managers, Admin),
        Get("/api/pledges/figures", _ => "/api/pledges/figures?division=140823109", StaffOrUnit, Admin),
        Get("/api/pledges/figures/counts", _ => "/api/pledges/figures/counts?division=140823109", StaffOrUnit, Admin),
        Get("/c/{community}/volunteering.ics", _ => $"/c/{Xy}/volunteering.ics", Anyone, Anyone),
        Get("/volunteering/teams/{id:long}.ics", i => $"/volunteering/teams/{i.XueyuanTeam}.ics?key={Uri.EscapeDataString(i.TeamFeedKey)}", Anyone, Anyone),
        Get("/volunteering/volunteers/{id:long}.ics", i => $"/volunteering/volunteers/{i.FuqianVolunteer}.ics?key={Uri.EscapeDataString(i.VolunteerFeedKey)}", Anyone, Anyone),
        Get("/volunteering/me/certificate.pdf", _ => "/volunteering/me/certificate.pdf", SignedIn, ["volunteer"]),
        Get("/volunteering/volunteers/{id:long}/certificate.pdf", i => $"/volunteering/volunteers/{i.FuqianVolunteer}/certificate.pdf", Managers, [.. FuqianCommunity, .. Above]),
        Page("/volunteering", _ => "/volunteering", Managers, Managers),
        Page("/volunteering/new", _ => $"/volunteering/new?community={Xy}", Managers, Managers),
        Form("/volunteering/new", _ => "/volunteering/new", Managers, Managers, "200"),
        Page("/volunteering/activities/{id:long}", i => $"/volunteering/activities/{i.StudyRoom}", SignedIn, Xueyuan),
        Form("/volunteering/activities/{id:long} (Assign)", i => $"/volunteering/activities/{i.StudyRoom}?handler=Assign", SignedIn, Xueyuan, "200", _ => Fields(("at", "1"))),
        Form("/volunteering/activities/{id:long} (Confirm)", i => $"/volunteering/activities/{i.StudyRoom}?handler=Confirm", SignedIn, Xueyuan, "200", _ => Fields(("at", "1"))),
        Form("/volunteering/activities/{id:long} (Served)", i => $"/volunteering/activities/{i.StudyRoom}?handler=Served", SignedIn, Xueyuan, "200", _ => Fields(("at", "1"))),
        Form("/volunteering/activities/{id:long} (CancelOccurrence)", i => $"/volunteering/activities/{i.StudyRoom}?handler=CancelOccurrence", SignedIn, Xueyuan, "200",
            _ => Fields(("at", "1"))),
        // A tutor's Friday place, checked in: refused on the page (it cannot be cancelled any more).
        Form("/volunteering/activities/{id:long} (CancelPlace)", i => $"/volunteering/activities/{i.StudyRoom}?handler=CancelPlace", SignedIn, Xueyuan, "200",
            i => Fields(("at", "1"), ("signUpId", i.StudyRoomPlace.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        Page("/volunteering/me", _ => "/volunteering/me", SignedIn, SignedIn),
        Form("/volunteering/me (Register)", _ => "/volunteering/me?handler=Register", SignedIn, SignedIn, "200"),
        Form("/volunteering/me (SignUp)", i => $"/volunteering/me?handler=SignUp&activityId={i.StudyRoom}", SignedIn, SignedIn, "200"),
        Form("/volunteering/me (Cancel)", i => $"/volunteering/me?handler=Cancel&id={i.VolunteerPastPlace}", SignedIn, ["volunteer", .. Above], "200"),
        Page("/volunteering/checkin/{code}", _ => "/volunteering/checkin/not-a-code", SignedIn, SignedIn),
        Form("/volunteering/checkin/{code} (In)", _ => "/volunteering/checkin/not-a-code?handler=In", SignedIn, SignedIn, "200"),
        Form("/volunteering/checkin/{code} (Out)", _ => "/volunteering/checkin/not-a-code?handler=Out", SignedIn, SignedIn, "200"),
        Page("/volunteering/teams/{id:long}", i => $"/volunteering/teams/{i.XueyuanTeam}", SignedIn, Xueyuan),
        Form("/volunteering/teams/{id:long} (AddMember)", i => $"/volunteering/teams/{i.XueyuanTeam}?handler=AddMember", Managers, Xueyuan, "200", _ => Fields(("volunteerId", ""))),
        Form("/volunteering/teams/{id:long} (RemoveMember)", i => $"/volunteering/teams/{i.XueyuanTeam}?handler=RemoveMember", Managers, Xueyuan, "200",
            i => Fields(("volunteerId", i.XueyuanTeamLeader.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        Form("/volunteering/teams/{id:long} (SetLeader)", i => $"/volunteering/teams/{i.XueyuanTeam}?handler=SetLeader", Managers, Xueyuan, "200", _ => Fields(("volunteerId", ""))),
        Form("/volunteering/volunteers/{id:long} (Commend)", i => $"/volunteering/volunteers/{i.FuqianVolunteer}?handler=Commend", Managers, [.. FuqianCommunity, .. Above], "200",
            _ => Fields(("Commend.Title", ""))),
        Form("/volunteering/volunteers/{id:long} (Withdraw)", i => $"/volunteering/volunteers/{i.FuqianVolunteer}?handler=Withdraw", Managers, [.. FuqianCommunity, .. Above], "404",
            _ => Fields(("commendationId", "0"))),
        Page("/volunteering/volunteers/{id:long}", i => $"/volunteering/volunteers/{i.FuqianVolunteer}", Managers, [.. FuqianCommunity, .. Above]),
        Form("/volunteering/volunteers/{id:long} (Reveal)", i => $"/volunteering/volunteers/{i.FuqianVolunteer}?handler=Reveal", Community, FuqianCommunity, "200",
            _ => Fields(("reason", "联系志愿者确认排班"))),
        Page("/volunteering/volunteers/new", _ => "/volunteering/volunteers/new", Managers, Managers),
        Form("/volunteering/volunteers/new", _ => "/volunteering/volunteers/new", Managers, Managers, "200"),
        Page("/c/{community}/volunteering", _ => $"/c/{Xy}/volunteering", Anyone, Anyone),
        Form("/c/{community}/volunteering (SignUp)", i => $"/c/{Xy}/volunteering?handler=SignUp&activityId={i.StudyRoom}", SignedIn, SignedIn, "200"),
        Page("/volunteering/certificates/{code}", _ => "/volunteering/certificates/not-a-code", Anyone, Anyone),
    ];
}
