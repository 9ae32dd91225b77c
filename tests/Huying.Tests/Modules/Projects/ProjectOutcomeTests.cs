using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Projects;

/// <summary>A project's money, measured outcomes and upkeep (管护): recorded by its units and staff, refused to others.</summary>
public abstract class ProjectOutcomeTests(AppFixture app)
{
    private static JsonElement Outcome(JsonElement project, string kind) =>
        project.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == kind);

    [Fact]
    public async Task AUnitRecordsAnOutcomeThatAMeasureLaterReplacesAndBadValuesChangeNothing()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var xmtj = await app.As("unit.xmtj");
        var url = $"/api/projects/{demo.DitchProject}/outcomes";

        var first = await Json(await xmtj.PostAsJsonAsync(url, new { kind = "householdsHelped", value = 28, note = "河边一巷沿线住户" }));
        Assert.Equal(28m, Outcome(first, "householdsHelped").GetProperty("value").GetDecimal());
        var again = await Json(await xmtj.PostAsJsonAsync(url, new { kind = "householdsHelped", value = 31 }));
        Assert.Equal(31m, Outcome(again, "householdsHelped").GetProperty("value").GetDecimal());
        Assert.Single(again.GetProperty("outcomes").EnumerateArray(), o => o.GetProperty("kind").GetString() == "householdsHelped");

        var bad = await Json(await xmtj.PostAsJsonAsync(url, new { kind = "happiness", value = 1 }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("kind", out _));
        foreach (var value in new[] { -1m, 1.005m })
        {
            var refused = await Json(await xmtj.PostAsJsonAsync(url, new { kind = "householdsHelped", value }), HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("value", out _));
        }
        var percent = await Json(await xmtj.PostAsJsonAsync(url, new { kind = "storageIncrease", value = 5000 }), HttpStatusCode.BadRequest);
        Assert.True(percent.GetProperty("errors").TryGetProperty("value", out _));
        var future = await Json(await xmtj.PostAsJsonAsync(url, new { kind = "householdsHelped", value = 40, measuredOn = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd") }),
            HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("measuredOn", out _));
        await using var db = app.Database();
        Assert.Equal(31m, await db.Set<ProjectOutcome>().Where(o => o.ProjectId == demo.DitchProject && o.Kind == OutcomeKind.HouseholdsHelped).Select(o => o.Value).SingleAsync());
    }

    [Fact]
    public async Task StaffSetTheFundsTheUpkeepTeamAndItsRulesWhichReplaceTheRulesBefore()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var url = $"/api/projects/{demo.LightsProject}/upkeep";
        var set = await Json(await staff.PutAsJsonAsync(url, new { funds = 149000.50m, team = "河边三巷楼栋党小组", rules = new[] { "每月巡查路灯一次", "  ", "监控故障三日内报修" } }));
        Assert.Equal(149000.50m, set.GetProperty("funds").GetDecimal());
        Assert.Equal(["每月巡查路灯一次", "监控故障三日内报修"], set.GetProperty("upkeepRules").EnumerateArray().Select(r => r.GetString()!));
        var replaced = await Json(await staff.PutAsJsonAsync(url, new { funds = 149000.50m, team = "河边三巷楼栋党小组", rules = new[] { "停车位标线每年复划" } }));
        Assert.Equal(["停车位标线每年复划"], replaced.GetProperty("upkeepRules").EnumerateArray().Select(r => r.GetString()!));

        var noTeam = await Json(await staff.PutAsJsonAsync(url, new { funds = 1, rules = new[] { "一条细则" } }), HttpStatusCode.BadRequest);
        Assert.True(noTeam.GetProperty("errors").TryGetProperty("team", out _));
        var tooMany = await Json(await staff.PutAsJsonAsync(url, new { team = "专班", rules = Enumerable.Range(1, 51).Select(i => $"细则{i}") }), HttpStatusCode.BadRequest);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("rules", out _));
        var negative = await Json(await staff.PutAsJsonAsync(url, new { funds = -5, team = "专班" }), HttpStatusCode.BadRequest);
        Assert.True(negative.GetProperty("errors").TryGetProperty("funds", out _));
        var now = await Json(await staff.GetAsync($"/api/projects/{demo.LightsProject}"));
        Assert.Equal(["停车位标线每年复划"], now.GetProperty("upkeepRules").EnumerateArray().Select(r => r.GetString()!));
    }

    [Fact]
    public async Task AnotherUnitsLiaisonAndAnotherCommunitysSecretaryCannotFindTheProjectAndAResidentMayNotRecord()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var outcome = new { kind = "householdsHelped", value = 1 };
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("unit.xmtj")).PostAsJsonAsync($"/api/projects/{demo.LightsProject}/outcomes", outcome)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("xueyuan.secretary")).PutAsJsonAsync($"/api/projects/{demo.LightsProject}/upkeep", new { team = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("resident")).PostAsJsonAsync($"/api/projects/{demo.LightsProject}/outcomes", outcome)).StatusCode);
        await using var db = app.Database();
        Assert.False(await db.Set<ProjectOutcome>().AnyAsync(o => o.ProjectId == demo.LightsProject && o.Value == 1));
    }

    [Fact]
    public async Task TheProjectPageShowsTheOutcomesAndItsFormRecordsOne()
    {
        var demo = await DemoRecords.LoadAsync(app);
        var staff = await app.As("fuqian.staff");
        var url = $"/projects/{demo.DitchProject}";
        Assert.Contains(Texts.Zh("Funds and outcomes"), await staff.GetStringAsync(url));
        var answer = await staff.SubmitAsync(url, new() { ["Outcome.Kind"] = "FacilitiesBuilt", ["Outcome.Value"] = "40", ["Outcome.Note"] = "盖板" }, handler: "Outcome");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("data-kind=\"FacilitiesBuilt\"", await staff.GetStringAsync(url));
        var refused = await staff.SubmitAsync(url, new() { ["Outcome.Kind"] = "FacilitiesBuilt", ["Outcome.Value"] = "-3" }, handler: "Outcome");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("is-invalid", await refused.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectOutcomeTestsOnSqlite(SqliteApp app) : ProjectOutcomeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProjectOutcomeTestsOnPostgres(PostgresApp app) : ProjectOutcomeTests(app);
