using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Huying.Modules.Matters;
using Huying.Platform.Localization;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Matters;

/// <summary>
/// Random sequences of actions by random roles through the real API. Before each step the test reads the matter and
/// predicts the answer from its own tables — who may ever take an action (DESIGN §2), what each state allows and
/// where it leads (<see cref="MatterRuleTests"/>), who sees the matter — and then checks it: a 200 only for an allowed
/// role in an allowed state, landing where the table says; a 403 only for a role the table refuses (or the handler,
/// resident and verifier rules, when their condition holds); a 404 only for someone who cannot see the matter; a 409
/// with the state's reason, or with a reason the action may give in that state, and the matter's current state.
/// Nothing else (never a 400 or a 500). The timeline and the KPI rollups always add up.
/// </summary>
public abstract class MatterPropertyTests(AppFixture app)
{
    private static readonly string[] Users = ["fuqian.grid", "fuqian.gridleader", "fuqian.staff", "fuqian.secretary", "unit.xmtj", "resident", "town"];
    private static readonly string[] Actions = MatterRuleTests.Actions;
    private static readonly string[] Ratings = ["satisfied", "basicallySatisfied", "unsatisfied"];

    private static readonly string[] Frontline = ["fuqian.grid", "fuqian.gridleader", "fuqian.staff", "fuqian.secretary"];
    private static readonly string[] Community = ["fuqian.staff", "fuqian.secretary"];

    /// <summary>DESIGN §2 and §3.2, for the demo's users: who may ever take each action.</summary>
    private static readonly Dictionary<string, string[]> MayEver = new()
    {
        ["accept"] = [.. Frontline, "unit.xmtj"], ["start"] = Frontline, ["escalate"] = Frontline, ["verify"] = Frontline,
        ["reassign"] = ["fuqian.gridleader", .. Community], ["reopen"] = ["fuqian.gridleader", .. Community],
        ["dispatch"] = Community, ["reject"] = Community, ["merge"] = Community,
        ["report"] = ["unit.xmtj"], ["resolve"] = [.. Frontline, "unit.xmtj"], ["extend"] = [.. Frontline, "unit.xmtj"],
        ["rate"] = ["resident", .. Frontline], ["refuse-extension"] = ["fuqian.secretary"], ["supervise"] = [.. Community, "town"],
    };

    /// <summary>Who resolves a matter held at each level.</summary>
    private static string[] Resolvers(HandlerLevel level) => level switch
    {
        HandlerLevel.Grid => Frontline,
        HandlerLevel.Community => Community,
        _ => ["unit.xmtj"],
    };

    /// <summary>The state's own reason for refusing an action the table does not allow there.</summary>
    private static string StateReason(string action) => action switch
    {
        "extend" => "Only a matter being handled can be extended",
        "supervise" => "Only an open matter can be supervised",
        "refuse-extension" => "There is no extension request to decide",
        _ => "This action is not allowed in the matter's current state",
    };

    private sealed record Before(MatterState State, HandlerLevel Handler, long? GridId, long? UnitId, long? ResolvedBy, bool ExtensionWaiting, bool ExtensionAsked);

    /// <summary>The reasons an action the state allows may still be refused for, each with the condition it needs.</summary>
    private static bool MayRefuse(string action, string reason, Before b, long unit) => reason switch
    {
        "This matter is handled by the community, not a grid" => action is "start" or "escalate" && b.Handler != HandlerLevel.Grid,
        "An extension request is already waiting for the secretary" => action == "extend" && b.ExtensionWaiting,
        "The matter is already in that queue" => action == "reassign" && b.GridId is null,
        "The matter was dispatched to another unit" => action == "report" && b.UnitId != unit,
        "The new deadline must be later than the current one" => action == "extend",
        "The unit's deadline must be in the future" or "The unit's deadline is after the matter's resolve deadline; request an extension first" => action == "dispatch",
        _ => false,
    };

    /// <summary>
    /// Why the matter's state refuses the action, or null when the state allows it: the table of
    /// <see cref="MatterRuleTests"/> (a grid's matter), and a matter in the community queue, which the community
    /// dispatches once accepted where a grid's matter is escalated first.
    /// </summary>
    private static string? StateRefusal(Before b, string action) =>
        // A refusal of an extension waits on the request, not on the state.
        action == "refuse-extension" ? b.ExtensionAsked ? null : StateReason(action)
        : action == "dispatch" && b.State == MatterState.Accepted
            ? b.Handler == HandlerLevel.Grid ? "The grid escalates a matter before the community dispatches it" : null
            : MatterRuleTests.Allowed[b.State].Contains(action) ? null : StateReason(action);

    private static MatterState Rework(HandlerLevel h) => h switch
    {
        HandlerLevel.Grid => MatterState.InProgress,
        HandlerLevel.Community => MatterState.Escalated,
        _ => MatterState.UnitAccepted,
    };

    private static MatterState Leads(Before b, string action, string rating) => action switch
    {
        "reopen" => Rework(b.Handler),
        "rate" when rating == "unsatisfied" => Rework(b.Handler),
        _ => MatterRuleTests.Leads(b.State, action),
    };

    private static string Zh(string english) => Huying.Platform.Localization.ChineseTexts.All[english];

    private static string Camel(MatterState s) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString());

    [Fact]
    public async Task RandomActionsByRandomRolesAreAnsweredAsTheTablesPredictAndKeepTheCountsWhole()
    {
        var demo = await DemoRecords.LoadAsync(app);
        long building;
        Dictionary<string, long> userIds;
        await using (var db = app.Database())
        {
            building = await db.Buildings.Where(b => b.CommunityCode == DemoRecords.Fuqian && b.Name == "河边三巷").Select(b => b.Id).SingleAsync();
            userIds = await db.Users.Where(u => Users.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        }
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in Users)
        {
            clients[user] = await app.As(user);
        }
        var staff = clients["fuqian.staff"];
        var into = (await Json(await staff.PostAsJsonAsync("/api/matters", new { categoryCode = "roads", description = "合并目标：河边三巷路面坑洼", communityCode = DemoRecords.Fuqian, buildingId = building }),
            HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var seen = new HashSet<string>();

        var step = Gen.Select(Gen.Int[0, Users.Length - 1], Gen.Int[0, Actions.Length - 1], Gen.Int[0, Ratings.Length - 1], Gen.Int[-2, 10]);
        await step.Array[1, 14].SampleAsync(async steps =>
        {
            var id = (await Json(await staff.PostAsJsonAsync("/api/matters", new
            {
                categoryCode = "drainage", description = "属性测试：河边三巷积水", communityCode = DemoRecords.Fuqian, buildingId = building,
            }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
            var successes = 0;
            foreach (var (u, a, r, days) in steps)
            {
                var (user, action, rating) = (Users[u], Actions[a], Ratings[r]);
                Before b;
                await using (var db = app.Database())
                {
                    var m = await db.Matters.AsNoTracking().SingleAsync(x => x.Id == id);
                    b = new Before(m.State, m.Handler, m.GridId, m.UnitId, m.ResolvedByUserId, m.ExtensionRequestedUntil is not null && m.IsBeingHandled,
                        m.ExtensionRequestedUntil is not null);
                }
                var body = new
                {
                    note = "属性测试", reason = "属性测试", unitId = demo.ProjectCentreId, rating, dueAt = DateTime.UtcNow.AddDays(days), intoId = into,
                    gridId = (long?)null,
                };
                var response = await clients[user].PostAsJsonAsync($"/api/matters/{id}/actions/{action}", body);
                var text = await response.Content.ReadAsStringAsync();
                var what = $"{user} {action} in {b}: {(int)response.StatusCode} {text}";
                var title = response.StatusCode == HttpStatusCode.OK ? null : JsonDocument.Parse(text).RootElement.GetProperty("title").GetString();
                var mayEver = MayEver[action].Contains(user);
                var stateRefusal = StateRefusal(b, action);
                var allowedHere = stateRefusal is null;
                var sees = user switch
                {
                    "resident" => false,
                    "unit.xmtj" => b.UnitId == demo.ProjectCentreId,
                    "fuqian.grid" or "fuqian.gridleader" => b.GridId is not null,
                    _ => true,
                };
                seen.Add($"{(int)response.StatusCode}");
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        Assert.True(mayEver && sees && allowedHere, what);
                        await using (var db = app.Database())
                        {
                            Assert.Equal(Leads(b, action, rating), (await db.Matters.AsNoTracking().SingleAsync(x => x.Id == id)).State);
                        }
                        successes++;
                        break;
                    case HttpStatusCode.Forbidden:
                        Assert.True(!mayEver
                            ? title == Zh("Your role cannot take this action")
                            : (action == "resolve" && title == Zh("Only the matter's current handler can resolve it") && !Resolvers(b.Handler).Contains(user))
                              || (action == "accept" && title == Zh("Only the matter's current handler can accept it") && b.State == MatterState.Submitted
                                  && (b.Handler == HandlerLevel.Unit) != (user == "unit.xmtj"))
                              || (action == "verify" && title == Zh("Someone other than the one who resolved it verifies it on site") && b.ResolvedBy == userIds[user]),
                            what);
                        break;
                    case HttpStatusCode.NotFound:
                        Assert.True(mayEver && !sees, what);
                        break;
                    case HttpStatusCode.Conflict:
                        Assert.True(mayEver && sees, what);
                        Assert.True(allowedHere ? MayRefuse(action, ChineseTexts.All.First(t => t.Value == title).Key, b, demo.ProjectCentreId) : title == Zh(stateRefusal!), what);
                        Assert.Equal(Camel(b.State), JsonDocument.Parse(text).RootElement.GetProperty("state").GetString());
                        break;
                    default:
                        Assert.Fail(what);
                        break;
                }
            }
            await using var check = app.Database();
            var matter = await check.Matters.Include(m => m.Events).SingleAsync(m => m.Id == id);
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
        // The run met every kind of answer, so no branch above went untried.
        Assert.Equal(["200", "403", "404", "409"], seen.Order());

        await using var counts = app.Database();
        var matters = await counts.Matters.Where(m => m.Counted).ToListAsync();
        var rollups = await counts.MatterRollups.Where(r => r.Period < 1_000_000).ToListAsync();
        var days = await counts.MatterRollups.Where(r => r.Period >= 1_000_000).ToListAsync();
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
        Assert.NotEmpty(rollups);
        Assert.All(rollups, r => Assert.True(r.AcceptedOnTime <= r.Accepted && r.Accepted <= r.Submitted && r.Resolved <= r.Submitted
            && r.ResolvedOnTime <= r.Resolved && r.Satisfied <= r.Rated && r.Reworked <= r.Resolved && r.Extended <= r.Accepted));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MatterPropertyTestsOnSqlite(SqliteApp app) : MatterPropertyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MatterPropertyTestsOnPostgres(PostgresApp app) : MatterPropertyTests(app);
