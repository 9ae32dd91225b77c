using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Matters;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;


namespace Huying.Tests.Modules.Projects;

public abstract class ProjectTests(AppFixture app)
{
    private const string Fuqian = DemoRecords.Fuqian;
    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static string Status(JsonElement e) => e.GetProperty("status").GetString()!;

    private async Task<long> BuildingAsync(string name)
    {
        await using var db = app.Database();
        return await db.Buildings.Where(b => b.CommunityCode == Fuqian && b.Name == name).Select(b => b.Id).SingleAsync();
    }

    private async Task<JsonElement> FiguresAsync(HttpClient client) => await Json(await client.GetAsync($"/api/projects/figures?community={Fuqian}"));

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(offset).ToString("yyyy-MM-dd");

    private static async Task<JsonElement> MilestoneAsync(HttpClient client, long project, string title, int dueIn, long? unit = null) =>
        await Json(await client.PostAsJsonAsync($"/api/projects/{project}/milestones", new { title, dueOn = Day(dueIn), unitId = unit, budget = 5000, workers = 3, materials = "器材" }));

    [Fact]
    public async Task RecurringMattersBecomeANeedThatAJointMeetingTurnsIntoAProjectOfTwoUnitsAcceptedRatedAndCommended()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var secretary = await app.As("fuqian.secretary");
        var xmtj = await app.As("unit.xmtj");
        var fgj = await app.As("unit.fgj");
        var before = await FiguresAsync(staff);

        // Three matters of one kind at one place within 90 days…
        var place = await BuildingAsync("河边二巷");
        var matters = new List<long>();
        foreach (var text in new[] { "河边二巷健身器材断裂，孩子差点受伤", "河边二巷的单杠松动了", "河边二巷健身器材又坏了一处" })
        {
            var m = await Json(await staff.PostAsJsonAsync("/api/matters", new { categoryCode = "facilities", description = text, communityCode = Fuqian, buildingId = place }), HttpStatusCode.Created);
            matters.Add(Id(m));
        }
        // …are suggested as a need,
        var suggestions = await Json(await staff.GetAsync($"/api/projects/needs/suggestions?community={Fuqian}"));
        var suggestion = suggestions.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("buildingId").GetInt64() == place && s.GetProperty("categoryCode").GetString() == "facilities");
        var suggested = suggestion.GetProperty("matterIds").EnumerateArray().Select(x => x.GetInt64()).ToList();
        Assert.All(matters, id => Assert.Contains(id, suggested));

        // which staff accept; the suggestion then goes away.
        var need = await Json(await staff.PostAsJsonAsync("/api/projects/needs", new
        {
            communityCode = Fuqian, categoryCode = "facilities", title = "河边二巷健身器材更换", buildingId = place, peopleAffected = 80,
            source = "matters", matterIds = suggested,
        }), HttpStatusCode.Created);
        Assert.Equal("open", Status(need));
        Assert.Equal("河边二巷", need.GetProperty("place").GetString());
        suggestions = await Json(await staff.GetAsync($"/api/projects/needs/suggestions?community={Fuqian}"));
        Assert.DoesNotContain(suggestions.GetProperty("items").EnumerateArray(), s => s.GetProperty("buildingId").GetInt64() == place && s.GetProperty("categoryCode").GetString() == "facilities");

        // A joint meeting puts it on the agenda, takes attendance and decides: a project of two units.
        var meeting = await Json(await staff.PostAsJsonAsync("/api/projects/meetings", new
        {
            communityCode = Fuqian, title = "“大党委”联席会议（测试）", heldAt = DateTime.UtcNow.AddDays(-1), venue = "党群服务中心", agendaNeedIds = new[] { Id(need) },
        }), HttpStatusCode.Created);
        var attendees = meeting.GetProperty("attendees").EnumerateArray().ToList();
        Assert.Contains(attendees, a => a.GetProperty("role").GetString() == "firstSecretary");
        Assert.Contains(attendees, a => a.GetProperty("unitId").ValueKind == JsonValueKind.Number && a.GetProperty("unitId").GetInt64() == demo.ProjectCentreId);
        var present = attendees.Take(attendees.Count - 2).Select(Id).ToArray();
        meeting = await Json(await staff.PostAsJsonAsync($"/api/projects/meetings/{Id(meeting)}/record", new { present, minutes = "议定更换健身器材。", guests = new[] { "居民代表 刘桂兰" } }));
        Assert.Equal(present.Length + 1, meeting.GetProperty("attendees").EnumerateArray().Count(a => a.GetProperty("present").GetBoolean()));
        var project = await Json(await staff.PostAsJsonAsync($"/api/projects/meetings/{Id(meeting)}/decisions", new
        {
            title = "河边二巷健身器材更换", needIds = new[] { Id(need) }, unitIds = new[] { demo.ProjectCentreId, demo.OtherUnitId },
        }), HttpStatusCode.Created);
        var projectId = Id(project);
        Assert.Equal("planned", Status(project));
        Assert.Equal("adopted", Status(await Json(await staff.GetAsync($"/api/projects/needs/{Id(need)}"))));
        var meetings = await Json(await staff.GetAsync($"/api/projects/meetings?community={Fuqian}"));
        var listed = meetings.GetProperty("items").EnumerateArray().Single(m => Id(m) == Id(meeting));
        Assert.Equal([projectId], listed.GetProperty("projectIds").EnumerateArray().Select(x => x.GetInt64()).ToArray());

        // Each unit plans its own milestones, never the other's.
        await MilestoneAsync(xmtj, projectId, "旧器材拆除", 10);
        Assert.Equal(HttpStatusCode.Forbidden, (await xmtj.PostAsJsonAsync($"/api/projects/{projectId}/milestones", new { title = "x", dueOn = Day(3), unitId = demo.OtherUnitId })).StatusCode);
        project = await MilestoneAsync(fgj, projectId, "新器材采购安装", 20);
        Assert.Equal(0, project.GetProperty("progress").GetInt32());
        var milestones = project.GetProperty("milestones").EnumerateArray().ToList();
        var own = milestones.Single(m => m.GetProperty("unitId").GetInt64() == demo.ProjectCentreId);
        var theirs = milestones.Single(m => m.GetProperty("unitId").GetInt64() == demo.OtherUnitId);

        // Acceptance waits for every milestone.
        Assert.Equal(HttpStatusCode.Conflict, (await xmtj.PostAsJsonAsync($"/api/projects/{projectId}/request-acceptance", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await xmtj.PostAsJsonAsync($"/api/projects/{projectId}/milestones/{Id(theirs)}/done", new { })).StatusCode);
        project = await Json(await xmtj.PostAsJsonAsync($"/api/projects/{projectId}/milestones/{Id(own)}/done", new { }));
        Assert.Equal("inProgress", Status(project));
        Assert.Equal(50, project.GetProperty("progress").GetInt32());
        Assert.Equal("inProgress", Status(await Json(await staff.GetAsync($"/api/projects/needs/{Id(need)}"))));

        // A progress update with a photo.
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("旧器材已全部拆除，场地已平整。"), "text");
            var photo = new ByteArrayContent(TestFiles.Png);
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(photo, "photos", "site.png");
            project = await Json(await xmtj.PostAsync($"/api/projects/{projectId}/updates", form));
        }
        var update = project.GetProperty("updates").EnumerateArray().First();
        Assert.Equal("旧器材已全部拆除，场地已平整。", update.GetProperty("text").GetString());

        // Signed in by cookie (a browser, which any site can make post), the form needs the antiforgery token.
        var browser = app.Anonymous();
        await browser.SubmitAsync("/account/login", new() { ["Input.UserName"] = "unit.xmtj", ["Input.Password"] = ClientExtensions.Password });
        using (var forged = new MultipartFormDataContent { { new StringContent("伪造的进展"), "text" } })
        {
            var refused = await browser.PostAsync($"/api/projects/{projectId}/updates", forged);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("并非来自本站", await refused.Content.ReadAsStringAsync());
        }
        var token = Pages.AntiforgeryToken(await browser.GetStringAsync("/notifications"));
        using (var genuine = new MultipartFormDataContent { { new StringContent("围栏已订购。"), "text" }, { new StringContent(token), "__RequestVerificationToken" } })
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync($"/api/projects/{projectId}/updates", genuine)).StatusCode);
        }
        await using (var check = app.Database())
        {
            Assert.False(await check.Set<ProgressUpdate>().AnyAsync(u => u.Text == "伪造的进展"));
        }
        var photoId = update.GetProperty("photoIds").EnumerateArray().Single().GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await fgj.GetAsync($"/files/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.staff")).GetAsync($"/files/{photoId}")).StatusCode);

        await Json(await fgj.PostAsJsonAsync($"/api/projects/{projectId}/milestones/{Id(theirs)}/done", new { doneOn = Today }));
        project = await Json(await fgj.PostAsJsonAsync($"/api/projects/{projectId}/request-acceptance", new { }));
        Assert.Equal("awaitingAcceptance", Status(project));
        Assert.Equal(100, project.GetProperty("progress").GetInt32());

        // Only the secretary accepts; sending back needs a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/projects/{projectId}/accept", new { residents = "居民代表" })).StatusCode);
        var noReason = await Json(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/send-back", new { reason = " " }), HttpStatusCode.BadRequest);
        Assert.Equal("请说明还需完成的工作", noReason.GetProperty("errors").GetProperty("reason")[0].GetString());
        project = await Json(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/send-back", new { reason = "器材底座未固定" }));
        Assert.Equal("inProgress", Status(project));
        Assert.Equal("器材底座未固定", project.GetProperty("sentBackReason").GetString());
        await Json(await fgj.PostAsJsonAsync($"/api/projects/{projectId}/request-acceptance", new { }));
        var noResidents = await Json(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/accept", new { residents = "" }), HttpStatusCode.BadRequest);
        Assert.True(noResidents.GetProperty("errors").TryGetProperty("residents", out _));
        project = await Json(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/accept", new { residents = "河边二巷住户代表 3 人", note = "器材安装牢固" }));
        Assert.Equal("accepted", Status(project));
        Assert.Equal(Today, project.GetProperty("completedOn").GetString());
        Assert.True(project.GetProperty("onTime").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await xmtj.PostAsJsonAsync($"/api/projects/{projectId}/milestones", new { title = "追加", dueOn = Day(30) })).StatusCode);

        // The acceptance is published on the community's notice board, with its objection window.
        var noticeId = project.GetProperty("noticeId").GetInt64();
        var board = await (app.Anonymous()).GetStringAsync($"/c/{Fuqian}/notices/{noticeId}");
        Assert.Contains("项目验收公示：河边二巷健身器材更换", board);
        Assert.Contains("河边二巷住户代表 3 人", board);
        Assert.Contains("垣曲县发展和改革局", board);

        // The need is met once its only project is accepted.
        var met = await Json(await staff.GetAsync($"/api/projects/needs/{Id(need)}"));
        Assert.Equal("met", Status(met));

        // Residents rate it on the public project page; a banner comes in.
        var anonymous = app.Anonymous();
        var page = await anonymous.GetAsync($"/c/{Fuqian}/projects/{projectId}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("河边二巷健身器材更换", html);
        // A rating needs the tracking code of a matter or topic the resident raised in this community, once per code:
        // fresh cookie jars do not make more people.
        List<string> fuqianCodes;
        string xueyuanCode;
        await using (var codes = app.Database())
        {
            fuqianCodes = await codes.Matters.Where(m => m.CommunityCode == Fuqian).OrderBy(m => m.Id).Select(m => m.TrackingCode).Take(2).ToListAsync();
            xueyuanCode = await codes.Matters.Where(m => m.CommunityCode == DemoRecords.Xueyuan).Select(m => m.TrackingCode).FirstAsync();
        }
        async Task<HttpResponseMessage> Rate(string? code)
        {
            var browser = app.Anonymous();
            var form = await browser.GetStringAsync($"/c/{Fuqian}/projects/{projectId}");
            var fields = new Dictionary<string, string> { ["rating"] = "satisfied", ["comment"] = "孩子们又能锻炼了", ["__RequestVerificationToken"] = Pages.AntiforgeryToken(form) };
            if (code is not null)
            {
                fields["code"] = code;
            }
            return await browser.PostAsync($"/c/{Fuqian}/projects/{projectId}", new FormUrlEncodedContent(fields));
        }
        Assert.Contains("请填写您在本社区反映事项或提出议题时获得的查询码", await (await Rate(null)).Content.ReadAsStringAsync());
        Assert.Contains("本社区没有使用此查询码的事项或议题", await (await Rate(xueyuanCode)).Content.ReadAsStringAsync());
        Assert.Contains("本社区没有使用此查询码的事项或议题", await (await Rate("M-ZZZZZZZZ")).Content.ReadAsStringAsync());
        var rated = await Rate(fuqianCodes[0]);
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        Assert.Equal($"/c/{Fuqian}/projects/{projectId}?rated=1", rated.Headers.Location!.OriginalString);
        Assert.Contains("此查询码已对本项目评价过", await (await Rate(fuqianCodes[0].ToLowerInvariant())).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await Rate(" " + fuqianCodes[1].ToLowerInvariant() + " ")).StatusCode);
        project = await Json(await staff.GetAsync($"/api/projects/{projectId}"));
        Assert.Equal(2, project.GetProperty("ratingCount").GetInt32());
        Assert.Equal(2, project.GetProperty("satisfiedCount").GetInt32());
        await using (var kept = app.Database())
        {
            // The code itself is not kept beside the rating.
            Assert.DoesNotContain(await kept.ProjectRatings.Where(r => r.ProjectId == projectId).Select(r => r.CodeHash).ToListAsync(), h => h == fuqianCodes[0]);
        }
        project = await Json(await staff.PostAsJsonAsync($"/api/projects/{projectId}/commendations", new
        {
            kind = "banner", from = "河边二巷全体居民", words = "情系百姓办实事", unitId = demo.OtherUnitId,
        }));
        Assert.Equal("情系百姓办实事", project.GetProperty("commendations").EnumerateArray().Single().GetProperty("words").GetString());

        // The figures count it all.
        var after = await FiguresAsync(staff);
        Assert.Equal(before.GetProperty("needsRaised").GetInt32() + 1, after.GetProperty("needsRaised").GetInt32());
        Assert.Equal(before.GetProperty("needsMet").GetInt32() + 1, after.GetProperty("needsMet").GetInt32());
        Assert.Equal(before.GetProperty("accepted").GetInt32() + 1, after.GetProperty("accepted").GetInt32());
        Assert.Equal(before.GetProperty("acceptedOnTime").GetInt32() + 1, after.GetProperty("acceptedOnTime").GetInt32());
        Assert.Equal(before.GetProperty("commendations").GetInt32() + 1, after.GetProperty("commendations").GetInt32());

        // And the summary table shows it done, with both units and its need.
        var summary = await Json(await staff.GetAsync($"/api/projects/summary?community={Fuqian}&status=accepted"));
        var row = summary.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("projectId").GetInt64() == projectId);
        Assert.Equal("已验收", row.GetProperty("statusName").GetString());
        Assert.Equal("河边二巷健身器材更换", row.GetProperty("needs").EnumerateArray().Single().GetString());
        Assert.Equal(2, row.GetProperty("units").GetArrayLength());
        Assert.Equal(100, row.GetProperty("progress").GetInt32());

        await using var db = app.Database();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Project" && a.EntityId == projectId.ToString() && a.Action == "update"));
    }

    [Fact]
    public async Task AMilestonePastItsDateMarksTheProjectLateAndTheLateFilterFindsIt()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var need = await Json(await staff.PostAsJsonAsync("/api/projects/needs", new
        {
            communityCode = Fuqian, categoryCode = "lighting", title = "河边一巷路灯线路老化", place = "河边一巷东口", peopleAffected = 20, source = "visit",
        }), HttpStatusCode.Created);
        var meeting = await Json(await staff.PostAsJsonAsync("/api/projects/meetings", new
        {
            communityCode = Fuqian, title = "联席会议（迟滞测试）", heldAt = DateTime.UtcNow.AddDays(-20), agendaNeedIds = new[] { Id(need) },
        }), HttpStatusCode.Created);
        var project = await Json(await staff.PostAsJsonAsync($"/api/projects/meetings/{Id(meeting)}/decisions", new
        {
            title = "河边一巷路灯线路更换", needIds = new[] { Id(need) }, unitIds = new[] { demo.ProjectCentreId },
        }), HttpStatusCode.Created);
        var id = Id(project);
        var tooEarly = await Json(await staff.PostAsJsonAsync($"/api/projects/{id}/milestones", new { title = "线路勘察", dueOn = Day(-30) }), HttpStatusCode.BadRequest);
        Assert.Equal("里程碑不能早于项目开始日期", tooEarly.GetProperty("errors").GetProperty("dueOn")[0].GetString());
        await MilestoneAsync(staff, id, "线路勘察", -3);
        project = await MilestoneAsync(staff, id, "线路更换", 1);
        Assert.True(project.GetProperty("late").GetBoolean());
        var marks = project.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("mark").GetString()).ToList();
        Assert.Equal(["late", "dueSoon"], marks);

        var late = await Json(await staff.GetAsync($"/api/projects/summary?community={Fuqian}&status=late"));
        Assert.Contains(late.GetProperty("rows").EnumerateArray(), r => r.GetProperty("projectId").GetInt64() == id && r.GetProperty("late").GetBoolean());
        var onTrack = await Json(await staff.GetAsync($"/api/projects/summary?community={Fuqian}&status=accepted"));
        Assert.DoesNotContain(onTrack.GetProperty("rows").EnumerateArray(), r => r.GetProperty("projectId").GetInt64() == id);

        // The sweeper tells the unit and the community once, even when two instances sweep at the same time.
        var contexts = app.Service<Huying.Platform.Data.HuyingContextFactory>();
        var config = app.Service<Microsoft.Extensions.Configuration.IConfiguration>();
        Huying.Modules.Projects.MilestoneSweeper Sweeper() => new(contexts, TimeProvider.System, config,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Huying.Modules.Projects.MilestoneSweeper>.Instance);
        await Task.WhenAll(Sweeper().SweepAsync(default), Sweeper().SweepAsync(default));
        Assert.Equal(0, await Sweeper().SweepAsync(default));
        await using (var db = app.Database())
        {
            var notices = await db.Notifications.Where(n => n.SubjectType == "Project" && n.SubjectId == id).ToListAsync();
            var notice = Assert.Single(notices);
            Assert.Equal("Milestone late", notice.Kind);
            Assert.Equal(demo.ProjectCentreId, notice.UnitId);
            Assert.Contains("线路勘察", notice.Subject);
        }
        var liaison = await app.As("unit.xmtj");
        var inbox = await liaison.GetStringAsync("/notifications");
        Assert.Contains("河边一巷路灯线路更换：线路勘察", inbox);
        // Opening it marks it read and leads to the project.
        long noticeId;
        await using (var db = app.Database())
        {
            noticeId = await db.Notifications.Where(n => n.SubjectType == "Project" && n.SubjectId == id).Select(n => n.Id).SingleAsync();
        }
        Assert.Contains($"/notifications?handler=Open&amp;id={noticeId}", inbox);
        var opened = await liaison.GetAsync($"/notifications?handler=Open&id={noticeId}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/projects/{id}", opened.Headers.Location!.OriginalString);
        Assert.DoesNotContain("河边一巷路灯线路更换", await (await app.As("unit.fgj")).GetStringAsync("/notifications"));

        // Re-planning a milestone moves its date (audited); a done one cannot be re-planned.
        var second = project.GetProperty("milestones").EnumerateArray().Last();
        var replanned = await Json(await staff.PutAsJsonAsync($"/api/projects/{id}/milestones/{Id(second)}", new { title = "线路更换（分两段）", dueOn = Day(10), workers = 5 }));
        Assert.Equal(Day(10), replanned.GetProperty("plannedEndOn").GetString());
        Assert.Equal("线路更换（分两段）", replanned.GetProperty("milestones").EnumerateArray().Last().GetProperty("title").GetString());
        var badDate = await Json(await staff.PutAsJsonAsync($"/api/projects/{id}/milestones/{Id(second)}", new { title = "x", dueOn = Day(-60) }), HttpStatusCode.BadRequest);
        Assert.True(badDate.GetProperty("errors").TryGetProperty("dueOn", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("unit.fgj")).PutAsJsonAsync($"/api/projects/{id}/milestones/{Id(second)}", new { title = "x", dueOn = Day(3) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/projects/{demo.DitchProject}/milestones/{Id(second)}/done", new { })).StatusCode);

        // Done late stays marked so.
        var first = project.GetProperty("milestones").EnumerateArray().First();
        project = await Json(await staff.PostAsJsonAsync($"/api/projects/{id}/milestones/{Id(first)}/done", new { }));
        Assert.Equal("doneLate", project.GetProperty("milestones").EnumerateArray().First().GetProperty("mark").GetString());
        Assert.False(project.GetProperty("late").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/api/projects/{id}/milestones/{Id(first)}", new { title = "线路勘察", dueOn = Day(5) })).StatusCode);
        await using (var audit = app.Database())
        {
            Assert.True(await audit.AuditEntries.AnyAsync(a => a.EntityType == "Milestone" && a.EntityId == Id(second).ToString() && a.Action == "update" && a.Details!.Contains("DueOn")));
        }
    }

    [Fact]
    public async Task AUnitSeesOnlyItsOwnProjectsAndTheNeedsOfferedToIt()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var xmtj = await app.As("unit.xmtj");
        var fgj = await app.As("unit.fgj");
        Assert.Equal(HttpStatusCode.NotFound, (await fgj.GetAsync($"/api/projects/{demo.DitchProject}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fgj.PostAsJsonAsync($"/api/projects/{demo.DitchProject}/milestones", new { title = "x", dueOn = Day(3) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xmtj.GetAsync($"/api/projects/{demo.LightsProject}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fgj.GetAsync($"/api/projects/needs/{demo.OfferedNeed}")).StatusCode);

        var mine = await Json(await fgj.GetAsync($"/api/projects/summary?community={Fuqian}"));
        var rows = mine.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("垣曲县发展和改革局", r.GetProperty("units").EnumerateArray().Select(u => u.GetString())));
        Assert.DoesNotContain(rows, r => r.GetProperty("projectId").GetInt64() == demo.DitchProject);
        var needs = await Json(await xmtj.GetAsync($"/api/projects/needs?community={Fuqian}"));
        Assert.Contains(needs.GetProperty("items").EnumerateArray(), n => Id(n) == demo.OfferedNeed);
        Assert.All(needs.GetProperty("items").EnumerateArray(), n => Assert.Contains(demo.ProjectCentreId, n.GetProperty("offeredTo").EnumerateArray().Select(u => u.GetInt64())));
        var agreements = (await Json(await fgj.GetAsync($"/api/projects/agreements?community={Fuqian}"))).GetProperty("items").EnumerateArray().ToList();
        await using var db = app.Database();
        Assert.Equal(await db.Agreements.CountAsync(a => a.CommunityCode == Fuqian && a.PartnerUnitId == demo.OtherUnitId), agreements.Count);
        Assert.NotEmpty(agreements);
        Assert.All(agreements, a => Assert.Equal(demo.OtherUnitId, a.GetProperty("unitId").GetInt64()));
    }

    [Fact]
    public async Task AUnitAdoptsANeedOfferedToItAndAnInServiceMemberReportsPicksATaskAndIsCreditedWithHours()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var xmtj = await app.As("unit.xmtj");
        var need = await Json(await staff.PostAsJsonAsync("/api/projects/needs", new
        {
            communityCode = Fuqian, categoryCode = "care", title = "河边网格困难老人冬季送暖", place = "河边网格", peopleAffected = 12, source = "survey",
        }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await xmtj.PostAsync($"/api/projects/needs/{Id(need)}/adopt", null)).StatusCode);
        var badOffer = await Json(await staff.PostAsJsonAsync($"/api/projects/needs/{Id(need)}/offer", new { unitIds = new[] { 999999L } }), HttpStatusCode.BadRequest);
        Assert.True(badOffer.GetProperty("errors").TryGetProperty("unitIds", out _));
        await Json(await staff.PostAsJsonAsync($"/api/projects/needs/{Id(need)}/offer", new { unitIds = new[] { demo.ProjectCentreId } }));
        var project = await Json(await xmtj.PostAsync($"/api/projects/needs/{Id(need)}/adopt", null), HttpStatusCode.Created);
        Assert.Equal([demo.ProjectCentreId], project.GetProperty("unitIds").EnumerateArray().Select(u => u.GetInt64()).ToArray());
        Assert.Equal("adopted", Status(await Json(await staff.GetAsync($"/api/projects/needs/{Id(need)}"))));
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/projects/needs/{Id(need)}/drop", new { reason = "重复" })).StatusCode);

        // 双报到: the member reports, picks a task; staff credit the hours; the unit sees it.
        var member = await app.As("member");
        var figures = await FiguresAsync(staff);
        // The demo's member has not reported yet (no other test of this collection reports them): once, then never again.
        var reported = await Json(await member.PostAsJsonAsync("/api/projects/in-service/members", new { }), HttpStatusCode.Created);
        await using (var check = app.Database())
        {
            Assert.Equal(demo.ProjectCentreId, (await check.InServiceMembers.SingleAsync(m => m.Id == reported.GetInt64())).PartnerUnitId);
        }
        var again = await Json(await member.PostAsJsonAsync("/api/projects/in-service/members", new { }), HttpStatusCode.Conflict);
        Assert.Equal("您已向社区报到", again.GetProperty("title").GetString());
        var task = await Json(await staff.PostAsJsonAsync("/api/projects/in-service/tasks", new
        {
            communityCode = Fuqian, title = "送暖物资入户", kind = "need", needId = Id(need), on = Day(2), place = "河边网格", places = 3,
        }), HttpStatusCode.Created);
        var record = await Json(await member.PostAsync($"/api/projects/in-service/tasks/{task.GetInt64()}/sign-up", null), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await member.PostAsync($"/api/projects/in-service/tasks/{task.GetInt64()}/sign-up", null)).StatusCode);
        var badHours = await Json(await staff.PostAsJsonAsync($"/api/projects/in-service/records/{record.GetInt64()}", new { hours = 30 }), HttpStatusCode.BadRequest);
        Assert.True(badHours.GetProperty("errors").TryGetProperty("hours", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.staff")).PostAsJsonAsync($"/api/projects/in-service/records/{record.GetInt64()}", new { hours = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/projects/in-service/records/{record.GetInt64()}", new { hours = 2.5, servedOn = Today })).StatusCode);
        var after = await FiguresAsync(staff);
        Assert.Equal(figures.GetProperty("serviceHours").GetDecimal() + 2.5m, after.GetProperty("serviceHours").GetDecimal());

        await using var db = app.Database();
        var saved = await db.ServiceRecords.SingleAsync(r => r.Id == record.GetInt64());
        Assert.Equal(demo.ProjectCentreId, saved.PartnerUnitId);

        // A member's phone is masked; revealing it needs the permission and a reason, and is audited.
        var someone = await db.InServiceMembers.Where(m => m.CommunityCode == Fuqian && m.PhoneCipher != null).OrderBy(m => m.Id).FirstAsync();
        Assert.Matches(@"^1\d{2}\*{4}\d{4}$", someone.PhoneMasked);
        var url = $"/api/projects/in-service/members/{someone.Id}/reveal-phone";
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(url, new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await xmtj.PostAsJsonAsync(url, new { reason = "联系" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.staff")).PostAsJsonAsync(url, new { reason = "联系" })).StatusCode);
        var shown = await Json(await staff.PostAsJsonAsync(url, new { reason = "联系服务安排" }));
        Assert.EndsWith(someone.PhoneMasked![^4..], shown.GetProperty("phone").GetString());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "reveal" && a.EntityType == "InServiceMember" && a.EntityId == someone.Id.ToString() && a.Details!.Contains("联系服务安排")));
    }

    [Fact]
    public async Task BadInputIsRefusedFieldByFieldAndChangesNothing()
    {
        var staff = await app.As("fuqian.staff");
        await using var db = app.Database();
        var needs = await db.Needs.CountAsync();
        var agreements = await db.Agreements.CountAsync();
        var bad = await Json(await staff.PostAsJsonAsync("/api/projects/needs", new { communityCode = Fuqian, categoryCode = "nope", title = "", source = "x", peopleAffected = -1 }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.Equal("请选择类别", errors.GetProperty("categoryCode")[0].GetString());
        foreach (var field in new[] { "title", "source", "peopleAffected", "place" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        var tooLong = await Json(await staff.PostAsJsonAsync("/api/projects/needs", new { communityCode = Fuqian, categoryCode = "roads", title = new string('路', 101), place = "某处", source = "visit" }), HttpStatusCode.BadRequest);
        Assert.Equal("不能超过 100 字", tooLong.GetProperty("errors").GetProperty("title")[0].GetString());
        var badAgreement = await Json(await staff.PostAsJsonAsync("/api/projects/agreements", new
        {
            communityCode = Fuqian, unitId = 999999, signedOn = Day(3), endsOn = Day(1), commitments = "",
        }), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "unitId", "signedOn", "endsOn", "commitments" })
        {
            Assert.True(badAgreement.GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Equal(needs, await db.Needs.CountAsync());
        Assert.Equal(agreements, await db.Agreements.CountAsync());
    }

    [Fact]
    public async Task TheProjectPageOfOneCommunityNeverShowsOrRatesAnotherCommunitysProject()
    {
        var demo = await DemoRecords.LoadAsync(app);
        int ratings;
        await using (var count = app.Database())
        {
            ratings = await count.ProjectRatings.CountAsync(r => r.ProjectId == demo.XueyuanProject);
        }
        var anonymous = app.Anonymous();
        var own = await anonymous.GetAsync($"/c/{DemoRecords.Xueyuan}/projects/{demo.XueyuanProject}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var html = await own.Content.ReadAsStringAsync();
        var elsewhere = await anonymous.GetAsync($"/c/{Fuqian}/projects/{demo.XueyuanProject}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        var rated = await anonymous.PostAsync($"/c/{Fuqian}/projects/{demo.XueyuanProject}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["rating"] = "satisfied", ["__RequestVerificationToken"] = Pages.AntiforgeryToken(html),
        }));
        Assert.Equal(HttpStatusCode.NotFound, rated.StatusCode);
        var list = await anonymous.GetStringAsync($"/c/{Fuqian}/projects?show=all");
        await using var db = app.Database();
        var xueyuanTitles = await db.Projects.Where(p => p.CommunityCode == DemoRecords.Xueyuan).Select(p => p.Title).ToListAsync();
        var fuqianTitles = await db.Projects.Where(p => p.CommunityCode == Fuqian).Select(p => p.Title).ToListAsync();
        Assert.NotEmpty(xueyuanTitles);
        Assert.All(xueyuanTitles.Except(fuqianTitles), t => Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(t), list));
        Assert.All(fuqianTitles, t => Assert.Contains(System.Net.WebUtility.HtmlEncode(t), list));

        // The public list opens on what is under way; done ones and a search by words are a tap away.
        var done = (await db.Projects.Where(p => p.CommunityCode == Fuqian && p.Status == Huying.Modules.Projects.ProjectStatus.Accepted).Select(p => p.Title).ToListAsync())
            .Except(await db.Projects.Where(p => p.CommunityCode == Fuqian && p.Status != Huying.Modules.Projects.ProjectStatus.Accepted).Select(p => p.Title).ToListAsync()).ToList();
        var open = await anonymous.GetStringAsync($"/c/{Fuqian}/projects");
        Assert.All(done, t => Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(t), open));
        var doneList = await anonymous.GetStringAsync($"/c/{Fuqian}/projects?show=done");
        Assert.All(done, t => Assert.Contains(System.Net.WebUtility.HtmlEncode(t), doneList));
        var word = fuqianTitles[0][..2];
        var searched = await anonymous.GetStringAsync($"/c/{Fuqian}/projects?show=all&q={Uri.EscapeDataString(word)}");
        Assert.All(fuqianTitles.Where(t => t.Contains(word, StringComparison.Ordinal)), t => Assert.Contains(">" + System.Net.WebUtility.HtmlEncode(t) + "<", searched));
        var nothing = await anonymous.GetStringAsync($"/c/{Fuqian}/projects?show=all&q=zzzz");
        Assert.Contains("没有符合条件的项目", nothing);
        Assert.Contains("value=\"zzzz\"", nothing);
        Assert.Equal(ratings, await db.ProjectRatings.CountAsync(r => r.ProjectId == demo.XueyuanProject));
    }

    [Fact]
    public async Task TheDemoShowsFuqiansFifteenAgreementsThirtyFiveProjectsAndTheCommendedAlleyRebuild()
    {
        var staff = await app.As("fuqian.staff");
        var agreements = await Json(await staff.GetAsync($"/api/projects/agreements?community={Fuqian}"));
        var items = agreements.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(15, items.Select(a => a.GetProperty("unitId").GetInt64()).Distinct().Count());
        Assert.All(items, a => Assert.True(a.GetProperty("inForce").GetBoolean()));
        Assert.All(items, a => Assert.EndsWith("-04-02", a.GetProperty("signedOn").GetString()));

        await using var db = app.Database();
        var demoProjects = await db.Projects.CountAsync(p => p.CommunityCode == Fuqian && p.CreatedAt < DateTime.UtcNow.AddHours(-1));
        Assert.Equal(35, demoProjects);
        var rebuild = await db.Projects.Include(p => p.Units).SingleAsync(p => p.Title == "河边三巷巷道硬化与污水分流");
        Assert.Equal(Huying.Modules.Projects.ProjectStatus.Accepted, rebuild.Status);
        Assert.Equal(4, rebuild.CompletedOn!.Value.Month);
        var banner = await db.Commendations.SingleAsync(c => c.ProjectId == rebuild.Id);
        Assert.Equal("心系民事无巨细，服务小区爱铸春秋", banner.Words);
        Assert.Equal(4, banner.ReceivedOn.Month);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectTestsOnSqlite(SqliteApp app) : ProjectTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProjectTestsOnPostgres(PostgresApp app) : ProjectTests(app);

/// <summary>
/// The .xlsx is read back with the Open XML SDK (not MiniExcel, which wrote it) and compared, column by column, with
/// rows the test builds itself from the tables (projects, their units, needs and milestones) — not with the summary
/// code that also wrote the file.
/// </summary>
public abstract class ProjectExportTests(AppFixture app)
{
    private static readonly Dictionary<ProjectStatus, string> StatusNames = new()
    {
        [ProjectStatus.Planned] = "已立项", [ProjectStatus.InProgress] = "实施中", [ProjectStatus.AwaitingAcceptance] = "待验收",
        [ProjectStatus.Accepted] = "已验收",
    };

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>The ten columns of each 府前 project, as the table should show them, from the rows alone.</summary>
    private async Task<List<string>> ExpectedAsync()
    {
        await using var db = app.Database();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var projects = await db.Projects.Where(p => p.CommunityCode == DemoRecords.Fuqian).ToListAsync();
        var ids = projects.Select(p => p.Id).ToList();
        var units = await db.ProjectUnits.Where(u => ids.Contains(u.ProjectId))
            .Join(db.PartnerUnits, pu => pu.PartnerUnitId, u => u.Id, (pu, u) => new { pu.ProjectId, u.Name }).ToListAsync();
        var needs = await db.ProjectNeeds.Where(n => ids.Contains(n.ProjectId))
            .Join(db.Needs, pn => pn.NeedId, n => n.Id, (pn, n) => new { pn.ProjectId, n.Title }).ToListAsync();
        var milestones = await db.Milestones.Where(m => ids.Contains(m.ProjectId)).Select(m => new { m.ProjectId, m.DueOn, m.DoneOn }).ToListAsync();
        return [.. projects.Select(p =>
        {
            var ms = milestones.Where(m => m.ProjectId == p.Id).ToList();
            var done = ms.Count(m => m.DoneOn != null);
            var progress = ms.Count == 0 ? 0 : (int)Math.Round(100.0 * done / ms.Count);
            var late = p.Status != ProjectStatus.Accepted && ms.Any(m => m.DoneOn == null && m.DueOn < today);
            return string.Join(" | ",
                "府前社区",
                string.Join("；", needs.Where(n => n.ProjectId == p.Id).Select(n => n.Title).Order(StringComparer.Ordinal)),
                p.Title,
                string.Join("、", units.Where(u => u.ProjectId == p.Id).Select(u => u.Name).Order(StringComparer.Ordinal)),
                $"{done}/{ms.Count}",
                progress.ToString(System.Globalization.CultureInfo.InvariantCulture),
                StatusNames[p.Status] + (late ? " · 滞后" : ""),
                Day(p.StartOn),
                Day(ms.Count == 0 ? null : ms.Max(m => m.DueOn)),
                Day(p.CompletedOn));
        }).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task TheSummaryExportReadBackByAnotherLibraryMatchesTheProjectsMilestonesUnitsAndNeedsInTheDatabase()
    {
        var staff = await app.As("fuqian.staff");
        var response = await staff.GetAsync($"/api/projects/summary.xlsx?community={DemoRecords.Fuqian}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var stream = new MemoryStream(bytes);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single();
        Assert.Equal("项目清单汇总表", sheet.Name?.Value);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        string Text(DocumentFormat.OpenXml.Spreadsheet.Cell c) => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString
            ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
        var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheet.Id!);
        var sheetRows = part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        static int Column(string reference) => reference.TakeWhile(char.IsLetter).Aggregate(0, (n, ch) => n * 26 + ch - 'A' + 1) - 1;
        string[] Values(DocumentFormat.OpenXml.Spreadsheet.Row r)
        {
            var values = Enumerable.Repeat("", 10).ToArray();
            foreach (var c in r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            {
                values[Column(c.CellReference!.Value!)] = Text(c);
            }
            return values;
        }
        Assert.Equal(["社区", "需求", "项目", "承办单位", "节点", "进度 %", "状态", "开工日期", "计划完成", "完成日期"], Values(sheetRows[0]));
        var expected = await ExpectedAsync();
        Assert.True(expected.Count >= 35, $"the demo has 35 府前 projects; found {expected.Count}");
        var written = sheetRows.Skip(1).Select(r => string.Join(" | ", Values(r))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, written);
    }

    [Fact]
    public async Task TextThatASpreadsheetWouldReadAsAFormulaIsExportedAsText()
    {
        await using var db = app.Database();
        var project = await db.Projects.Where(p => p.CommunityCode == DemoRecords.Fuqian).OrderBy(p => p.Id).FirstAsync();
        var title = project.Title;
        const string formula = "=HYPERLINK(\"http://evil.example\",\"点此查看\")";
        await db.Projects.Where(p => p.Id == project.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, formula));
        try
        {
            var staff = await app.As("fuqian.staff");
            var bytes = await (await staff.GetAsync($"/api/projects/summary.xlsx?community={DemoRecords.Fuqian}")).Content.ReadAsByteArrayAsync();
            using var stream = new MemoryStream(bytes);
            using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
            var texts = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var cells = document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            Assert.DoesNotContain(cells, c => c.CellFormula is not null);
            var all = texts.Concat(cells.Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "")).ToList();
            Assert.Contains("'" + formula, all);
            Assert.DoesNotContain(formula, all);
        }
        finally
        {
            await db.Projects.Where(p => p.Id == project.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, title));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectExportTestsOnSqlite(SqliteApp app) : ProjectExportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProjectExportTestsOnPostgres(PostgresApp app) : ProjectExportTests(app);
