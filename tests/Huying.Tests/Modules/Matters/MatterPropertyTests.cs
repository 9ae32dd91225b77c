using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Huying.Modules.Matters;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Matters;

/// <summary>
/// Random sequences of actions by random roles through the real API: every answer is 200, 403 or 409 (never a
/// crash), every 200 adds exactly one step to the timeline, the state is always one the table allows, and the
/// KPI rollups always add up to the matters themselves.
/// </summary>
public abstract class MatterPropertyTests(AppFixture app)
{
    private static readonly string[] Users = ["fuqian.grid", "fuqian.gridleader", "fuqian.staff", "fuqian.secretary", "unit.xmtj", "resident", "town"];
    private static readonly string[] Actions = [.. MatterActions.ByName.Keys];
    private static readonly string[] Ratings = ["satisfied", "basicallySatisfied", "unsatisfied"];

    [Fact]
    public async Task RandomActionsByRandomRolesKeepTheMatterValidAndTheCountsWhole()
    {
        var demo = await DemoRecords.LoadAsync(app);
        long building;
        await using (var db = app.Database())
        {
            building = await db.Buildings.Where(b => b.CommunityCode == DemoRecords.Fuqian && b.Name == "河边三巷").Select(b => b.Id).SingleAsync();
        }
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in Users)
        {
            clients[user] = await app.As(user);
        }
        var staff = clients["fuqian.staff"];
        var into = (await (await staff.PostAsJsonAsync("/api/matters", new { categoryCode = "roads", description = "合并目标：河边三巷路面坑洼", communityCode = DemoRecords.Fuqian, buildingId = building }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var step = Gen.Select(Gen.Int[0, Users.Length - 1], Gen.Int[0, Actions.Length - 1], Gen.Int[0, Ratings.Length - 1], Gen.Int[-2, 10]);
        await step.Array[1, 14].SampleAsync(async steps =>
        {
            var created = await (await staff.PostAsJsonAsync("/api/matters", new
            {
                categoryCode = "drainage", description = "属性测试：河边三巷积水", communityCode = DemoRecords.Fuqian, buildingId = building,
            })).Content.ReadFromJsonAsync<JsonElement>();
            var id = created.GetProperty("id").GetInt64();
            var successes = 0;
            foreach (var (user, action, rating, days) in steps)
            {
                var body = new
                {
                    note = "属性测试", reason = "属性测试", unitId = demo.ProjectCentreId, rating = Ratings[rating],
                    dueAt = DateTime.UtcNow.AddDays(days), intoId = into, gridId = (long?)null,
                };
                var response = await clients[Users[user]].PostAsJsonAsync($"/api/matters/{id}/actions/{Actions[action]}", body);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.NotFound,
                    $"{Users[user]} {Actions[action]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    successes++;
                }
            }
            await using var db = app.Database();
            var matter = await db.Matters.Include(m => m.Events).SingleAsync(m => m.Id == id);
            Assert.True(Enum.IsDefined(matter.State));
            Assert.Equal(1 + successes, matter.Events.Count);
            Assert.Equal(matter.State, matter.Events.OrderBy(e => e.Id).Last().ToState);
            Assert.Equal(matter.State is not (MatterState.Rejected or MatterState.Merged), matter.Counted);
            // Someone owes a deadline exactly while the matter waits on staff, a grid or a unit.
            Assert.Equal(matter.IsOpen && matter.State != MatterState.Verified, matter.DueAt is not null);
            Assert.True(matter.State is not (MatterState.Resolved or MatterState.Verified or MatterState.Closed) || matter.WasResolved);
            Assert.True(matter.ReopenCount == 0 || matter.WasResolved);
            Assert.True(!matter.AcceptedOnTime || matter.WasAccepted);
            Assert.True(!matter.Satisfied || matter.Rated);
        }, iter: 40, threads: 1);

        await using var check = app.Database();
        var matters = await check.Matters.Where(m => m.Counted).ToListAsync();
        var rollups = await check.MatterRollups.Where(r => r.Period < 1_000_000).ToListAsync();
        var days = await check.MatterRollups.Where(r => r.Period >= 1_000_000).ToListAsync();
        Assert.Equal(matters.Count, days.Sum(r => r.Submitted));
        Assert.Equal(matters.Count(m => m.Rated && m.Satisfied), days.Sum(r => r.Satisfied));
        Assert.Equal(matters.Count, rollups.Sum(r => r.Submitted));
        Assert.Equal(matters.Count(m => m.WasAccepted), rollups.Sum(r => r.Accepted));
        Assert.Equal(matters.Count(m => m.AcceptedOnTime), rollups.Sum(r => r.AcceptedOnTime));
        Assert.Equal(matters.Count(m => m.WasResolved), rollups.Sum(r => r.Resolved));
        Assert.Equal(matters.Count(m => m.WasResolved && m.ResolvedOnTime), rollups.Sum(r => r.ResolvedOnTime));
        Assert.Equal(matters.Count(m => m.Rated), rollups.Sum(r => r.Rated));
        Assert.Equal(matters.Count(m => m.Rated && m.Satisfied), rollups.Sum(r => r.Satisfied));
        Assert.Equal(matters.Count(m => m.WasResolved && m.ReopenCount > 0), rollups.Sum(r => r.Reworked));
        Assert.Equal(matters.Count(m => m.WasAccepted && m.ExtensionCount > 0), rollups.Sum(r => r.Extended));
        Assert.Equal(matters.Where(m => m.WasResolved).Sum(m => m.HandlingMinutes), rollups.Sum(r => r.HandlingMinutes));
        Assert.All(rollups, r => Assert.True(r.AcceptedOnTime <= r.Accepted && r.Accepted <= r.Submitted && r.Resolved <= r.Submitted
            && r.ResolvedOnTime <= r.Resolved && r.Satisfied <= r.Rated && r.Reworked <= r.Resolved && r.Extended <= r.Accepted));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MatterPropertyTestsOnSqlite(SqliteApp app) : MatterPropertyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MatterPropertyTestsOnPostgres(PostgresApp app) : MatterPropertyTests(app);
