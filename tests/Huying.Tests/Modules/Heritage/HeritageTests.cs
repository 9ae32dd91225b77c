using System.Net;
using System.Net.Http.Json;
using Huying.Modules.Heritage;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Infrastructure.Answers;

namespace Huying.Tests.Modules.Heritage;

public abstract class HeritageTests(AppFixture app)
{
    private const string City = "140881";

    private static object NewSite(string name, string community, double latitude = 34.87, double longitude = 110.45) => new
    {
        name, level = "newlyFound", type = "ancientSite", era = "汉", communityCode = community, latitude, longitude,
        surveyedOn = "2025-05-01", surveyMethod = "droneAndRtk", recordNumber = "140881-T" + name.Length, newlyRegistered = true,
    };

    private async Task<string> VillageAsync()
    {
        await using var db = app.Database();
        return await db.Set<HeritageSite>().Where(s => s.CommunityCode.StartsWith(City)).Select(s => s.CommunityCode).FirstAsync();
    }

    [Fact]
    public async Task TheCitysFiguresAnswerTheReportsNumbersAndAHandCountOfTheRows()
    {
        var centre = await app.As("yongji.heritage");
        var figures = await Json(await centre.GetAsync($"/api/heritage/figures?division={City}"));
        await using var db = app.Database();
        var sites = await db.Set<HeritageSite>().Where(s => s.CommunityCode.StartsWith(City)).ToListAsync();
        var year = new DateOnly(DateTime.UtcNow.AddHours(8).Year, 1, 1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var visits = await db.Set<HeritageVisit>().Where(v => v.CommunityCode.StartsWith(City) && v.State == VisitState.Visited && v.VisitOn >= year && v.VisitOn <= today)
            .ToListAsync();
        Assert.Equal(sites.Count(s => s.Level == ProtectionLevel.National), figures.GetProperty("nationalSites").GetInt32());
        Assert.Equal(sites.Count(s => s.Level is ProtectionLevel.Provincial or ProtectionLevel.Municipal), figures.GetProperty("provincialOrMunicipalSites").GetInt32());
        Assert.Equal(sites.Count(s => s.ZoneId != null), figures.GetProperty("sitesInZones").GetInt32());
        Assert.Equal(Math.Round((double)sites.Count(s => s.SurveyedOn != null) / sites.Count, 4), figures.GetProperty("surveyedRate").GetDouble(), 4);
        Assert.Equal(await db.Set<CensusRecord>().CountAsync(r => r.CommunityCode.StartsWith(City)), figures.GetProperty("censusRecords").GetInt32());
        Assert.Equal(sites.Count(s => s.NewlyRegistered), figures.GetProperty("newlyRegistered").GetInt32());
        Assert.Equal(visits.Count, figures.GetProperty("visitGroups").GetInt32());
        Assert.Equal(visits.Sum(v => v.Attended ?? v.Size), figures.GetProperty("visitors").GetInt32());
        // The report's numbers (DESIGN §8): 8 national, 18 provincial or municipal, all in zones and surveyed, 4,000+
        // census records, 60+ new sites, 200+ groups and 20,000+ visitors at the red base this year.
        Assert.Equal(8, figures.GetProperty("nationalSites").GetInt32());
        Assert.Equal(18, figures.GetProperty("provincialOrMunicipalSites").GetInt32());
        Assert.True(figures.GetProperty("censusRecords").GetInt32() >= 4_000);
        Assert.True(figures.GetProperty("newlyRegistered").GetInt32() >= 60);
        Assert.True(figures.GetProperty("visitGroups").GetInt32() >= 200);
        Assert.True(figures.GetProperty("visitors").GetInt32() >= 20_000);
        // Booked and cancelled visits are not received ones.
        Assert.True(await db.Set<HeritageVisit>().AnyAsync(v => v.CommunityCode.StartsWith(City) && v.State != VisitState.Visited));
    }

    [Fact]
    public async Task AKeeperOutlinesTheProtectedAreaInsideTheCityAndAddsPhotosThatOnlyThoseWhoReadTheSiteSee()
    {
        var centre = await app.As("yongji.heritage");
        await using var db = app.Database();
        var site = await db.Set<HeritageSite>().AsNoTracking().Where(s => s.CommunityCode.StartsWith(City)).OrderBy(s => s.Id).Skip(3).FirstAsync();
        var url = $"/api/heritage/sites/{site.Id}";
        string Ring(double lon, double lat) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[[{lon},{lat}],[{lon + 0.001},{lat}],[{lon + 0.001},{lat + 0.001}],[{lon},{lat}]]");
        // Not a polygon, an open ring, a position outside 永济: each refused beside the field, nothing kept.
        foreach (var bad in new[] { "{\"type\":\"Point\",\"coordinates\":[110.4,34.9]}", "not json", $"{{\"type\":\"Polygon\",\"coordinates\":[[[110.4,34.9],[110.41,34.9],[110.41,34.91]]]}}",
            $"{{\"type\":\"Polygon\",\"coordinates\":[{Ring(112.5, 37.8)}]}}" })
        {
            var refused = await centre.PutAsJsonAsync(url, new { boundary = bad });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"boundary\"", await refused.Content.ReadAsStringAsync());
        }
        Assert.Null((await db.Set<HeritageSite>().AsNoTracking().SingleAsync(s => s.Id == site.Id)).BoundaryGeoJson);
        // A Feature's geometry is kept, compact; the card says how many positions.
        var feature = $"{{\"type\":\"Feature\",\"properties\":{{}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[ {Ring(site.Longitude, site.Latitude)} ]}}}}";
        var kept = await Json(await centre.PutAsJsonAsync(url, new { boundary = feature }));
        Assert.StartsWith("{\"type\":\"Polygon\"", kept.GetProperty("boundaryGeoJson").GetString());
        Assert.Contains("已标绘（4 个拐点）", await centre.GetStringAsync($"/heritage/sites/{site.Id}"));
        // Left out, the outline stays.
        Assert.NotNull((await Json(await centre.PutAsJsonAsync(url, new { condition = "保存较好" }))).GetProperty("boundaryGeoJson").GetString());

        // Photos of the site: the keeper adds them; a reader of the site sees them, a reader elsewhere does not.
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestFiles.Png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(file, "photos", "stele.png");
        var photo = (await Json(await centre.PostAsync($"{url}/photos", form))).GetProperty("items")[0].GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await centre.GetAsync($"/files/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync($"/files/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await centre.PostAsync($"{url}/photos", new MultipartFormDataContent())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("yongji.member")).PostAsync($"{url}/photos", new MultipartFormDataContent())).StatusCode);
    }

    [Fact]
    public async Task ASiteWithoutAZoneShowsAsAGapUntilItsKeeperAssignsIt()
    {
        var centre = await app.As("yongji.heritage");
        var village = await VillageAsync();
        var site = await Json(await centre.PostAsJsonAsync("/api/heritage/sites", NewSite("测试新发现窑址", village)), HttpStatusCode.Created);
        var id = site.GetProperty("id").GetInt64();
        var gaps = (await Json(await centre.GetAsync($"/api/heritage/sites?division={City}&unassigned=true"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(gaps, g => g.GetProperty("id").GetInt64() == id);
        Assert.Contains($"data-gap=\"{id}\"", await centre.GetStringAsync($"/heritage/zones?division={City}"));
        var figures = await Json(await centre.GetAsync($"/api/heritage/figures?division={City}"));
        Assert.True(figures.GetProperty("sitesInZones").GetInt32() < figures.GetProperty("sites").GetInt32());

        // The keeper puts it into a zone on the zones page; the gap closes.
        var zone = (await Json(await centre.GetAsync($"/api/heritage/zones?division={City}"))).GetProperty("items")[0].GetProperty("id").GetInt64();
        var page = $"/heritage/zones?division={City}";
        var assigned = await centre.SubmitAsync(page, new() { ["siteId"] = id.ToString(), ["zoneId"] = zone.ToString() }, handler: "Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(zone, (await Json(await centre.GetAsync($"/api/heritage/sites/{id}"))).GetProperty("zoneId").GetInt64());
        Assert.DoesNotContain($"data-gap=\"{id}\"", await centre.GetStringAsync(page));

        // A party member reads the zones but cannot move a site (the same refusal as the API's).
        var member = await app.As("member");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/heritage/sites/{id}/zone", new { zoneId = (long?)null })).StatusCode);
    }

    [Fact]
    public async Task BadSitesAreRefusedBesideTheirFieldsAndALevelChangeNeedsItsBasis()
    {
        var centre = await app.As("yongji.heritage");
        var village = await VillageAsync();
        await using var db = app.Database();
        var before = await db.Set<HeritageSite>().CountAsync();
        // Latitude and longitude swapped: outside 永济, refused beside the field; no name; a level that does not exist.
        var bad = await centre.PostAsJsonAsync("/api/heritage/sites", new { name = "", level = "imperial", type = "ancientSite", communityCode = village, latitude = 110.45, longitude = 34.87 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "name", "level", "latitude" })
        {
            Assert.Contains($"\"{field}\"", problem);
        }
        Assert.Contains("永济市", problem);
        var longName = await centre.PostAsJsonAsync("/api/heritage/sites", NewSite(new string('碑', 5000), village));
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Equal(before, await db.Set<HeritageSite>().CountAsync());

        // A new level without its basis changes nothing; with it, the change is kept in the site's history.
        var id = (await Json(await centre.PostAsJsonAsync("/api/heritage/sites", NewSite("测试古井亭", village)), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var page = $"/heritage/sites/{id}";
        var refused = await centre.SubmitAsync(page, new() { ["level"] = "CountyLevel", ["basis"] = "" }, handler: "Level");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("变更级别须填写依据", await refused.Content.ReadAsStringAsync());
        Assert.Equal("newlyFound", (await Json(await centre.GetAsync($"/api/heritage/sites/{id}"))).GetProperty("level").GetString());
        var changed = await centre.PutAsJsonAsync($"/api/heritage/sites/{id}", new { level = "countyLevel", basis = "永政发〔2026〕7号" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var history = (await Json(await centre.GetAsync($"/api/heritage/sites/{id}/levels"))).GetProperty("items");
        Assert.Equal("永政发〔2026〕7号", history[0].GetProperty("basis").GetString());
        Assert.Equal("newlyFound", history[0].GetProperty("from").GetString());
        Assert.Contains("永政发〔2026〕7号", await centre.GetStringAsync(page));
    }

    [Fact]
    public async Task OtherPlacesAndOtherRolesDoNotSeeOrChangeTheCitysSites()
    {
        await using var db = app.Database();
        var site = await db.Set<HeritageSite>().Where(s => s.CommunityCode.StartsWith(City)).Select(s => s.Id).FirstAsync();
        foreach (var other in new[] { "county", "xueyuan.staff", "unit.fgj", "member" })
        {
            var client = await app.As(other);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/heritage/sites?division={City}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/heritage/sites/{site}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/heritage/sites/{site}")).StatusCode);
        }
        // A unit liaison keeps only its own unit's sites: in scope or not, another unit's is not there to change.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("unit.fgj")).PutAsJsonAsync($"/api/heritage/sites/{site}", new { name = "改名" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("resident")).GetAsync($"/api/heritage/sites/{site}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("admin")).GetAsync($"/heritage/sites/{site}")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HeritageTestsOnSqlite(SqliteApp app) : HeritageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HeritageTestsOnPostgres(PostgresApp app) : HeritageTests(app);
