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
    [InlineData("fuqian.grid", "待我处理的事项", "/matters?view=overdue")]
    [InlineData("fuqian.secretary", "待我处理的事项", "/matters?view=communityqueue")]
    [InlineData("county", "待我处理的事项", "/matters?view=new")]
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

    [GeneratedRegex("<section class=\"hy-card\" id=\"home-[^\"]+\"[\\s\\S]*?</section>")]
    private static partial Regex CardSection();
}

[Collection(SqliteCollection.Name)]
public sealed class HomeTestsOnSqlite(SqliteApp app) : HomeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HomeTestsOnPostgres(PostgresApp app) : HomeTests(app);
