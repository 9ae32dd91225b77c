using System.Net;
using System.Text.RegularExpressions;
using Huying.Tests.Infrastructure;

namespace Huying.Tests.Platform;

/// <summary>The home page of each role: cards that link to where things are done, never a placeholder.</summary>
public abstract partial class HomeTests(AppFixture app)
{
    [Theory]
    [InlineData("resident", "我反映的事项", "/matters/new")]
    [InlineData("resident", "我所在社区的公示", "/notices/")]
    [InlineData("member", "我的在职党员服务", "/projects/service")]
    [InlineData("volunteer", "我所在社区的公示", "/notices/")]
    [InlineData("unit.xmtj", "本单位的项目节点", "/projects/")]
    [InlineData("unit.xmtj", "待我处理的事项", "/matters?view=")]
    [InlineData("fuqian.grid", "今日待办", "/matters")]
    [InlineData("fuqian.staff", "需求与项目", "/projects/needs?status=open")]
    [InlineData("fuqian.staff", "本月按时办结率", "/matters/kpis")]
    [InlineData("fuqian.staff", "待答复的异议", "/notices")]
    [InlineData("xueyuan.secretary", "本周议事", "/deliberation")]
    [InlineData("fuqian.secretary", "待我处理的事项", "/matters?view=communityqueue")]
    [InlineData("county", "待我处理的事项", "/matters?view=new")]
    [InlineData("county", "本月各社区", "/matters/kpis?division=1408")]
    [InlineData("town", "本月各社区", "&amp;groupBy=grid")]
    [InlineData("peishe.member", "我本月的承诺", "/pledges/me#pledge-")]
    [InlineData("xueyuan.staff", "同城通办", "/proxy?show=overdue")]
    [InlineData("unit.rsj", "同城通办", "/proxy?show=open")]
    [InlineData("peishe.branch", "每月一件事", "/pledges?community=140823109200#compliance")]
    [InlineData("peishe.town", "每月一件事", "/pledges#compliance")]
    public async Task EachRoleLandsOnCardsThatLinkToWhereThingsAreDone(string user, string card, string link)
    {
        var client = await app.As(user);
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var section = CardSection().Matches(html).Select(m => m.Value).FirstOrDefault(s => s.Contains(card, StringComparison.Ordinal));
        Assert.True(section is not null, $"no card 「{card}」 for {user}");
        Assert.Contains($"href=\"", section);
        Assert.Contains(link, section);
        Assert.DoesNotContain("将在开放后", html);
    }

    [Fact]
    public async Task TheCountyComparesTheWorstFiveCommunitiesAndSeesTwelveMonthsOfTrend()
    {
        // The officer's card is kept for a minute; other tests of this collection change matters in between, so the
        // ranking is compared with the rows as they are now, counted afresh.
        (app.Service<Microsoft.Extensions.Caching.Memory.IMemoryCache>() as Microsoft.Extensions.Caching.Memory.MemoryCache)!.Clear();
        var html = await (await app.As("county")).GetStringAsync("/");
        var card = CardSection().Matches(html).Select(m => m.Value).Single(s => s.Contains("id=\"home-overview\"", StringComparison.Ordinal));
        Assert.Equal(5, Regex.Matches(card, "<a href=\"/matters/kpis\\?division=\\d{12}&amp;groupBy=grid\">").Count);
        Assert.Matches("超期 \\d+ · 按时 ", card);
        var spec = System.Net.WebUtility.HtmlDecode(Regex.Match(card, "data-chart=\"([^\"]+)\"").Groups[1].Value);
        using var chart = System.Text.Json.JsonDocument.Parse(spec);
        Assert.Equal(12, chart.RootElement.GetProperty("categories").GetArrayLength());
        Assert.Equal("line", chart.RootElement.GetProperty("type").GetString());
        Assert.All(chart.RootElement.GetProperty("series").EnumerateArray(), s => Assert.Equal(12, s.GetProperty("data").GetArrayLength()));
        // The worst first: the first community's open overdue count is the largest of all the communities'.
        await using var db = app.Database();
        var now = DateTime.UtcNow;
        var most = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Matters
            .Where(m => m.CommunityCode.StartsWith("140827") && m.DueAt != null && m.DueAt < now).GroupBy(m => m.CommunityCode).Select(g => g.Count()));
        var first = Regex.Match(card, "超期 (\\d+) ·").Groups[1].Value;
        Assert.Equal(most.DefaultIfEmpty(0).Max().ToString(System.Globalization.CultureInfo.InvariantCulture), first);
    }

    [Fact]
    public async Task AUnitsLiaisonReadsItsOwnProjectsWithoutTheCountysTilesOrOtherUnits()
    {
        var html = await (await app.As("unit.xmtj")).GetStringAsync("/projects");
        Assert.Contains("本单位的项目", html);
        Assert.DoesNotContain("id=\"project-figures\"", html);
        Assert.DoesNotContain("id=\"unit\"", html);
        Assert.Contains("id=\"summary-table\"", html);
        var staff = await (await app.As("fuqian.staff")).GetStringAsync("/projects");
        Assert.Contains("id=\"project-figures\"", staff);
    }

    [Fact]
    public async Task AGridWorkerClearsTodaysListFromTheHomePageAlone()
    {
        var (staff, grid) = (await app.As("fuqian.staff"), await app.As("fuqian.grid"));
        async Task ClearAsync()
        {
            // Each matter on the list leaves it in at most three steps (accept, start, resolve or verify); other
            // tests of the collection may have left hundreds in the grid.
            int inGrid;
            await using (var count = app.Database())
            {
                var grids = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                    count.Grids.Where(g => g.Name == "河边网格").Select(g => (long?)g.Id));
                inGrid = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                    count.Matters.Where(m => grids.Contains(m.GridId) && (int)m.State <= (int)Huying.Modules.Matters.MatterState.Verified));
            }
            var steps = 0;
            while (true)
            {
                var html = await grid.GetStringAsync("/");
                var today = TodaySection(html);
                var tap = TapForm().Match(today);
                var open = Regex.Match(today, "<a href=\"/matters/(\\d+)\">");
                if (!open.Success)
                {
                    Assert.Contains("今日待办已清空", today);
                    return;
                }
                Assert.True(++steps <= 3 * inGrid + 3, "the list does not shrink");
                var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = Pages.AntiforgeryToken(html), ["returnUrl"] = "/" };
                HttpResponseMessage done;
                if (tap.Success)
                {
                    fields["action"] = tap.Groups[2].Value;
                    done = await grid.PostAsync(tap.Groups[1].Value, new FormUrlEncodedContent(fields));
                }
                else
                {
                    // Due by tonight and being handled: resolving needs what was done, so it opens the matter; the form there comes back home.
                    fields["action"] = "resolve";
                    fields["Input.Note"] = "已处理完毕";
                    done = await grid.PostAsync($"/matters/{open.Groups[1].Value}", new FormUrlEncodedContent(fields));
                }
                Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
                Assert.Equal("/", done.Headers.Location!.OriginalString);
            }
        }

        // Whatever the grid holds today is cleared from the home page alone …
        await ClearAsync();
        // … then two reports of the same light arrive: both are on the list, the second says which it may repeat.
        var raised = Modules.Matters.MatterCalls.Id(await Modules.Matters.MatterCalls.RaiseAsync(app, staff, "今日待办：河边三巷楼道灯不亮"));
        var again = Modules.Matters.MatterCalls.Id(await Modules.Matters.MatterCalls.RaiseAsync(app, staff, "今日待办：河边三巷楼道灯不亮了"));
        var list = TodaySection(await grid.GetStringAsync("/"));
        Assert.Contains($"action=\"/matters/{raised}\"", list);
        Assert.Matches($"<a href=\"/matters/{again}\">[^<]*</a>\\s*<span[^>]*>[^<]*可能与 M-[A-Z0-9]+ 重复", list);
        await ClearAsync();
        await using var db = app.Database();
        var states = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Matters.Where(m => m.Id == raised || m.Id == again).Select(m => m.State));
        Assert.All(states, s => Assert.NotEqual(Huying.Modules.Matters.MatterState.Submitted, s));
    }

    private static string TodaySection(string html) =>
        CardSection().Matches(html).Select(m => m.Value).Single(s => s.Contains("id=\"home-today\"", StringComparison.Ordinal));

    [GeneratedRegex("<form method=\"post\" action=\"(/matters/\\d+)\" class=\"m-0\">\\s*<input type=\"hidden\" name=\"action\" value=\"(\\w+)\"")]
    private static partial Regex TapForm();

    [Theory]
    [InlineData("xy", "学苑社区")]
    [InlineData("XY", "学苑社区")]
    [InlineData("府前", "府前社区")]
    [InlineData("140827400016", "府前社区")]
    public async Task AnAnonymousVisitorFindsACommunityByNamePinyinInitialsOrCode(string find, string community)
    {
        var html = await app.Anonymous().GetStringAsync($"/?find={Uri.EscapeDataString(find)}");
        var results = Regex.Match(html, "<ul[^>]*id=\"find-results\"[\\s\\S]*?</ul>").Value;
        Assert.Contains(community, results);
        Assert.Contains("/c/1408274000", results);
        Assert.Contains("action=\"/track\"", html);
        Assert.Contains("/account/login", html);
        var none = await app.Anonymous().GetStringAsync("/?find=zzzz");
        Assert.Contains("没有与“zzzz”匹配的社区", none);
        Assert.Contains("value=\"zzzz\"", none);
    }

    [Fact]
    public async Task AUnitsLateMilestonesAreCountedFromItsOwnRows()
    {
        var html = await (await app.As("unit.xmtj")).GetStringAsync("/");
        var section = CardSection().Matches(html).Select(m => m.Value).Single(s => s.Contains("本单位的项目节点", StringComparison.Ordinal));
        await using var db = app.Database();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var unit = (await DemoRecords.LoadAsync(app)).ProjectCentreId;
        var late = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Milestones.Where(m => m.PartnerUnitId == unit && m.DoneOn == null && m.DueOn <= today.AddDays(7)).OrderBy(m => m.DueOn).Take(8)))
            .Count(m => m.DueOn < today);
        Assert.Equal(late, Regex.Matches(section, "超期 \\d+ 天").Count);
    }

    [GeneratedRegex("<section class=\"hy-card[^\"]*\" id=\"home-[^\"]+\"[\\s\\S]*?</section>")]
    private static partial Regex CardSection();
}

[Collection(SqliteCollection.Name)]
public sealed class HomeTestsOnSqlite(SqliteApp app) : HomeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HomeTestsOnPostgres(PostgresApp app) : HomeTests(app);
