using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Organisation;

public abstract class OrganisationTests(AppFixture app)
{
    [Fact]
    public async Task TheCountySummaryMatchesTheReportsFourLevelFigures()
    {
        var client = await app.As("county");
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/org/summary?division=140827");
        var counts = summary.GetProperty("counts");
        Assert.Equal(15, counts.GetProperty("communities").GetInt32());
        Assert.Equal(15, counts.GetProperty("bigCommittees").GetInt32());
        Assert.Equal(130, counts.GetProperty("partnerUnitOrganisations").GetInt32());
        Assert.Equal(237, counts.GetProperty("buildingPartyGroups").GetInt32());
        Assert.Equal(404, counts.GetProperty("centralHouseholds").GetInt32());
        Assert.Equal(131, counts.GetProperty("countyUnits").GetInt32());
        // What lies beneath is counted here from the rows themselves (the summary reads tallies kept on write).
        await using var db = app.Database();
        var county = await db.Communities.Where(c => c.Code.StartsWith("140827")).Select(c => c.Code).ToListAsync();
        Assert.Equal(await db.CoordinationGroups.CountAsync(g => county.Contains(g.CommunityCode)), counts.GetProperty("coordinationGroups").GetInt32());
        Assert.Equal(await db.Grids.CountAsync(g => county.Contains(g.CommunityCode)), counts.GetProperty("grids").GetInt32());
        Assert.Equal(await db.Buildings.CountAsync(b => county.Contains(b.CommunityCode)), counts.GetProperty("buildings").GetInt32());
        Assert.Equal(await db.Households.CountAsync(h => county.Contains(h.CommunityCode)), counts.GetProperty("households").GetInt32());
        Assert.Equal(await db.People.CountAsync(p => county.Contains(p.CommunityCode)), counts.GetProperty("people").GetInt32());
        Assert.Equal(await db.People.CountAsync(p => county.Contains(p.CommunityCode) && p.IsPartyMember), counts.GetProperty("partyMembers").GetInt32());
        // The demo's size (DESIGN §8), so that the equalities above are not about an empty county.
        Assert.InRange(counts.GetProperty("households").GetInt32(), 3000, 4500);
        Assert.InRange(counts.GetProperty("people").GetInt32(), 8000, 10000);
    }

    [Fact]
    public async Task GridTalliesKeptOnWriteAgreeWithACountOfTheRows()
    {
        await using var db = app.Database();
        var counted = await db.People.GroupBy(p => p.GridId)
            .Select(g => new { Grid = g.Key, People = g.Count(), Members = g.Count(p => p.IsPartyMember) }).ToListAsync();
        var households = await db.Households.GroupBy(h => h.GridId).Select(g => new { Grid = g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Grid, g => g.N);
        var tallies = await db.GridTallies.AsNoTracking().ToDictionaryAsync(t => t.GridId);
        Assert.All(counted, c =>
        {
            Assert.Equal(c.People, tallies[c.Grid].People);
            Assert.Equal(c.Members, tallies[c.Grid].PartyMembers);
            Assert.Equal(households[c.Grid], tallies[c.Grid].Households);
        });
        var before = tallies.Values.Where(t => t.Households + t.People > 0)
            .Select(t => (t.GridId, t.Households, t.People, t.PartyMembers)).OrderBy(t => t.GridId).ToList();
        await new GridTallies().RecountAsync(db, CancellationToken.None);
        var after = await db.GridTallies.AsNoTracking().Where(t => t.Households + t.People > 0).OrderBy(t => t.GridId)
            .Select(t => new { t.GridId, t.Households, t.People, t.PartyMembers }).ToListAsync();
        Assert.Equal(before, after.Select(t => (t.GridId, t.Households, t.People, t.PartyMembers)).ToList());
        Assert.Equal(await db.Grids.CountAsync(), await db.Buildings.Select(b => b.GridId).Distinct().CountAsync());
    }

    [Fact]
    public async Task JinhaiGardenResidentsComeFromFiftyOneVillagesOfTenTowns()
    {
        await using var db = app.Database();
        var codes = await db.People
            .Where(p => p.Household!.Building!.Name.StartsWith("晋海花园(一期)"))
            .Select(p => p.RegistrationCode!).Distinct().ToListAsync();
        Assert.Equal(51, codes.Count);
        Assert.Equal(10, codes.Select(c => c[..9]).Distinct().Count());
        Assert.All(codes, c => Assert.StartsWith("140827", c));
        Assert.Equal(codes.Count, await db.Divisions.CountAsync(d => codes.Contains(d.Code) && d.Level == Huying.Modules.Organisation.DivisionLevel.Village));
    }

    [Fact]
    public async Task TheCommunityPageShowsBothTreesDownToCentralHouseholdsAndBuildings()
    {
        var client = await app.As("fuqian.secretary");
        var html = await client.GetStringAsync($"/org/communities/{DemoRecords.Fuqian}");
        Assert.Contains("府前社区“大党委”", html);
        Assert.Contains("垣曲县项目推进中心党支部", html);
        Assert.Contains("河边三巷党小组", html);
        Assert.Contains("党员中心户", html);
        Assert.Contains("河边网格", html);
        Assert.Contains("1985 年建成", await client.GetStringAsync($"/org/buildings/{await BuildingId("河边三巷")}"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/org/communities/{DemoRecords.Xueyuan}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/org/buildings/{await BuildingId("晋海花园(一期)1号楼")}")).StatusCode);
    }

    private async Task<long> BuildingId(string name)
    {
        await using var db = app.Database();
        return await db.Buildings.Where(b => b.Name == name).Select(b => b.Id).SingleAsync();
    }

    [Fact]
    public async Task FuqianHasFifteenPartnerUnitsAllWithOrganisations()
    {
        var client = await app.As("fuqian.secretary");
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/org/summary?division={DemoRecords.Fuqian}");
        Assert.Equal(15, summary.GetProperty("counts").GetProperty("partnerUnitOrganisations").GetInt32());
        var units = await client.GetFromJsonAsync<JsonElement>($"/api/org/partner-units?community={DemoRecords.Fuqian}");
        Assert.Equal(15, units.GetProperty("items").GetArrayLength());
        Assert.Contains(units.GetProperty("items").EnumerateArray(), u => u.GetProperty("name").GetString() == "垣曲县项目推进中心");
    }

    [Fact]
    public async Task ACommunitysStaffSeeOnlyTheirCommunityInACountySummary()
    {
        var client = await app.As("fuqian.staff");
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/org/summary?division=140827");
        Assert.Equal(1, summary.GetProperty("counts").GetProperty("communities").GetInt32());
        var other = await client.GetAsync($"/api/org/summary?division={DemoRecords.Xueyuan}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task ThePartnerUnitLiaisonSeesOnlyItsOwnUnit()
    {
        var client = await app.As("unit.xmtj");
        var units = await client.GetFromJsonAsync<JsonElement>("/api/org/partner-units");
        var items = units.GetProperty("items").EnumerateArray().ToList();
        Assert.Single(items);
        Assert.Equal("垣曲县项目推进中心", items[0].GetProperty("name").GetString());
        var fuqian = await client.GetFromJsonAsync<JsonElement>($"/api/org/partner-units?community={DemoRecords.Fuqian}");
        Assert.Single(fuqian.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/org/summary?division=140827")).StatusCode);
    }

    [Fact]
    public async Task ABadDivisionCodeIsAProblemWithAFieldError()
    {
        var client = await app.As("county");
        var response = await client.GetAsync("/api/org/summary?division=14x");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("区划代码应为 2、4、6、9 或 12 位数字", problem.GetProperty("errors").GetProperty("division")[0].GetString());
    }

    [Fact]
    public async Task HealthAndTheOpenApiDocumentAnswer()
    {
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        // Anonymous probes within a second share one run of the checks (a probe right after another is answered from
        // it; tried a few times, since a slow moment between the two may let the second expire).
        var shared = false;
        for (var i = 0; i < 5 && !shared; i++)
        {
            await client.GetAsync("/healthz");
            shared = (await client.GetAsync("/healthz")).Headers.Age is not null;
        }
        Assert.True(shared, "every probe ran the checks again");
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/auth/token", "/api/org/summary", "/api/org/partner-units", "/api/people", "/api/people/{id}", "/api/people/{id}/reveal", "/api/audit" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
        // Built once, then served as kept (it is the same for every anonymous caller): the same bytes, with their age.
        var first = await (await client.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        var again = await client.GetAsync("/openapi/v1.json");
        Assert.True(again.Headers.Age is not null, "the document was built again");
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        // Sent without indentation (half its indented size), every character as itself (its summaries hold Chinese
        // text and apostrophes, which the default encoder would write as \u escapes).
        Assert.DoesNotContain('\n', first);
        Assert.DoesNotContain("\\u", first);
        Assert.Equal(again.Content.Headers.ContentLength, System.Text.Encoding.UTF8.GetByteCount(first));
    }

    [Fact]
    public async Task ResponsesCarrySecurityHeaders()
    {
        var response = await app.Anonymous().GetAsync("/account/login");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OrganisationTestsOnSqlite(SqliteApp app) : OrganisationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OrganisationTestsOnPostgres(PostgresApp app) : OrganisationTests(app);
