using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Huying.Modules.Heritage;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Infrastructure.Answers;

namespace Huying.Tests.Modules.Heritage;

public abstract class HeritagePatrolTests(AppFixture app)
{
    private static MultipartFormDataContent CheckIn(double? latitude, double? longitude, bool photo = true, bool allWell = true, string? findings = null)
    {
        var form = new MultipartFormDataContent();
        if (latitude is { } lat && longitude is { } lon)
        {
            form.Add(new StringContent(lat.ToString(CultureInfo.InvariantCulture)), "latitude");
            form.Add(new StringContent(lon.ToString(CultureInfo.InvariantCulture)), "longitude");
        }
        form.Add(new StringContent(allWell ? "true" : "false"), "allWell");
        if (findings is not null)
        {
            form.Add(new StringContent(findings), "findings");
        }
        if (photo)
        {
            var file = new ByteArrayContent(TestFiles.Png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "photos", "site.png");
        }
        return form;
    }

    [Fact]
    public async Task AZoneMemberChecksInAtTheSiteWithAPhotoAndACheckInFarAwayIsFlagged()
    {
        var member = await app.As("yongji.member");
        await using var db = app.Database();
        var me = await db.Users.Where(u => u.UserName == "yongji.member").Select(u => u.Id).SingleAsync();
        var zone = await db.Set<ZoneMember>().Where(m => m.UserId == me).Select(m => m.ZoneId).SingleAsync();
        var site = await db.Set<HeritageSite>().Where(s => s.ZoneId == zone).OrderBy(s => s.Id).FirstAsync();
        var before = await db.Set<HeritagePatrol>().CountAsync(p => p.SiteId == site.Id);
        var url = $"/api/heritage/sites/{site.Id}/patrols";

        // No photo, no position, neither findings nor all-well: refused beside each field, nothing kept.
        var refused = await member.PostAsync(url, CheckIn(null, null, photo: false, allWell: false));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        foreach (var field in new[] { "photos", "latitude", "findings" })
        {
            Assert.Contains($"\"{field}\"", problem);
        }
        Assert.Equal(before, await db.Set<HeritagePatrol>().CountAsync(p => p.SiteId == site.Id));

        // At the site (some ten metres off): kept, not flagged.
        var near = await Json(await member.PostAsync(url, CheckIn(site.Latitude + 0.0001, site.Longitude)), HttpStatusCode.Created);
        Assert.False(near.GetProperty("far").GetBoolean());
        Assert.InRange(near.GetProperty("distanceMetres").GetInt32(), 5, 20);
        // Two kilometres away: kept, and flagged with its distance.
        var far = await Json(await member.PostAsync(url, CheckIn(site.Latitude + 0.02, site.Longitude, allWell: false, findings: "东侧围墙倒塌")), HttpStatusCode.Created);
        Assert.True(far.GetProperty("far").GetBoolean());
        Assert.InRange(far.GetProperty("distanceMetres").GetInt32(), 2_000, 2_400);

        var patrols = (await Json(await member.GetAsync(url))).GetProperty("items");
        Assert.Equal("东侧围墙倒塌", patrols[0].GetProperty("findings").GetString());
        var photo = patrols[0].GetProperty("photoFileIds")[0].GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/files/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync($"/files/{photo}")).StatusCode);
        Assert.Contains("距文物点", await member.GetStringAsync($"/heritage/sites/{site.Id}"));

        // The member's patrol list holds the own zone's sites only; the one just patrolled is not due.
        var due = (await Json(await member.GetAsync("/api/heritage/patrols/due?division=140881&mine=true"))).GetProperty("items").EnumerateArray().ToList();
        var zoneSites = await db.Set<HeritageSite>().Where(s => s.ZoneId == zone).Select(s => s.Id).ToListAsync();
        Assert.Equal(zoneSites.Order(), due.Select(d => d.GetProperty("siteId").GetInt64()).Order());
        Assert.False(due.Single(d => d.GetProperty("siteId").GetInt64() == site.Id).GetProperty("overdue").GetBoolean());

        // Roles that do not patrol: a resident is refused; a party member elsewhere does not find the site.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("resident")).PostAsync(url, CheckIn(site.Latitude, site.Longitude))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("member")).PostAsync(url, CheckIn(site.Latitude, site.Longitude))).StatusCode);
    }

    [Fact]
    public async Task TheDueListPutsSitesPastTheirZonesIntervalFirstAndTheFiguresCountThePatrols()
    {
        var centre = await app.As("yongji.heritage");
        await using var db = app.Database();
        var due = (await Json(await centre.GetAsync("/api/heritage/patrols/due?division=140881"))).GetProperty("items").EnumerateArray().ToList();
        var now = DateTime.UtcNow;
        var sites = await db.Set<HeritageSite>().Where(s => s.CommunityCode.StartsWith("140881") && s.ZoneId != null).Select(s => s.Id).ToListAsync();
        Assert.Equal(sites.Count, due.Count);
        // Overdue ones first, and each overdue one was last patrolled longer ago than its zone's interval (or never).
        var flags = due.Select(d => d.GetProperty("overdue").GetBoolean()).ToList();
        Assert.Equal(flags.OrderByDescending(f => f), flags);
        foreach (var d in due.Where(d => d.GetProperty("overdue").GetBoolean()))
        {
            var id = d.GetProperty("siteId").GetInt64();
            var every = await db.Set<HeritageSite>().Where(s => s.Id == id).Select(s => s.Zone!.PatrolEveryDays).SingleAsync();
            var last = await db.Set<HeritagePatrol>().Where(p => p.SiteId == id).MaxAsync(p => (DateTime?)p.At);
            Assert.True(last is null || last.Value.AddDays(every) < now);
        }
        var year = new DateTime(now.AddHours(8).Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-8);
        var figures = await Json(await centre.GetAsync("/api/heritage/figures?division=140881"));
        var patrols = db.Set<HeritagePatrol>().Where(p => p.CommunityCode.StartsWith("140881") && p.At >= year);
        Assert.Equal(await patrols.CountAsync(), figures.GetProperty("patrols").GetInt32());
        Assert.Equal(await patrols.CountAsync(p => p.Far), figures.GetProperty("farPatrols").GetInt32());
        Assert.True(figures.GetProperty("farPatrols").GetInt32() > 0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HeritagePatrolTestsOnSqlite(SqliteApp app) : HeritagePatrolTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HeritagePatrolTestsOnPostgres(PostgresApp app) : HeritagePatrolTests(app);
