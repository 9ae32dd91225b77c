using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Huying.Modules.Organisation;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Dashboard;

/// <summary>The dashboard's drill to a grid, what is overdue now and the county's communities as points on its map.</summary>
public abstract partial class DashboardTests(AppFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>A period no other test asks for, so no reader's kept view answers it.</summary>
    private static string FreshPeriod(int days) => $"from={Today.AddDays(-days):yyyy-MM-dd}&to={Today:yyyy-MM-dd}";

    private static string Flat(string html) => html.Replace("\n", "").Replace("  ", "");

    private static int Tile(string html, string id) => int.Parse(Regex.Match(Flat(html),
        $"data-tile=\"{id}\"><div class=\"small hy-sub\">[^<]+</div><div class=\"fs-3 fw-bold\">(\\d+)</div>").Groups[1].Value);

    private static string TileHref(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"href=\"([^\"]+)\" data-tile=\"{id}\"").Groups[1].Value);

    /// <summary>The count the queue's tab shows for a view (the list's length).</summary>
    private static int TabCount(string html, string tab) =>
        int.Parse(Regex.Match(Flat(html), $"id=\"tab-{tab}\">.*?<span class=\"n\">(\\d+)</span>").Groups[1].Value);

    [Fact]
    public async Task TheOverdueFigureOpensTheOverdueMattersOfItsDivisionAndTheLongestOverdueComeFirst()
    {
        var county = await app.As("county");
        foreach (var division in new[] { "140827", DemoRecords.Fuqian })
        {
            var html = await county.GetStringAsync($"/dashboard?division={division}&{FreshPeriod(131)}");
            var overdue = Tile(html, "overdue");
            Assert.True(overdue > 0, "the demo has overdue matters");
            var href = TileHref(html, "overdue");
            Assert.Equal($"/matters?view=Overdue&division={division}", href);
            var queue = await county.GetStringAsync(href);
            Assert.Equal(overdue, TabCount(queue, "overdue"));
            Assert.Contains("id=\"queue-narrowed\"", queue);
            // The longest overdue: at most ten, each a matter of the division, longest first.
            var rows = Regex.Matches(Flat(html), "<tr data-overdue=\"(\\d+)\">.*?<td class=\"text-end fw-bold text-danger\">(\\d+)</td></tr>");
            Assert.InRange(rows.Count, 1, 10);
            Assert.Equal(Math.Min(10, overdue), rows.Count);
            var days = rows.Select(r => int.Parse(r.Groups[2].Value)).ToList();
            Assert.Equal(days.OrderByDescending(d => d), days);
            await using var db = app.Database();
            var ids = rows.Select(r => long.Parse(r.Groups[1].Value)).ToList();
            Assert.All(await db.Matters.Where(m => ids.Contains(m.Id)).Select(m => m.CommunityCode).ToListAsync(), c => Assert.StartsWith(division, c));
        }
        // A community's staff see their own overdue matters only.
        var xueyuan = await app.As("xueyuan.staff");
        Assert.Equal(HttpStatusCode.NotFound, (await xueyuan.GetAsync($"/dashboard?division={DemoRecords.Fuqian}")).StatusCode);
    }

    [Fact]
    public async Task ACommunitysGridOpensTheGridsOwnDashboardWhoseFiguresAreTheGridsRow()
    {
        var city = await app.As("city");
        var period = FreshPeriod(157);
        long hebian;
        await using (var db = app.Database())
        {
            hebian = await db.Grids.Where(g => g.Name == "河边网格").Select(g => g.Id).SingleAsync();
        }
        var community = await city.GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}&{period}");
        Assert.Contains($"href=\"/dashboard?division={DemoRecords.Fuqian}&amp;grid={hebian}&amp;", community);
        var grid = await city.GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}&grid={hebian}&{period}");
        Assert.Contains("河边网格", grid);
        Assert.Contains($"data-up=\"{DemoRecords.Fuqian}\">府前社区</a>", grid);
        Assert.DoesNotContain("id=\"dashboard-areas\"", grid);
        var row = (await Answers.Json(await city.GetAsync($"/api/kpis/matters?division={DemoRecords.Fuqian}&groupBy=grid&{period}")))
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == hebian.ToString());
        Assert.Equal(row.GetProperty("submitted").GetInt32(), Tile(grid, "submitted"));
        Assert.Equal(row.GetProperty("resolved").GetInt32(), Tile(grid, "resolved"));
        var overdue = await city.GetStringAsync(TileHref(grid, "overdue"));
        Assert.Equal(Tile(grid, "overdue"), TabCount(overdue, "overdue"));

        // A grid asked of another community, or a grid out of the reader's scope, is not there.
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/dashboard?division={DemoRecords.Xueyuan}&grid={hebian}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.secretary")).GetAsync($"/dashboard?division={DemoRecords.Fuqian}&grid={hebian}")).StatusCode);
        // The grid worker's dashboard starts at the own grid.
        var worker = await (await app.As("fuqian.grid")).GetStringAsync("/dashboard");
        Assert.Contains("府前社区 · 河边网格", worker);
    }

    [Fact]
    public async Task TheCountysCommunitiesArePointsOnItsMapWhereTheirSecretaryPlacedThem()
    {
        var county = await app.As("county");
        var html = await county.GetStringAsync($"/dashboard?division=140827&{FreshPeriod(171)}");
        var map = JsonDocument.Parse(WebUtility.HtmlDecode(Regex.Match(html, "data-dashboard-map=\"([^\"]+)\"").Groups[1].Value)).RootElement;
        Assert.Equal("140827", map.GetProperty("county").GetString());
        var points = map.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(15, points.Count);
        var fuqian = points.Single(p => p.GetProperty("code").GetString() == DemoRecords.Fuqian);
        Assert.Equal("府前社区", fuqian.GetProperty("name").GetString());
        Assert.StartsWith($"/dashboard?division={DemoRecords.Fuqian}&", fuqian.GetProperty("href").GetString());
        // Each point carries its community's figure, the same as its row in the table.
        Assert.Contains($"<tr data-area=\"{DemoRecords.Fuqian}\"><td><a href=\"/dashboard?division={DemoRecords.Fuqian}&amp;from={Today.AddDays(-171):yyyy-MM-dd}&amp;to={Today:yyyy-MM-dd}\">府前社区</a></td><td class=\"text-end\">{fuqian.GetProperty("value")[2].GetInt32()}</td>", html);

        // The secretary moves the community; a bad position changes nothing and says why; a grid worker may not.
        var secretary = await app.As("xueyuan.secretary");
        Community before;
        await using (var db = app.Database())
        {
            before = await db.Communities.AsNoTracking().SingleAsync(c => c.Code == DemoRecords.Xueyuan);
        }
        var refused = await Answers.Json(await secretary.PutAsJsonAsync($"/api/org/communities/{DemoRecords.Xueyuan}/position", new { latitude = 31.2, longitude = 121.5 }),
            HttpStatusCode.BadRequest);
        Assert.Contains("山西", refused.GetProperty("errors").GetProperty("latitude")[0].GetString());
        await Answers.Json(await secretary.PutAsJsonAsync($"/api/org/communities/{DemoRecords.Xueyuan}/position", new { latitude = 35.3 }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("fuqian.grid")).PutAsJsonAsync($"/api/org/communities/{DemoRecords.Fuqian}/position",
            new { latitude = 35.3, longitude = 111.6 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.PutAsJsonAsync($"/api/org/communities/{DemoRecords.Fuqian}/position",
            new { latitude = 35.3, longitude = 111.6 })).StatusCode);
        await using (var db = app.Database())
        {
            var now = await db.Communities.AsNoTracking().SingleAsync(c => c.Code == DemoRecords.Xueyuan);
            Assert.Equal((before.Latitude, before.Longitude), (now.Latitude, now.Longitude));
        }
        try
        {
            var placed = await Answers.Json(await secretary.PutAsJsonAsync($"/api/org/communities/{DemoRecords.Xueyuan}/position",
                new { latitude = 35.2912345678, longitude = 111.6612 }));
            Assert.Equal(35.291235, placed.GetProperty("latitude").GetDouble());
            // Taken off the map: the county's map says one community is not placed.
            await Answers.Json(await secretary.PutAsJsonAsync($"/api/org/communities/{DemoRecords.Xueyuan}/position", new { latitude = (double?)null, longitude = (double?)null }));
            var off = await county.GetStringAsync($"/dashboard?division=140827&{FreshPeriod(172)}");
            Assert.Contains("id=\"dashboard-unplaced\"", off);
            Assert.Contains("另有 1 个社区尚未标注位置", off);
            // The page's form: a typed number with a Chinese comma is read; words are refused beside the field.
            var page = await secretary.GetStringAsync($"/org/communities/{DemoRecords.Xueyuan}");
            Assert.Contains("尚未标注位置", page);
            var words = await secretary.SubmitAsync($"/org/communities/{DemoRecords.Xueyuan}", new() { ["Position.Latitude"] = "北纬35度", ["Position.Longitude"] = "111.66" }, "Position");
            Assert.Contains("请以数字填写位置", await words.Content.ReadAsStringAsync());
            var saved = await secretary.SubmitAsync($"/org/communities/{DemoRecords.Xueyuan}", new() { ["Position.Latitude"] = "35，29", ["Position.Longitude"] = "111.66" }, "Position");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            await using var db = app.Database();
            Assert.Equal(35.29, (await db.Communities.AsNoTracking().SingleAsync(c => c.Code == DemoRecords.Xueyuan)).Latitude);
        }
        finally
        {
            await secretary.PutAsJsonAsync($"/api/org/communities/{DemoRecords.Xueyuan}/position", new { latitude = before.Latitude, longitude = before.Longitude });
        }
    }

    [Fact]
    public async Task APartnerUnitsLiaisonReadsTheMattersDispatchedToTheUnitWithoutThePractices()
    {
        var period = FreshPeriod(367);
        var liaison = await app.As("unit.xmtj");
        var html = await liaison.GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}&{period}");
        Assert.DoesNotContain("id=\"dashboard-practices\"", html);
        // The unit's figure is its own matters: the KPI report it reads, and fewer than the community's.
        var own = (await Answers.Json(await liaison.GetAsync($"/api/kpis/matters?division={DemoRecords.Fuqian}&{period}"))).GetProperty("total");
        Assert.Equal(own.GetProperty("submitted").GetInt32(), Tile(html, "submitted"));
        var community = await (await app.As("fuqian.staff")).GetStringAsync($"/dashboard?division={DemoRecords.Fuqian}&{period}");
        Assert.True(Tile(html, "submitted") < Tile(community, "submitted"));
        long unit;
        var since = Today.AddDays(-367);
        await using (var db = app.Database())
        {
            unit = await db.PartnerUnits.Where(u => u.Name == "垣曲县项目推进中心").Select(u => u.Id).SingleAsync();
            var counted = (await db.Matters.Where(m => m.UnitId == unit && m.CommunityCode == DemoRecords.Fuqian && m.Counted)
                .Select(m => m.SubmittedAt).ToListAsync()).Count(at => DateOnly.FromDateTime(at.AddHours(8)) >= since);
            Assert.Equal(counted, Tile(html, "submitted"));
        }
        Assert.True(Tile(html, "submitted") > 0, "the demo dispatches matters to the unit");
        // Its grid rows open the KPI list, not a grid's dashboard (a unit has no grids).
        Assert.DoesNotContain("&amp;grid=", html);
        var overdue = await liaison.GetStringAsync(TileHref(html, "overdue"));
        Assert.Equal(Tile(html, "overdue"), TabCount(overdue, "overdue"));
        Assert.Contains("id=\"nav-dashboard\"", html);
    }

    [Fact]
    public async Task TheResidentsDeliberationIsAPracticeSentenceWhoseFiguresAreTheDeliberationFigures()
    {
        var county = await app.As("county");
        var briefing = await Answers.Json(await county.GetAsync($"/api/briefing?division={DemoRecords.Xueyuan}"));
        Assert.Contains("推行居民议事协商，召开议事会", briefing.GetProperty("text").GetString());
        var figures = briefing.GetProperty("figures").EnumerateArray().Where(f => f.GetProperty("source").GetString()!.StartsWith("/api/deliberation/figures")).ToList();
        Assert.Contains(figures, f => f.GetProperty("name").GetString() == "meetingsHeld");
        var source = await Answers.Json(await county.GetAsync(figures[0].GetProperty("source").GetString()));
        foreach (var f in figures)
        {
            Assert.Equal(source.GetProperty(f.GetProperty("name").GetString()!).GetDecimal(), f.GetProperty("value").GetDecimal());
        }
        // The needs list behind the projects is one of 党建+驻区单位's, each figure the projects' figures endpoint's.
        var partner = briefing.GetProperty("paragraphs").EnumerateArray().Single(p => p.GetProperty("practice").GetString() == "党建+驻区单位");
        Assert.Contains("收集群众需求", partner.GetProperty("text").GetString());
        var needs = briefing.GetProperty("figures").EnumerateArray().First(f => f.GetProperty("name").GetString() == "needsRaised");
        Assert.Equal((await Answers.Json(await county.GetAsync(needs.GetProperty("source").GetString()))).GetProperty("needsRaised").GetDecimal(),
            needs.GetProperty("value").GetDecimal());
        // It is a sentence of 党建+治理创新, after the closed loop's.
        var governance = briefing.GetProperty("paragraphs").EnumerateArray().Single(p => p.GetProperty("practice").GetString() == "党建+治理创新").GetProperty("text").GetString()!;
        Assert.True(governance.IndexOf("推行居民议事协商", StringComparison.Ordinal) > governance.IndexOf("闭环机制", StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DashboardTestsOnSqlite(SqliteApp app) : DashboardTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DashboardTestsOnPostgres(PostgresApp app) : DashboardTests(app);
