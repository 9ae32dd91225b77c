using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.HealthAid;
using Huying.Platform.Composition;
using Huying.Tests.Infrastructure;

namespace Huying.Tests.Modules.Dashboard;

public sealed class ReportNumberTests
{
    [Theory]
    [InlineData(7, "7")]
    [InlineData(30, "30")]
    [InlineData(33, "30余")]
    [InlineData(69, "60余")]
    [InlineData(236, "200余")]
    [InlineData(836, "800余")]
    [InlineData(2_346, "2300余")]
    [InlineData(4_063, "4000余")]
    [InlineData(13_480, "13000余")]
    [InlineData(20_412, "2万余")]
    [InlineData(13_000, "13000")]
    public void ACountIsWrittenTheWayTheReportWritesIt(long n, string written) => Assert.Equal(written, ReportNumbers.About(n));

    [Fact]
    public void RatesAndMoneyAreWrittenAsTheReportDoes()
    {
        Assert.Equal("95%", ReportNumbers.Percent(0.95));
        Assert.Equal("96%", ReportNumbers.Percent(0.955));
        Assert.Equal("780万元", ReportNumbers.TenThousandYuan(7_800_000m));
        Assert.Equal("5.25万元", ReportNumbers.TenThousandYuan(52_500m));
    }
}

/// <summary>The briefing written from the demo: the report's figures, each the same as the figures endpoint it came from.</summary>
public abstract class BriefingTests(AppFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>Every figure of the briefing equals the number its source endpoint answers (at its root or under "counts").</summary>
    private static async Task SourcesAgreeAsync(HttpClient client, JsonElement briefing)
    {
        var answers = new Dictionary<string, JsonElement>();
        foreach (var figure in briefing.GetProperty("figures").EnumerateArray())
        {
            var source = figure.GetProperty("source").GetString()!;
            if (!answers.TryGetValue(source, out var answer))
            {
                answers[source] = answer = (await Json(await client.GetAsync(source))).Clone();
            }
            var name = figure.GetProperty("name").GetString()!;
            var value = answer.TryGetProperty(name, out var top) ? top
                : answer.TryGetProperty("counts", out var counts) ? counts.GetProperty(name) : answer.GetProperty("total").GetProperty(name);
            if (value.ValueKind == JsonValueKind.String)
            {
                Assert.StartsWith("不足5", figure.GetProperty("shown").GetString());
            }
            else
            {
                Assert.True(value.GetDecimal() == figure.GetProperty("value").GetDecimal(), $"{name} at {source}: {value} against {figure.GetProperty("value")}");
            }
        }
    }

    [Fact]
    public async Task TheCitysBriefingCarriesTheReportsFiguresEachAsItsFiguresEndpointAnswers()
    {
        var city = await app.As("city");
        var briefing = await Json(await city.GetAsync("/api/briefing?division=1408"));
        var text = briefing.GetProperty("text").GetString()!;
        foreach (var words in new[] { "15个社区“大党委”", "130家共驻共建单位党组织", "237个楼栋党小组", "404个党员中心户", "131家县直单位党组织",
            "认领服务事项2400余件", "已完成500余件", "8处国保", "18处省市级文保单位", "文物信息4000余条", "文物点60余处", "200余批次", "2万余人次",
            "80余个协调治理小组", "多学科会诊12次", "诊疗2300余人次", "健康档案200份", "流动医疗队7支", "走访89户", "转诊106人", "急救培训16期、800余人次", "780万元" })
        {
            Assert.Contains(words, text);
        }
        if (Today.DayOfYear > 91)
        {
            Assert.Contains("管理率达95%", text);
        }
        Assert.Equal(["党建+驻区单位", "党建+志愿服务", "党建+治理创新", "每月一件事", "文物保护", "医疗帮扶", "同城通办"],
            briefing.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("practice").GetString()!));
        await SourcesAgreeAsync(city, briefing);

        // The county's volunteering and a community's agreements and project list, as the report has them.
        var county = await app.As("county");
        var yuanqu = await Json(await county.GetAsync("/api/briefing?division=140827"));
        Assert.Contains("联动共驻单位开展30余次", yuanqu.GetProperty("text").GetString());
        Assert.Contains("覆盖辖区群众13000余人", yuanqu.GetProperty("text").GetString());
        Assert.DoesNotContain("医疗帮扶", yuanqu.GetProperty("text").GetString());
        await SourcesAgreeAsync(county, yuanqu);
        var fuqian = await Json(await (await app.As("fuqian.secretary")).GetAsync($"/api/briefing?division={DemoRecords.Fuqian}"));
        Assert.StartsWith("府前社区党建引领", fuqian.GetProperty("title").GetString());
        Assert.Contains("15个驻区单位党组织全部与社区签订共驻共建协议", fuqian.GetProperty("text").GetString());
        Assert.Contains("项目清单35个", fuqian.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ChangingTheDataChangesTheSentenceAndAScopeWithoutDataSaysSo()
    {
        var village = "14999900" + Random.Shared.Next(1000, 9999);
        await using (var db = app.Database())
        {
            db.Communities.Add(new Community { Code = village, Name = "简报测试村", TownCode = village[..9], CountyCode = village[..6] });
            await db.SaveChangesAsync();
        }
        var admin = await app.As("admin");
        var empty = await Json(await admin.GetAsync($"/api/briefing?division={village}"));
        Assert.Contains("本期暂无数据", empty.GetProperty("text").GetString());
        Assert.Equal(0, empty.GetProperty("paragraphs").GetArrayLength());

        async Task HoldAsync(int n)
        {
            await using var db = app.Database();
            db.AddRange(Enumerable.Range(0, n).Select(i => new CareActivity
            {
                CommunityCode = village, Kind = CareActivityKind.Mdt, On = Today, Title = "会诊", People = 6, By = "test", CreatedAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }
        await HoldAsync(3);
        Assert.Contains("开展多学科会诊3次", (await Json(await admin.GetAsync($"/api/briefing?division={village}"))).GetProperty("text").GetString());
        await HoldAsync(1);
        var after = await Json(await admin.GetAsync($"/api/briefing?division={village}"));
        Assert.Contains("开展多学科会诊4次", after.GetProperty("text").GetString());
        Assert.Contains("累计诊疗20余人次", after.GetProperty("text").GetString());
    }

    [Fact]
    public async Task TheBriefingPageShowsTheReadersOwnScopeWithTheFiguresBehindAndTheWordFileCarriesTheText()
    {
        var county = await app.As("county");
        var html = await county.GetStringAsync("/briefing");
        Assert.Contains("垣曲县党建引领基层治理工作简报", html);
        // The number is a link to the activities behind it.
        Assert.Matches("覆盖辖区群众<a class=\"hy-figure\" href=\"/volunteering\\?from=[^\"]+\" data-figure=\"peopleServed\"[^>]*>13000余人</a>", html);
        Assert.Contains("<code>peopleServed</code>", html);
        foreach (var url in new[] { "/briefing?handler=Docx&division=140827", "/api/briefing.docx?division=140827" })
        {
            var answer = await county.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", answer.Content.Headers.ContentType?.MediaType);
            using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await answer.Content.ReadAsByteArrayAsync()), false);
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("垣曲县党建引领基层治理工作简报", text);
            Assert.Contains("联动共驻单位开展30余次", text);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/briefing?division=140822")).StatusCode);
        Assert.Contains("府前社区党建引领", await (await app.As("fuqian.staff")).GetStringAsync("/briefing"));
    }

    [Fact]
    public async Task TheDashboardDrillsFromTheCityToACountyToACommunityAndItsAreasAddUpToItsFigures()
    {
        var city = await app.As("city");
        var html = await city.GetStringAsync("/dashboard");
        Assert.Contains("data-dashboard-map", html);
        Assert.Contains("href=\"/dashboard?division=140827&amp;", html);
        // A period other tests add no matter to (they add today's): the dashboard keeps a reader's view a minute.
        var period = $"from={Today.AddDays(-200):yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}";
        var county = await city.GetStringAsync($"/dashboard?division=140827&{period}");
        Assert.Contains("data-area=\"140827400016\"", county);
        var kpis = await Json(await city.GetAsync($"/api/kpis/matters?division=140827&{period}"));
        Assert.Contains($">{kpis.GetProperty("total").GetProperty("submitted").GetInt32()}</div>", county.Replace("\n", "").Replace("  ", ""));
        var rows = System.Text.RegularExpressions.Regex.Matches(county, "<tr data-area=\"(\\d+)\"><td><a href=\"[^\"]+\">[^<]+</a></td><td class=\"text-end\">(\\d+)</td>");
        Assert.Equal(kpis.GetProperty("total").GetProperty("submitted").GetInt32(), rows.Sum(m => int.Parse(m.Groups[2].Value)));
        var community = await city.GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}");
        Assert.Contains("府前社区", community);
        Assert.Contains($"/matters/kpis?division={DemoRecords.Fuqian}", community);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync("/dashboard?division=140822")).StatusCode);
        Assert.DoesNotContain("class=\"hy-nav\"", await city.GetStringAsync("/dashboard?division=1408&screen=true"));
    }

    [Fact]
    public async Task TheDashboardNamesTheLevelsAboveLinksEveryPracticeFigureAndExportsEveryTable()
    {
        var city = await app.As("city");
        var community = await city.GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}");
        Assert.Contains("data-up=\"1408\">运城市</a>", community);
        Assert.Contains("data-up=\"140827\">垣曲县</a>", community);
        var county = await city.GetStringAsync("/dashboard?division=140827");
        // Every number of a practice opens the records behind it.
        Assert.Contains("class=\"hy-figure\" href=\"/matters/kpis?division=140827&amp;", county);
        Assert.Contains("class=\"hy-figure\" href=\"/volunteering?from=", county);

        var answer = await city.GetAsync("/dashboard?handler=Xlsx&division=140827");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await answer.Content.ReadAsByteArrayAsync()), false);
        var part = book.WorkbookPart!;
        var names = part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(x => x.Name!.Value!).ToList();
        Assert.Equal([Texts.Zh("Headline figures"), Texts.Zh("Areas"), Texts.Zh("Twelve months"), Texts.Zh("Practices"), Texts.Zh("Longest overdue")], names);
        var areas = (DocumentFormat.OpenXml.Packaging.WorksheetPart)part.GetPartById(part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ElementAt(1).Id!);
        var rows = areas.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count() - 1;
        Assert.Equal(System.Text.RegularExpressions.Regex.Matches(county, "<tr data-area=").Count, rows);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.secretary")).GetAsync($"/dashboard?handler=Xlsx&division={DemoRecords.Fuqian}")).StatusCode);
    }

    [Fact]
    public async Task AReadersDashboardIsKeptAMinuteAndSaysWhenWhileAnotherReadersIsCountedForThem()
    {
        static int Raised(string html) => int.Parse(System.Text.RegularExpressions.Regex.Match(html.Replace("\n", "").Replace("  ", ""),
            "data-tile=\"submitted\"><div class=\"small hy-sub\">[^<]+</div><div class=\"fs-3 fw-bold\">(\\d+)</div>").Groups[1].Value);
        var staff = await app.As("fuqian.staff");
        var before = await staff.GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}");
        Assert.Contains("id=\"dashboard-counted\"", before);
        await Json(await staff.PostAsJsonAsync("/api/matters", new { categoryCode = "facilities", description = "驾驶舱缓存测试：健身器材松动", communityCode = DemoRecords.Fuqian }),
            HttpStatusCode.Created);
        Assert.Equal(Raised(before), Raised(await staff.GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}")));
        Assert.Equal(Raised(before) + 1, Raised(await (await app.As("fuqian.secretary")).GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}")));
    }

    [Fact]
    public async Task TheBriefingIsForStaffOfTheScopeOnly()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("resident")).GetAsync("/api/briefing?division=140827")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync("/api/briefing?division=140822")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.secretary")).GetAsync($"/api/briefing?division={DemoRecords.Fuqian}")).StatusCode);
        var bad = await Json(await (await app.As("county")).GetAsync("/api/briefing?division=abc"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("division", out _));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BriefingTestsOnSqlite(SqliteApp app) : BriefingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BriefingTestsOnPostgres(PostgresApp app) : BriefingTests(app);
