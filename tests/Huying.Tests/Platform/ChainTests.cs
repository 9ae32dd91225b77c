using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Projects;
using Huying.Platform.Composition;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Platform;

public sealed class ChainRefTests
{
    [Theory]
    [InlineData("matter:12", "matter", 12L)]
    [InlineData("joint-meeting:3", "joint-meeting", 3L)]
    public void AChainReferenceIsReadFromKindColonId(string text, string kind, long id) => Assert.Equal(new ChainRef(kind, id), ChainRef.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("matter")]
    [InlineData(":12")]
    [InlineData("matter:")]
    [InlineData("matter:-1")]
    [InlineData("matter:0")]
    [InlineData("matter:1e3")]
    [InlineData("matter:99999999999999999999999")]
    public void AnythingElseIsNoChainReference(string? text) => Assert.Null(ChainRef.Parse(text));
}

/// <summary>履历: the chain of 河边三巷 from the first flooding report to the banner, through the API and the pages, both ways.</summary>
public abstract class ChainTests(AppFixture app)
{
    private async Task<(long Matter, long Need, long Commendation)> HebianAsync()
    {
        await using var db = app.Database();
        var need = await db.Needs.SingleAsync(n => n.Title == "河边三巷土路硬化");
        var banner = await db.Commendations.Where(c => c.Words == "心系民事无巨细，服务小区爱铸春秋").Select(c => c.Id).SingleAsync();
        return (need.MatterIds.Min(), need.Id, banner);
    }

    private static List<(string Kind, long Id, JsonElement Record)> Records(JsonElement chain) =>
        [.. chain.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("kind").GetString()!, r.GetProperty("id").GetInt64(), r))];

    [Fact]
    public async Task TheChainOfTheAlleyRunsFromTheFirstFloodingReportToTheBannerAndBack()
    {
        var (matter, need, banner) = await HebianAsync();
        var staff = await app.As("fuqian.staff");
        var chain = Records(await Json(await staff.GetAsync($"/api/chain/matter/{matter}")));
        // In time order: the resident's call first, the banner after the project and its acceptance, every stage between.
        Assert.Equal(("matter", matter), (chain[0].Kind, chain[0].Id));
        var bannerAt = chain.FindIndex(r => r.Kind == "commendation" && r.Id == banner);
        Assert.True(bannerAt > chain.FindLastIndex(r => r.Kind is "project" or "notice" or "joint-meeting" or "council-meeting"));
        foreach (var kind in new[] { "topic", "council-meeting", "need", "joint-meeting", "project", "notice" })
        {
            Assert.Contains(chain, r => r.Kind == kind);
        }
        Assert.Contains(chain, r => r.Kind == "need" && r.Id == need);
        var times = chain.Select(r => r.Record.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.Order(), times);
        // The acceptance notice carries what its objections came to; the project its units and milestones.
        Assert.Contains(chain, r => r.Kind == "notice" && r.Record.GetProperty("state").GetString() == "异议 1 条，已答复 1 条");
        Assert.Contains(chain, r => r.Kind == "project" && r.Record.GetProperty("state").GetString()!.Contains("垣曲县项目推进中心") && r.Record.GetProperty("state").GetString()!.Contains("节点 3/3"));
        // The joint meeting that took up four needs is shown, not walked through: the lights project it also decided is
        // the chain of other calls, and nothing of the April meeting's 35 projects comes in.
        Assert.Equal(["河边三巷巷道硬化与污水分流"], chain.Where(r => r.Kind == "project").Select(r => r.Record.GetProperty("title").GetString()));

        // And back: from the banner to the first call.
        var back = Records(await Json(await staff.GetAsync($"/api/chain/commendation/{banner}")));
        Assert.Contains(back, r => r.Kind == "matter" && r.Id == matter);

        // The pages: the whole chain, and each record's neighbours both ways.
        var page = await staff.GetStringAsync($"/chain/matter/{matter}");
        Assert.Contains("心系民事无巨细，服务小区爱铸春秋", page);
        Assert.Contains($"href=\"/matters/{matter}\"", page);
        var matterPage = await staff.GetStringAsync($"/matters/{matter}");
        Assert.Contains($"href=\"/projects/needs/{need}\"", matterPage);
        // A topic was raised from this call already: it is not offered again.
        Assert.DoesNotContain("id=\"chain-action-raise-topic\"", matterPage);
        Assert.Contains($"href=\"/chain/matter/{matter}\"", matterPage);
        var needPage = await staff.GetStringAsync($"/projects/needs/{need}");
        Assert.Contains($"href=\"/matters/{matter}\"", needPage);
        var project = chain.First(r => r.Kind == "project").Id;
        Assert.Contains($"#commendation-{banner}", await staff.GetStringAsync($"/projects/{project}"));
    }

    [Fact]
    public async Task AChainShowsOnlyWhatTheReaderMaySee()
    {
        var (matter, _, banner) = await HebianAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.secretary")).GetAsync($"/api/chain/matter/{matter}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.secretary")).GetAsync($"/chain/commendation/{banner}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("resident")).GetAsync($"/api/chain/matter/{matter}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("fuqian.staff")).GetAsync("/api/chain/nonsense/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("fuqian.staff")).GetAsync($"/api/chain/matter/{long.MaxValue}")).StatusCode);
        // The county sees the same chain.
        Assert.Contains(Records(await Json(await (await app.As("county")).GetAsync($"/api/chain/matter/{matter}"))), r => r.Kind == "commendation" && r.Id == banner);
    }

    [Fact]
    public async Task ATopicRaisedFromAMatterJoinsItsChainAndADecidedTopicBecomesANeed()
    {
        var staff = await app.As("fuqian.staff");
        await using var db = app.Database();
        var matter = await db.Matters.Where(m => m.CommunityCode == DemoRecords.Fuqian && m.Description == "河边三巷车辆乱停，救护车进不来")
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        // The page offers it from the matter, and the topic form starts from the matter's words.
        Assert.Contains($"/deliberation?from=matter:{matter}", await staff.GetStringAsync($"/matters/{matter}"));
        var form = await staff.GetStringAsync($"/deliberation?from=matter:{matter}");
        Assert.Contains("id=\"raised-from\"", form);
        Assert.Contains("河边三巷车辆乱停，救护车进不来", form);

        var raised = await staff.SubmitAsync($"/deliberation?community={DemoRecords.Fuqian}", new()
        {
            ["community"] = DemoRecords.Fuqian, ["NewTopic.Title"] = "河边三巷停车怎么管", ["NewTopic.Description"] = "救护车进不来，居民议一议停车办法",
            ["NewTopic.From"] = $"matter:{matter}",
        }, handler: "Topic");
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var topicId = long.Parse(raised.Headers.Location!.ToString().Split('/')[^1]);
        var topic = await Json(await staff.GetAsync($"/api/deliberation/topics/{topicId}"));
        Assert.Equal(matter, topic.GetProperty("matterId").GetInt64());
        Assert.Equal("matter", topic.GetProperty("source").GetString());
        Assert.Contains(Records(await Json(await staff.GetAsync($"/api/chain/matter/{matter}"))), r => r.Kind == "topic" && r.Id == topicId);

        // Once is enough; another community's matter is not there for this raiser.
        var again = await Json(await staff.PostAsJsonAsync("/api/deliberation/topics", new { communityCode = DemoRecords.Fuqian, title = "再议", description = "再议", from = $"matter:{matter}" }),
            HttpStatusCode.BadRequest);
        Assert.True(again.GetProperty("errors").TryGetProperty("from", out _));
        var xueyuan = await db.Matters.Where(m => m.CommunityCode == DemoRecords.Xueyuan).Select(m => m.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/deliberation/topics",
            new { communityCode = DemoRecords.Fuqian, title = "越界", description = "越界", from = $"matter:{xueyuan}" })).StatusCode);
        Assert.Equal(0, await db.Topics.CountAsync(t => t.MatterId == xueyuan));

        // A topic without a decision is no need yet; the alley's decided topic is.
        var need = new { communityCode = DemoRecords.Fuqian, categoryCode = "parking", title = "河边三巷停车管理", place = "河边三巷", source = "deliberation", topicId };
        var undecided = await Json(await staff.PostAsJsonAsync("/api/projects/needs", need), HttpStatusCode.BadRequest);
        Assert.True(undecided.GetProperty("errors").TryGetProperty("topicId", out _));
        var decided = await db.Topics.Where(t => t.Title == "河边三巷积水和土路问题怎么解决").Select(t => t.Id).SingleAsync();
        Assert.Contains($"/projects/needs?community={DemoRecords.Fuqian}&amp;topic={decided}", await staff.GetStringAsync($"/deliberation/topics/{decided}"));
        Assert.Contains("id=\"from-topic\"", await staff.GetStringAsync($"/projects/needs?community={DemoRecords.Fuqian}&topic={decided}"));
        var created = await Json(await staff.PostAsJsonAsync("/api/projects/needs", need with { topicId = decided }), HttpStatusCode.Created);
        Assert.Equal(decided, created.GetProperty("topicId").GetInt64());
        Assert.Equal(nameof(NeedSource.Deliberation), created.GetProperty("source").GetString(), ignoreCase: true);
        Assert.Contains(Records(await Json(await staff.GetAsync($"/api/chain/topic/{decided}"))), r => r.Kind == "need" && r.Id == created.GetProperty("id").GetInt64());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChainTestsOnSqlite(SqliteApp app) : ChainTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChainTestsOnPostgres(PostgresApp app) : ChainTests(app);
