using System.Net;
using System.Net.Http.Json;
using Huying.Platform.Accounts;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Projects;

/// <summary>Agreements signed with a PDF and renewed, a need dropped, a task full or over, and two people asking for
/// acceptance of one project at once.</summary>
public abstract class ProjectFlowTests(AppFixture app)
{
    private const string Fuqian = DemoRecords.Fuqian;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Fact]
    public async Task StaffRecordAnAgreementWithItsPdfScanOnThePageAndRenewItFromTheDayAfterItEnds()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var page = $"/projects/agreements?community={Fuqian}";
        async Task<HttpResponseMessage> SignAsync(byte[] scan, string name, string type, Dictionary<string, string> fields)
        {
            using var form = new MultipartFormDataContent();
            foreach (var (key, value) in fields)
            {
                form.Add(new StringContent(value), key);
            }
            var file = new ByteArrayContent(scan);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            form.Add(file, "Scan", name);
            form.Add(new StringContent(Pages.AntiforgeryToken(await staff.GetStringAsync(page))), "__RequestVerificationToken");
            return await staff.PostAsync(page, form);
        }
        var fields = new Dictionary<string, string>
        {
            ["Input.UnitId"] = demo.OtherUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.SignedOn"] = Day(Today.AddDays(-1)),
            ["Input.StartsOn"] = Day(Today), ["Input.EndsOn"] = Day(Today.AddYears(1).AddDays(-1)), ["Input.Commitments"] = "每季度开展一次政策宣讲进小区",
        };
        var notPdf = await SignAsync(TestFiles.Png, "scan.png", "image/png", fields);
        Assert.Equal(HttpStatusCode.OK, notPdf.StatusCode);
        Assert.Contains(Texts.Zh("Attach the signed agreement as a PDF"), await notPdf.Content.ReadAsStringAsync());
        var signed = await SignAsync(TestFiles.Pdf, "agreement.pdf", "application/pdf", fields);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        var agreements = await Json(await staff.GetAsync($"/api/projects/agreements?community={Fuqian}"));
        var mine = agreements.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("commitments").GetString() == "每季度开展一次政策宣讲进小区");
        Assert.True(mine.GetProperty("inForce").GetBoolean());
        var scan = mine.GetProperty("scanId").GetInt64();
        var download = await (await app.As("unit.fgj")).GetAsync($"/files/{scan}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TestFiles.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("unit.xmtj")).GetAsync($"/files/{scan}")).StatusCode);

        var renewal = await Json(await staff.PostAsJsonAsync("/api/projects/agreements", new
        {
            renewsId = mine.GetProperty("id").GetInt64(), signedOn = Today, endsOn = Today.AddYears(3), commitments = "续签：每季度政策宣讲，每年一次联合义诊",
        }), HttpStatusCode.Created);
        Assert.Equal(Day(Today.AddYears(1)), renewal.GetProperty("startsOn").GetString());
        Assert.Equal(demo.OtherUnitId, renewal.GetProperty("unitId").GetInt64());
        Assert.Equal(mine.GetProperty("id").GetInt64(), renewal.GetProperty("renewsId").GetInt64());
        var xueyuan = await (await app.As("xueyuan.staff")).PostAsJsonAsync("/api/projects/agreements", new
        {
            renewsId = mine.GetProperty("id").GetInt64(), signedOn = Today, endsOn = Today.AddYears(3), commitments = "越权续签",
        });
        Assert.Equal(HttpStatusCode.BadRequest, xueyuan.StatusCode);
    }

    [Fact]
    public async Task ANeedNoProjectAnswersIsDroppedWithItsReasonAndCannotBeOfferedAfterwards()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var need = await Json(await staff.PostAsJsonAsync("/api/projects/needs", new
        {
            communityCode = Fuqian, categoryCode = "facilities", title = "河边网格增设休息座椅", place = "河边三巷口", peopleAffected = 30, source = "visit",
        }), HttpStatusCode.Created);
        var id = need.GetProperty("id").GetInt64();
        var url = $"/projects/needs/{id}";
        var noReason = await staff.SubmitAsync(url, new() { ["Reason"] = "" }, handler: "Drop");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains(Texts.Zh("Say why the need is dropped"), await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, new() { ["Reason"] = "巷道过窄，无处安放" }, handler: "Drop")).StatusCode);
        var dropped = await Json(await staff.GetAsync($"/api/projects/needs/{id}"));
        Assert.Equal("dropped", dropped.GetProperty("status").GetString());
        Assert.Equal("巷道过窄，无处安放", dropped.GetProperty("dropReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/projects/needs/{id}/offer", new { unitIds = new[] { demo.ProjectCentreId } })).StatusCode);
        // A need a project answers is not dropped.
        var answered = (await Json(await staff.PostAsJsonAsync("/api/projects/needs", new
        {
            communityCode = Fuqian, categoryCode = "lighting", title = "河边一巷路灯不足", place = "河边一巷", peopleAffected = 20, source = "visit",
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await Json(await staff.PostAsJsonAsync($"/api/projects/needs/{answered}/offer", new { unitIds = new[] { demo.ProjectCentreId } }));
        await Json(await (await app.As("unit.xmtj")).PostAsync($"/api/projects/needs/{answered}/adopt", null), HttpStatusCode.Created);
        Assert.Equal(Texts.Zh("A need answered by a project cannot be dropped"), (await Json(await staff.PostAsJsonAsync($"/api/projects/needs/{answered}/drop", new { reason = "试图放弃" }),
            HttpStatusCode.Conflict)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AFullTaskAndATaskThatIsOverAreNotPicked()
    {
        var staff = await app.As("fuqian.staff");
        // Two in-service members of their own for this test: party members of 府前 working for the project centre.
        long unit;
        List<long> persons;
        await using (var db = app.Database())
        {
            unit = await db.PartnerUnits.Where(u => u.Name == "垣曲县项目推进中心").Select(u => u.Id).SingleAsync();
            var taken = await db.Users.Where(u => u.PersonId != null).Select(u => u.PersonId!.Value).ToListAsync();
            persons = await db.People.Where(p => p.CommunityCode == Fuqian && p.IsPartyMember && !taken.Contains(p.Id)).OrderBy(p => p.Id).Take(2).Select(p => p.Id).ToListAsync();
            await db.People.Where(p => persons.Contains(p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.InServiceUnitId, unit));
        }
        var first = await app.NewAccountAsync($"member.a{persons[0]}", Roles.PartyMember, Fuqian, persons[0]);
        var second = await app.NewAccountAsync($"member.b{persons[1]}", Roles.PartyMember, Fuqian, persons[1]);
        await Json(await first.PostAsJsonAsync("/api/projects/in-service/members", new { }), HttpStatusCode.Created);
        await Json(await second.PostAsJsonAsync("/api/projects/in-service/members", new { }), HttpStatusCode.Created);

        async Task<long> TaskAsync(string title, DateOnly on, int places) => (await Json(await staff.PostAsJsonAsync("/api/projects/in-service/tasks", new
        {
            communityCode = Fuqian, title, kind = "activity", on, place = "社区党群服务中心", places,
        }), HttpStatusCode.Created)).GetInt64();
        var one = await TaskAsync("敬老院包饺子（限一人）", Today.AddDays(3), 1);
        await Json(await first.PostAsync($"/api/projects/in-service/tasks/{one}/sign-up", null), HttpStatusCode.Created);
        Assert.Equal(Texts.Zh("You have already picked this task"), (await Json(await first.PostAsync($"/api/projects/in-service/tasks/{one}/sign-up", null), HttpStatusCode.Conflict))
            .GetProperty("title").GetString());
        Assert.Equal(Texts.Zh("The task is full"), (await Json(await second.PostAsync($"/api/projects/in-service/tasks/{one}/sign-up", null), HttpStatusCode.Conflict))
            .GetProperty("title").GetString());
        var over = await TaskAsync("上周的清扫活动", Today.AddDays(-7), 10);
        Assert.Equal(Texts.Zh("The task is over"), (await Json(await second.PostAsync($"/api/projects/in-service/tasks/{over}/sign-up", null), HttpStatusCode.Conflict))
            .GetProperty("title").GetString());
        await using var check = app.Database();
        Assert.Equal(1, await check.ServiceRecords.CountAsync(r => r.TaskId == one));
        Assert.Equal(0, await check.ServiceRecords.CountAsync(r => r.TaskId == over));
    }

    [Fact]
    public async Task OfThreePeopleAskingForAcceptanceOfOneProjectAtOnceOneSucceeds()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var secretary = await app.As("fuqian.secretary");
        var xmtj = await app.As("unit.xmtj");
        var need = (await Json(await staff.PostAsJsonAsync("/api/projects/needs", new
        {
            communityCode = Fuqian, categoryCode = "lighting", title = "河边三巷路灯补装", place = "河边三巷", peopleAffected = 40, source = "meeting",
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var meeting = await Json(await staff.PostAsJsonAsync("/api/projects/meetings", new
        {
            communityCode = Fuqian, title = "并发验收测试联席会", heldAt = DateTime.UtcNow.AddHours(-1), venue = "社区会议室", agendaNeedIds = new[] { need },
        }), HttpStatusCode.Created);
        var project = await Json(await staff.PostAsJsonAsync($"/api/projects/meetings/{meeting.GetProperty("id").GetInt64()}/decisions", new
        {
            title = "河边三巷路灯补装", needIds = new[] { need }, unitIds = new[] { demo.ProjectCentreId },
        }), HttpStatusCode.Created);
        var id = project.GetProperty("id").GetInt64();
        var planned = await Json(await xmtj.PostAsJsonAsync($"/api/projects/{id}/milestones", new { title = "补装路灯", dueOn = Today.AddDays(5) }));
        var milestone = planned.GetProperty("milestones").EnumerateArray().Single().GetProperty("id").GetInt64();
        await Json(await xmtj.PostAsJsonAsync($"/api/projects/{id}/milestones/{milestone}/done", new { }));
        var answers = await Task.WhenAll(
            xmtj.PostAsJsonAsync($"/api/projects/{id}/request-acceptance", new { }),
            staff.PostAsJsonAsync($"/api/projects/{id}/request-acceptance", new { }),
            secretary.PostAsJsonAsync($"/api/projects/{id}/request-acceptance", new { }));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal("awaitingAcceptance", (await Json(await staff.GetAsync($"/api/projects/{id}"))).GetProperty("status").GetString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectFlowTestsOnSqlite(SqliteApp app) : ProjectFlowTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProjectFlowTestsOnPostgres(PostgresApp app) : ProjectFlowTests(app);
