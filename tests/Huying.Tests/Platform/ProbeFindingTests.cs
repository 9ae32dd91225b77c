using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Modules.Matters.MatterCalls;

namespace Huying.Tests.Platform;

/// <summary>
/// The probe's medium and low findings, each tried again as it was found (API and page where both exist); the high
/// ones have their own tests (the ID reconstruction, the authorization matrix, the tamper tests).
/// </summary>
public abstract class ProbeFindingTests(AppFixture app)
{
    private async Task<long> HebianHouseholdAsync() => (await DemoRecords.LoadAsync(app)).HebianHousehold;

    [Fact]
    public async Task FindingAPersonByAFullPhoneNeedsTheRevealPermissionIsAuditedAndLimited()
    {
        // The probe: 10,000 searches by full number as a grid leader, unaudited. Now the leader is refused…
        var leader = await app.As("fuqian.gridleader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/people?q=15112347989")).StatusCode);
        // The page says so above an empty list.
        var page = await leader.GetStringAsync("/people?q=15112347989");
        Assert.Contains("按完整身份证号或手机号查找需要查看权限", page);
        Assert.DoesNotContain("/people/", System.Text.RegularExpressions.Regex.Match(page, "<tbody>(.|\n)*?</tbody>").Value);
        // …and whoever may reveal leaves a line per search and is stopped past the limit (30 in 10 minutes).
        var staff = await app.NewAccountAsync("exact.search.test", Huying.Platform.Accounts.Roles.CommunityStaff, DemoRecords.Fuqian);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 32; i++)
        {
            answers.Add((await staff.GetAsync($"/api/people?q=1511234{i:0000}")).StatusCode);
        }
        Assert.Equal(30, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        await using var db = app.Database();
        Assert.Equal(30, await db.AuditEntries.CountAsync(a => a.UserName == "exact.search.test" && a.Action == "search-exact" && a.Details == "phone"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.UserName == "exact.search.test" && a.Details!.Contains("1511234")));
    }

    [Fact]
    public async Task TheEditPageWritesTheSensitiveReadLineThePersonPageWrites()
    {
        var staff = await app.NewAccountAsync("sensitive.edit.test", Huying.Platform.Accounts.Roles.CommunityStaff, DemoRecords.Fuqian);
        var person = (await Json(await (await app.As("fuqian.staff")).PostAsJsonAsync("/api/people",
            new { name = "编辑敏感测试", householdId = await HebianHouseholdAsync(), tags = new[] { "disabled" } }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await using var db = app.Database();
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/people/{person}/edit")).StatusCode);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "sensitive.edit.test" && a.Action == "read-sensitive" && a.EntityId == person.ToString()));
    }

    [Fact]
    public async Task AFarDueDateIsRefusedAndOpen311AnswersEvenWithOddCharactersInStoredText()
    {
        var grid = await app.As("fuqian.grid");
        var id = Id(await RaiseAsync(app, grid, "河边三巷排水沟堵塞需清理"));
        await Json(await Act(grid, id, "accept"));
        var far = await Act(grid, id, "extend", new { dueAt = "9999-12-31T00:00:00Z", reason = "需要专业鉴定" });
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        // Text with a control character is refused at the door…
        var control = await grid.PostAsJsonAsync("/api/matters", new
        {
            categoryCode = "drainage", description = "河边三巷\u0001积水", communityCode = DemoRecords.Fuqian, buildingId = await BuildingAsync(app, "河边三巷"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        // …and one that got into the table some other way cannot break the XML answer.
        await using var db = app.Database();
        var original = await db.Matters.Where(m => m.Id == id).Select(m => m.Description).SingleAsync();
        await db.Matters.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Description, "河边三巷\u0001积水\u001F"));
        try
        {
            foreach (var format in new[] { "xml", "json" })
            {
                var answer = await app.Anonymous().GetAsync($"/open311/v2/requests.{format}?api_key=demo-open311-key");
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                var body = await answer.Content.ReadAsStringAsync();
                if (format == "xml")
                {
                    Assert.NotNull(XDocument.Parse(body).Root);
                }
                else
                {
                    Assert.True(JsonDocument.Parse(body).RootElement.GetArrayLength() > 0);
                }
            }
        }
        finally
        {
            await db.Matters.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Description, original));
        }
    }

    [Fact]
    public async Task AControlCharacterInAPageFormIsRefusedBeforeItsHandlerRunsAndNothingIsSaved()
    {
        var resident = app.Anonymous();
        await using var db = app.Database();
        var before = await db.Topics.CountAsync();
        // Twice: the page's bound properties are found once and kept; the second post is checked as the first.
        for (var i = 0; i < 2; i++)
        {
            var form = await resident.GetStringAsync($"/c/{DemoRecords.Xueyuan}/topics/new");
            var posted = await resident.PostAsync($"/c/{DemoRecords.Xueyuan}/topics/new", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Title"] = "路灯\u202E不亮", ["Input.Description"] = "学苑小区路灯不亮", ["Input.Place"] = "学苑小区",
                ["__RequestVerificationToken"] = Pages.AntiforgeryToken(form),
            }));
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        }
        Assert.Equal(before, await db.Topics.CountAsync());
    }

    [Fact]
    public async Task OverlongTextIsRefusedBesideItsFieldOnThePublicPageAndInTheApi()
    {
        var resident = app.Anonymous();
        var form = await resident.GetStringAsync($"/c/{DemoRecords.Xueyuan}/topics/new");
        await using var db = app.Database();
        var before = await db.Topics.CountAsync();
        var posted = await resident.PostAsync($"/c/{DemoRecords.Xueyuan}/topics/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "超长测试", ["Input.Description"] = "路灯不亮", ["Input.Place"] = new string('地', 10_000), ["Input.RaiserName"] = new string('张', 1000),
            ["__RequestVerificationToken"] = Pages.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("is-invalid", html);
        Assert.Contains("超长测试", html);
        // A million characters does not even reach the form (the request is refused whole).
        var huge = await resident.PostAsync($"/c/{DemoRecords.Xueyuan}/topics/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "超长测试", ["Input.Description"] = "路灯不亮", ["Input.Place"] = new string('地', 1_000_000),
            ["__RequestVerificationToken"] = Pages.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(before, await db.Topics.CountAsync());

        var staff = await app.As("xueyuan.staff");
        var notice = await staff.PostAsJsonAsync("/api/notices", new { communityCode = DemoRecords.Xueyuan, kind = "finance", title = "超长公示", body = new string('文', 2_000_000) });
        Assert.Equal(HttpStatusCode.BadRequest, notice.StatusCode);
        var title = await staff.PostAsJsonAsync("/api/notices", new { communityCode = DemoRecords.Xueyuan, kind = "finance", title = "公示\u202E标题", body = "正文" });
        Assert.Equal(HttpStatusCode.BadRequest, title.StatusCode);
    }

    [Fact]
    public async Task OneIdNumberIsRegisteredOnceEvenWhenSixStaffPostItAtOnce()
    {
        var household = await HebianHouseholdAsync();
        var staff = await app.As("fuqian.staff");
        var id = Synthetic.IdNumber();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            staff.PostAsJsonAsync("/api/people", new { name = $"并发测试{i}", idNumber = id, householdId = household })));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.True(a.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        await using var db = app.Database();
        Assert.Equal(1, await db.People.CountAsync(p => p.Name.StartsWith("并发测试")));
    }

    [Fact]
    public async Task AnIdNumberRegisteredInAnotherCommunityIsNotConfirmedToThoseWhoCannotReveal()
    {
        await using var db = app.Database();
        var elsewhere = await db.People.Where(p => p.CommunityCode == DemoRecords.Xueyuan && p.IdNumberCipher != null).Select(p => p.IdNumberCipher).FirstAsync();
        var number = app.Service<Huying.Platform.Privacy.PersonalData>().Reveal(elsewhere)!;
        var household = await HebianHouseholdAsync();
        // A grid worker may reveal in their grid: the answer is the same refusal, audited and counted as an exact search.
        var grid = await app.As("fuqian.grid");
        var taken = await grid.PostAsJsonAsync("/api/people", new { name = "重复登记", idNumber = number, householdId = household });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        var text = await taken.Content.ReadAsStringAsync();
        Assert.DoesNotContain("学苑", text);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "fuqian.grid" && a.Action == "search-exact" && a.Details == "idNumber-taken"));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("...")]
    [InlineData("a")]
    [InlineData("1234")]
    public async Task ARevealReasonMustSaySomething(string reason)
    {
        var staff = await app.As("fuqian.staff");
        await using var db = app.Database();
        var person = await db.People.Where(p => p.CommunityCode == DemoRecords.Fuqian && p.PhoneCipher != null).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var before = await db.AuditEntries.CountAsync(a => a.Action == "reveal");
        var answer = await staff.PostAsJsonAsync($"/api/people/{person}/reveal", new { field = "phone", reason });
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(before, await db.AuditEntries.CountAsync(a => a.Action == "reveal"));
        var page = await staff.SubmitAsync($"/people/{person}", new() { ["Field"] = "phone", ["Reason"] = reason }, handler: "Reveal");
        Assert.Contains("is-invalid", await page.Content.ReadAsStringAsync());
        Assert.Equal(before, await db.AuditEntries.CountAsync(a => a.Action == "reveal"));
    }

    [Fact]
    public async Task AUnitAdoptsANeedOnceHoweverOftenItAsks()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var need = await Json(await staff.PostAsJsonAsync("/api/projects/needs", new
        {
            communityCode = DemoRecords.Fuqian, categoryCode = "care", title = "河边网格独居老人助浴", place = "河边网格", peopleAffected = 5, source = "survey",
        }), HttpStatusCode.Created);
        var needId = need.GetProperty("id").GetInt64();
        await Json(await staff.PostAsJsonAsync($"/api/projects/needs/{needId}/offer", new { unitIds = new[] { demo.ProjectCentreId } }));
        var xmtj = await app.As("unit.xmtj");
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => xmtj.PostAsync($"/api/projects/needs/{needId}/adopt", null)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        await using var db = app.Database();
        Assert.Equal(1, await db.ProjectNeeds.CountAsync(p => p.NeedId == needId));
    }

    [Theory]
    [InlineData("\u202E张三")]
    [InlineData("张\u0000三")]
    [InlineData("张\u200F三")]
    public async Task NamesWithControlOrDirectionCharactersAreRefused(string name)
    {
        var household = await HebianHouseholdAsync();
        var staff = await app.As("fuqian.staff");
        var answer = await staff.PostAsJsonAsync("/api/people", new { name, householdId = household });
        // Beside its field, in a body as in a query.
        Assert.True((await Answers.Json(answer, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("name", out _));
        var query = await staff.GetAsync($"/api/people?q={Uri.EscapeDataString(name)}");
        Assert.True((await Answers.Json(query, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task HalfASurrogatePairInJsonIsABadRequestNeverA500()
    {
        var household = await HebianHouseholdAsync();
        var staff = await app.As("fuqian.staff");
        // Written by hand: a serializer would have replaced it.
        var raw = new StringContent($$"""{"name":"张\ud800三","householdId":{{household}}}""", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsync("/api/people", raw)).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProbeFindingTestsOnSqlite(SqliteApp app) : ProbeFindingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProbeFindingTestsOnPostgres(PostgresApp app) : ProbeFindingTests(app);
