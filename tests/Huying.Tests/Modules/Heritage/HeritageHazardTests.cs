using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using Huying.Modules.Heritage;
using Huying.Modules.Matters;
using Huying.Platform.Notifications;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Infrastructure.Answers;

namespace Huying.Tests.Modules.Heritage;

public abstract class HeritageHazardTests(AppFixture app)
{
    private static void AddPhoto(MultipartFormDataContent form, string field)
    {
        var file = new ByteArrayContent(TestFiles.Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, field, "site.png");
    }

    /// <summary>Posts a form of the hazard page (its antiforgery token read from the page first), multipart with an optional photo.</summary>
    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string url, string? handler, Dictionary<string, string> fields, string? photoField)
    {
        var html = await client.GetStringAsync(url);
        var form = new MultipartFormDataContent { { new StringContent(Pages.AntiforgeryToken(html)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        if (photoField is not null)
        {
            AddPhoto(form, photoField);
        }
        return await client.PostAsync(handler is null ? url : $"{url}?handler={handler}", form);
    }

    [Fact]
    public async Task AHazardRaisedPubliclyReachesTheZonesMembersAndTheCentreWithItsDeadlineAndClosesOnlyWithPhotos()
    {
        await using var db = app.Database();
        var member = await db.Users.Where(u => u.UserName == "yongji.member").Select(u => u.Id).SingleAsync();
        var zone = await db.Set<ZoneMember>().Where(m => m.UserId == member).Select(m => m.ZoneId).SingleAsync();
        var site = await db.Set<HeritageSite>().Where(s => s.ZoneId == zone).OrderByDescending(s => s.Id).FirstAsync();
        var centre = await db.PartnerUnits.Where(u => u.Name == "永济市文物保护中心").Select(u => u.Id).SingleAsync();

        // A villager without an account finds the report on the village's public page (a 垣曲 community has none) and
        // reports a collapse with a photo.
        var anonymous = app.Anonymous();
        Assert.Contains("/heritage/report?city=140881", await anonymous.GetStringAsync($"/c/{site.CommunityCode}"));
        Assert.DoesNotContain("/heritage/report", await anonymous.GetStringAsync($"/c/{DemoRecords.Fuqian}"));
        var raised = await PostPageAsync(anonymous, $"/heritage/report?site={site.Id}", null, new()
        {
            ["Input.SiteId"] = site.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.CategoryCode"] = "heritage.collapse",
            ["Input.Description"] = "后殿西北角墙体局部坍塌，砖块散落",
        }, "Input.Photos");
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var code = raised.Headers.Location!.OriginalString.Split('/')[2].Split('?')[0];
        var matter = await db.Set<Matter>().AsNoTracking().SingleAsync(m => m.TrackingCode == code);
        var hazard = await db.Set<HeritageHazard>().AsNoTracking().SingleAsync(h => h.MatterId == matter.Id);
        Assert.Equal((site.Id, (long?)zone, site.CommunityCode), (hazard.SiteId, hazard.ZoneId, hazard.CommunityCode));
        // Routed to the centre that keeps the site, with the urgent category's two hours to respond.
        Assert.Equal((HandlerLevel.Unit, (long?)centre, MatterState.Submitted), (matter.Handler, matter.UnitId, matter.State));
        Assert.Equal(TimeSpan.FromHours(2), matter.RespondDueAt - matter.SubmittedAt);
        var notices = await db.Set<Notification>().AsNoTracking().Where(n => n.SubjectId == matter.Id && n.Kind == "Heritage hazard raised").ToListAsync();
        Assert.Contains(notices, n => n.ForUserId == member && n.Link == $"/heritage/hazards/{matter.Id}");
        Assert.Contains(notices, n => n.ForUserId == null && n.UnitId == centre);
        Assert.Single(await db.Set<Huying.Platform.Files.Attachment>().AsNoTracking()
            .Where(a => a.OwnerType == HeritageHazards.RaisedPhotoOwner && a.OwnerId == matter.Id).ToListAsync());

        // It rings its site on the centre's map.
        var map = await Json(await (await app.As("yongji.heritage")).GetAsync("/api/heritage/map?division=140881"));
        Assert.Contains(map.GetProperty("openHazards").EnumerateArray(), h => h.GetProperty("id").GetInt64() == matter.Id && h.GetProperty("siteId").GetInt64() == site.Id);

        // The member sees it in the inbox and on the hazard page; a party member elsewhere and a resident do not.
        var zoneMember = await app.As("yongji.member");
        Assert.Contains($"{site.Name} 坍塌险情", await zoneMember.GetStringAsync("/notifications"));
        var detail = await Json(await zoneMember.GetAsync($"/api/heritage/hazards/{matter.Id}"));
        Assert.True(detail.GetProperty("hazard").GetProperty("urgent").GetBoolean());
        Assert.Contains($"data-hazard=\"{matter.Id}\"", await zoneMember.GetStringAsync($"/heritage/sites/{site.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("member")).GetAsync($"/api/heritage/hazards/{matter.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("resident")).GetAsync($"/api/heritage/hazards/{matter.Id}")).StatusCode);

        // The member reports from the site with a photo; the member cannot take the matter's own steps.
        var page = $"/heritage/hazards/{matter.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(zoneMember, page, "Report", new() { ["note"] = "已到场，设置警戒线" }, "photos")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostPageAsync(zoneMember, page, "Respond", new() { ["note"] = "我来" }, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zoneMember.PostAsJsonAsync($"/api/matters/{matter.Id}/actions/accept", new { })).StatusCode);

        // The centre responds, then tries to close without a photo (refused, nothing changes), then closes with one.
        var liaison = await app.As("yongji.heritage");
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(liaison, page, "Respond", new() { ["note"] = "文保员已出发" }, null)).StatusCode);
        var refused = await PostPageAsync(liaison, page, "Close", new() { ["note"] = "已加固" }, null);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请附上处置后的现场照片", await refused.Content.ReadAsStringAsync());
        Assert.Equal(MatterState.UnitAccepted, (await db.Set<Matter>().AsNoTracking().SingleAsync(m => m.Id == matter.Id)).State);
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(liaison, page, "Close", new() { ["note"] = "已搭设临时支护并清理坍塌物" }, "photos")).StatusCode);
        var closed = await db.Set<Matter>().AsNoTracking().SingleAsync(m => m.Id == matter.Id);
        Assert.Equal(MatterState.Resolved, closed.State);
        Assert.True(closed.AcceptedOnTime);
        var reports = await db.Set<HazardReport>().AsNoTracking().Where(r => r.MatterId == matter.Id).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([false, true], reports.Select(r => r.Closes));
        var after = await Json(await zoneMember.GetAsync($"/api/heritage/hazards/{matter.Id}"));
        Assert.False(after.GetProperty("hazard").GetProperty("open").GetBoolean());
        Assert.Equal(2, after.GetProperty("reports").GetArrayLength());
        // Closed: no more reports from the site.
        Assert.Contains("险情已销号", await (await PostPageAsync(zoneMember, page, "Report", new() { ["note"] = "再看一眼" }, null)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HazardCategoriesAreRaisedAtASiteOnlyAndBadInputChangesNothing()
    {
        var liaison = await app.As("yongji.heritage");
        await using var db = app.Database();
        var site = await db.Set<HeritageSite>().Where(s => s.CommunityCode.StartsWith("140881")).OrderBy(s => s.Id).FirstAsync();
        var other = await db.Set<HeritageSite>().Where(s => s.CommunityCode.StartsWith("140881") && s.Id != site.Id).OrderBy(s => s.Id).FirstAsync();
        var patrol = await db.Set<HeritagePatrol>().Where(p => p.SiteId == other.Id).Select(p => p.Id).FirstAsync();
        var before = await db.Set<Matter>().CountAsync();

        async Task<string> RefusedAsync(Dictionary<string, string> fields)
        {
            using var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                form.Add(new StringContent(value), name);
            }
            var response = await liaison.PostAsync("/api/heritage/hazards", form);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        var id = site.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("\"siteId\"", await RefusedAsync(new() { ["categoryCode"] = "heritage.crack", ["description"] = "墙体开裂明显" }));
        // A category of the general catalogue is not a hazard.
        Assert.Contains("\"categoryCode\"", await RefusedAsync(new() { ["siteId"] = id, ["categoryCode"] = "roads", ["description"] = "墙体开裂明显" }));
        Assert.Contains("\"description\"", await RefusedAsync(new() { ["siteId"] = id, ["categoryCode"] = "heritage.crack", ["description"] = "裂" }));
        Assert.Contains("\"patrolId\"", await RefusedAsync(new()
        {
            ["siteId"] = id, ["categoryCode"] = "heritage.crack", ["description"] = "墙体开裂明显", ["patrolId"] = patrol.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        // A patrol that is not a number is refused, not dropped: the hazard would otherwise lose the patrol it was found on.
        Assert.Contains("\"patrolId\"", await RefusedAsync(new() { ["siteId"] = id, ["categoryCode"] = "heritage.crack", ["description"] = "墙体开裂明显", ["patrolId"] = "第三次" }));
        Assert.Contains("\"reporterPhone\"", await RefusedAsync(new() { ["siteId"] = id, ["categoryCode"] = "heritage.crack", ["description"] = "墙体开裂明显", ["reporterPhone"] = "12345" }));
        Assert.Equal(before, await db.Set<Matter>().CountAsync());

        // The general forms do not offer the heritage categories, and refuse them when named.
        var staff = await app.As("fuqian.staff");
        Assert.DoesNotContain("heritage.collapse", await staff.GetStringAsync("/matters/new"));
        Assert.DoesNotContain("文物险情", await app.Anonymous().GetStringAsync($"/c/{DemoRecords.Fuqian}/matters/new"));
        var general = await staff.PostAsJsonAsync("/api/matters", new { categoryCode = "heritage.collapse", description = "文物墙体坍塌了", communityCode = DemoRecords.Fuqian });
        Assert.Equal(HttpStatusCode.BadRequest, general.StatusCode);
        Assert.DoesNotContain("heritage", await app.Anonymous().GetStringAsync("/open311/v2/services.json"));
        Assert.Equal(before, await db.Set<Matter>().CountAsync());
    }

    [Fact]
    public async Task TheHazardFiguresMatchAHandCountOfTheMatters()
    {
        var centre = await app.As("yongji.heritage");
        await using var db = app.Database();
        var year = new DateTime(DateTime.UtcNow.AddHours(8).Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-8);
        var ids = await db.Set<HeritageHazard>().Where(h => h.CommunityCode.StartsWith("140881") && h.RaisedAt >= year).Select(h => h.MatterId).ToListAsync();
        var matters = await db.Set<Matter>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
        var figures = await Json(await centre.GetAsync("/api/heritage/figures?division=140881"));
        Assert.True(ids.Count >= 2);
        Assert.Equal(ids.Count, figures.GetProperty("hazardsRaised").GetInt32());
        Assert.Equal(matters.Count(m => m.ResolvedAt is not null), figures.GetProperty("hazardsClosed").GetInt32());
        Assert.Equal(matters.Count(m => m.ResolvedAt is null && m.IsOpen), figures.GetProperty("hazardsOpen").GetInt32());
        var responded = matters.Where(m => m.AcceptedAt is not null).ToList();
        Assert.Equal(Math.Round(responded.Average(m => (m.AcceptedAt!.Value - m.SubmittedAt).TotalHours), 1), figures.GetProperty("averageResponseHours").GetDouble(), 1);
        // The list in the centre's scope holds the same hazards; a town officer of 垣曲 is refused 永济's division.
        var list = (await Json(await centre.GetAsync("/api/heritage/hazards?division=140881&all=true"))).GetProperty("items");
        Assert.Equal(ids.Order(), list.EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("town")).GetAsync("/api/heritage/hazards?division=140881")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HeritageHazardTestsOnSqlite(SqliteApp app) : HeritageHazardTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HeritageHazardTestsOnPostgres(PostgresApp app) : HeritageHazardTests(app);
