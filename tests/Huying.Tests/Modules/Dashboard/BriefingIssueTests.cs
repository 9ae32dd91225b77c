using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Dashboard;
using Huying.Platform.Notifications;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Huying.Tests.Modules.Dashboard;

public sealed class BriefingNumberTests
{
    [Fact]
    public void AnEditThatChangesOnlyWordsChangesNoNumber() =>
        Assert.Equal((0, 0), Count(BriefingNumbers.Changed("开展志愿服务30余次，覆盖13000余人。", "共开展志愿服务30余次，覆盖群众13000余人。")));

    [Fact]
    public void AnEditThatChangesANumberSaysWhatItWasAndIs()
    {
        var (removed, added) = BriefingNumbers.Changed("认领2400余件，完成500余件，管理率95%。", "认领2400余件，完成600件，管理率95%。");
        Assert.Equal(["500余"], removed);
        Assert.Equal(["600"], added);
    }

    private static (int, int) Count((IReadOnlyList<string> Removed, IReadOnlyList<string> Added) c) => (c.Removed.Count, c.Added.Count);
}

/// <summary>A briefing kept as a draft, edited (a changed number marked), published to the notice boards; and the monthly draft.</summary>
public abstract class BriefingIssueTests(AppFixture app)
{
    private const string Fuqian = DemoRecords.Fuqian;

    private static List<string> Texts(JsonElement issue) => [.. issue.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("text").GetString()!)];

    [Fact]
    public async Task ASecretaryEditsADraftAndPublishesItWithTheChangedNumberMarkedOnTheCommunitysBoard()
    {
        var secretary = await app.As("fuqian.secretary");
        var draft = await Json(await secretary.PostAsJsonAsync("/api/briefings", new { division = Fuqian }), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt64();
        var texts = Texts(draft);
        Assert.NotEmpty(texts);
        Assert.All(draft.GetProperty("sections").EnumerateArray(), s => Assert.Equal(s.GetProperty("generated").GetString(), s.GetProperty("text").GetString()));

        // Refused edits change nothing: a paragraph missing, one emptied, an edit of an older version.
        Assert.Equal(HttpStatusCode.BadRequest, (await secretary.PutAsJsonAsync($"/api/briefings/{id}", new { texts = texts.Skip(1) })).StatusCode);
        var empty = await Json(await secretary.PutAsJsonAsync($"/api/briefings/{id}", new { texts = texts.Select((t, i) => i == 0 ? " " : t) }), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("texts[0]", out _));
        var number = BriefingNumbers.Of(texts[0])[0];
        var edited = texts.Select((t, i) => i == 0 ? t.Replace(number, "99999") : t).ToList();
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.PutAsJsonAsync($"/api/briefings/{id}", new { version = draft.GetProperty("version").GetInt32() + 5, texts = edited })).StatusCode);
        Assert.Equal(texts, Texts(await Json(await secretary.GetAsync($"/api/briefings/{id}"))));

        var saved = await Json(await secretary.PutAsJsonAsync($"/api/briefings/{id}", new { version = draft.GetProperty("version").GetInt32(), texts = edited }));
        var first = saved.GetProperty("sections")[0];
        Assert.True(first.GetProperty("edited").GetBoolean());
        Assert.Contains(number, first.GetProperty("numbersRemoved").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("99999", first.GetProperty("numbersAdded").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("本段数字经编辑修改", saved.GetProperty("text").GetString());

        // The Word and PDF files carry the edit and its note.
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await secretary.GetByteArrayAsync($"/api/briefings/{id}.docx")), false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("99999", text);
            Assert.Contains("本段数字经编辑修改", text);
        }
        var pdf = PdfReading.Readable(PdfReading.Text(await secretary.GetByteArrayAsync($"/api/briefings/{id}.pdf")));
        Assert.Contains("99999", pdf);

        var published = await Json(await secretary.PostAsync($"/api/briefings/{id}/publish", null));
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(1, published.GetProperty("noticeCount").GetInt32());
        var notice = await Json(await secretary.GetAsync($"/api/notices/{published.GetProperty("firstNoticeId").GetInt64()}"));
        Assert.Equal("partyAffairs", notice.GetProperty("kind").GetString());
        Assert.Contains("本段数字经编辑修改：原为" + number, notice.GetProperty("body").GetString());
        // Published is final.
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.PutAsJsonAsync($"/api/briefings/{id}", new { texts = edited })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.PostAsync($"/api/briefings/{id}/publish", null)).StatusCode);
    }

    [Fact]
    public async Task ADivisionsBriefingsAreKeptByThoseWhoseScopeHoldsAllOfIt()
    {
        var secretary = await app.As("fuqian.secretary");
        // The county's briefing holds other communities' figures: not a community secretary's to keep.
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.PostAsJsonAsync("/api/briefings", new { division = "140827" })).StatusCode);
        var county = await app.As("county");
        var countyDraft = await Json(await county.PostAsJsonAsync("/api/briefings", new { division = "140827" }), HttpStatusCode.Created);
        var countyId = countyDraft.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync($"/api/briefings/{countyId}")).StatusCode);
        Assert.DoesNotContain((await Json(await secretary.GetAsync("/api/briefings"))).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == countyId);
        var mine = await Json(await secretary.PostAsJsonAsync("/api/briefings", new { division = Fuqian }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.secretary")).GetAsync($"/api/briefings/{mine.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Contains((await Json(await county.GetAsync("/api/briefings"))).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == mine.GetProperty("id").GetInt64());
        // A grid worker reads the briefing but does not keep one; bad periods are refused beside their fields.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("fuqian.grid")).PostAsJsonAsync("/api/briefings", new { division = Fuqian })).StatusCode);
        var future = await Json(await secretary.PostAsJsonAsync("/api/briefings", new { division = Fuqian, to = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd") }), HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await secretary.PostAsJsonAsync("/api/briefings", new { division = "x1" })).StatusCode);
    }

    [Fact]
    public async Task TheMonthlyDraftIsWrittenOnceForLastMonthAndItsRecipientsAreTold()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Briefings:Monthly:140827400017"] = "xueyuan.secretary, nobody" }).Build();
        var firstOfMonth = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 1, 0, 0, TimeSpan.Zero);
        MonthlyBriefings Job() => new(app.Service<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(firstOfMonth), config,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MonthlyBriefings>.Instance);
        await Job().DraftAsync(default);
        Assert.Equal(0, await Job().DraftAsync(default));
        await using var db = app.Database();
        var lastMonth = DateOnly.FromDateTime(firstOfMonth.AddHours(8).AddDays(-1).UtcDateTime);
        var issue = await db.BriefingIssues.SingleAsync(i => i.Division == DemoRecords.Xueyuan && i.Scheduled && i.To == lastMonth);
        Assert.Equal(new DateOnly(lastMonth.Year, lastMonth.Month, 1), issue.From);
        var told = await db.Notifications.Where(n => n.SubjectType == nameof(BriefingIssue) && n.SubjectId == issue.Id).ToListAsync();
        var note = Assert.Single(told);
        Assert.Equal($"/briefing/issues/{issue.Id}", note.Link);
        var inbox = await Json(await (await app.As("xueyuan.secretary")).GetAsync("/api/notifications"));
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").GetString() == $"/briefing/issues/{issue.Id}");
    }

    [Fact]
    public async Task ThePagesKeepEditAndPublishTheSameWay()
    {
        var secretary = await app.As("fuqian.secretary");
        Assert.Contains("id=\"draft-form\"", await secretary.GetStringAsync("/briefing"));
        var kept = await secretary.SubmitAsync("/briefing", new() { ["division"] = Fuqian }, handler: "Draft");
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var page = kept.Headers.Location!.ToString();
        var id = long.Parse(page.Split('/')[^1]);
        var texts = Texts(await Json(await secretary.GetAsync($"/api/briefings/{id}")));
        // An emptied paragraph is refused beside its field, and nothing changes.
        var emptied = texts.Select((t, i) => ($"Texts[{i}]", i == 0 ? "" : t)).ToDictionary(f => f.Item1, f => f.Item2);
        var refusedEdit = await secretary.SubmitAsync(page, emptied, handler: "Edit");
        Assert.Equal(HttpStatusCode.OK, refusedEdit.StatusCode);
        var refusedHtml = await refusedEdit.Content.ReadAsStringAsync();
        Assert.Contains("form-control is-invalid\" id=\"text-0\"", refusedHtml);
        Assert.Contains(Huying.Tests.Infrastructure.Texts.Zh("A paragraph cannot be empty"), refusedHtml);
        Assert.Equal(texts, Texts(await Json(await secretary.GetAsync($"/api/briefings/{id}"))));
        var fields = texts.Select((t, i) => ($"Texts[{i}]", i == 0 ? t + "另有88名群众参与。" : t)).ToDictionary(f => f.Item1, f => f.Item2);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.SubmitAsync(page, fields, handler: "Edit")).StatusCode);
        var html = await secretary.GetStringAsync(page);
        Assert.Contains("数字有改动", html);
        Assert.Contains("另有88名群众参与。", html);
        Assert.Equal(HttpStatusCode.Redirect, (await secretary.SubmitAsync(page, [], handler: "Publish")).StatusCode);
        Assert.Contains("id=\"issue-published\"", await secretary.GetStringAsync(page));
        // A refused page edit answers as the API does: after publishing, nothing changes.
        var refused = await secretary.SubmitAsync(page, fields, handler: "Edit");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"issue-error\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("fuqian.grid")).SubmitAsync("/briefing", new() { ["division"] = Fuqian }, handler: "Draft")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BriefingIssueTestsOnSqlite(SqliteApp app) : BriefingIssueTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BriefingIssueTestsOnPostgres(PostgresApp app) : BriefingIssueTests(app);
