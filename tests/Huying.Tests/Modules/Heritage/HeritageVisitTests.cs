using System.Net;
using System.Net.Http.Json;
using Huying.Modules.Heritage;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Infrastructure.Answers;

namespace Huying.Tests.Modules.Heritage;

public abstract class HeritageVisitTests(AppFixture app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Fact]
    public async Task AGroupBooksOnThePublicPageWithinTheBasesCapacityAndFollowsItsBookingByCode()
    {
        var anonymous = app.Anonymous();
        await using var db = app.Database();
        var red = await db.Set<HeritageSite>().AsNoTracking().SingleAsync(s => s.EducationBase && s.Name == "中共虞临永支部旧址");
        var before = await db.Set<HeritageVisit>().CountAsync();
        // Bad input: every field refused beside it, nothing booked.
        var refused = await anonymous.PostAsJsonAsync("/api/heritage/visits", new { siteId = red.Id, visitOn = Today, groupName = "", size = 0, contactName = "", contactPhone = "12345" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        foreach (var field in new[] { "visitOn", "groupName", "size", "contactName", "contactPhone" })
        {
            Assert.Contains($"\"{field}\"", problem);
        }
        Assert.Contains("请预约明天及以后的日期", problem);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/heritage/visits",
            new { siteId = red.Id, visitOn = Today.AddDays(91), groupName = "研学团", size = 40, contactName = "王老师", contactPhone = "13912345678" })).StatusCode);
        // A site that is no education base is not bookable.
        var plain = await db.Set<HeritageSite>().Where(s => !s.EducationBase).Select(s => s.Id).FirstAsync();
        Assert.Contains("\"siteId\"", await (await anonymous.PostAsJsonAsync("/api/heritage/visits",
            new { siteId = plain, visitOn = Today.AddDays(20), groupName = "研学团", size = 40, contactName = "王老师", contactPhone = "13912345678" })).Content.ReadAsStringAsync());
        Assert.Equal(before, await db.Set<HeritageVisit>().CountAsync());

        // A day's capacity: what is booked plus the new group may not pass it.
        var day = Today.AddDays(40);
        var booked = await Json(await anonymous.PostAsJsonAsync("/api/heritage/visits",
            new { siteId = red.Id, visitOn = day, groupName = "永济中学高二研学团", size = 480, contactName = "王老师", contactPhone = "13912345678" }), HttpStatusCode.Created);
        var code = booked.GetProperty("code").GetString()!;
        var full = await anonymous.PostAsJsonAsync("/api/heritage/visits",
            new { siteId = red.Id, visitOn = day, groupName = "机关党支部", size = 150, contactName = "赵书记", contactPhone = "13812345678" });
        Assert.Equal(HttpStatusCode.BadRequest, full.StatusCode);
        Assert.Contains("当天基地还能接待 120 人", await full.Content.ReadAsStringAsync());

        // The group's page by code: the mobile masked, never whole; called off there.
        var status = await anonymous.GetStringAsync($"/heritage/visit/{code}");
        Assert.Contains("139****5678", status);
        Assert.DoesNotContain("13912345678", status);
        var html = await anonymous.GetStringAsync($"/heritage/visit/{code}");
        var off = await anonymous.PostAsync($"/heritage/visit/{code}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Pages.AntiforgeryToken(html),
        }));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal(VisitState.Cancelled, (await db.Set<HeritageVisit>().AsNoTracking().SingleAsync(v => v.Code == code)).State);
        // Called off, the day has room again.
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/heritage/visits",
            new { siteId = red.Id, visitOn = day, groupName = "机关党支部", size = 150, contactName = "赵书记", contactPhone = "13812345678" })).StatusCode);
    }

    [Fact]
    public async Task GroupsBookingTheLastPlacesAtOnceAreLetInOnlyUpToTheBasesCapacity()
    {
        await using var db = app.Database();
        var red = await db.Set<HeritageSite>().AsNoTracking().SingleAsync(s => s.EducationBase);
        var day = Today.AddDays(60);
        var booked = await db.Set<HeritageVisit>().Where(v => v.SiteId == red.Id && v.VisitOn == day && v.State != VisitState.Cancelled).SumAsync(v => (int?)v.Size) ?? 0;
        var room = red.DailyCapacity!.Value - booked;
        // Twelve groups of 100 at once for a day with room for six.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => app.Anonymous().PostAsJsonAsync("/api/heritage/visits",
            new { siteId = red.Id, visitOn = day, groupName = $"并发研学团{i}", size = 100, contactName = "王老师", contactPhone = "13912345678" })));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, a.StatusCode.ToString()));
        Assert.Equal(room / 100, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var total = await db.Set<HeritageVisit>().Where(v => v.SiteId == red.Id && v.VisitOn == day && v.State != VisitState.Cancelled).SumAsync(v => v.Size);
        Assert.True(total <= red.DailyCapacity.Value);
    }

    [Fact]
    public async Task TheBaseReceivesAGroupOnItsDayAndTheEventsAttendanceCountsInTheFigures()
    {
        var centre = await app.As("yongji.heritage");
        await using var db = app.Database();
        var red = await db.Set<HeritageSite>().AsNoTracking().SingleAsync(s => s.EducationBase);
        var today = new HeritageVisit { SiteId = red.Id, CommunityCode = red.CommunityCode, GroupName = "城西社区党员", Size = 60, VisitOn = Today, State = VisitState.Booked, BookedAt = DateTime.UtcNow };
        var ahead = new HeritageVisit { SiteId = red.Id, CommunityCode = red.CommunityCode, GroupName = "开张镇党委", Size = 30, VisitOn = Today.AddDays(5), State = VisitState.Booked, BookedAt = DateTime.UtcNow };
        db.AddRange(today, ahead);
        await db.SaveChangesAsync();

        // Not before its day; on its day with who came and the guide; a figure of the year's groups and visitors.
        Assert.Equal(HttpStatusCode.Conflict, (await centre.PostAsJsonAsync($"/api/heritage/visits/{ahead.Id}/received", new { attended = 30 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await centre.PostAsJsonAsync($"/api/heritage/visits/{today.Id}/received", new { attended = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await centre.PostAsJsonAsync($"/api/heritage/visits/{today.Id}/received", new { attended = 58, guide = "张讲解" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await centre.PostAsJsonAsync($"/api/heritage/visits/{today.Id}/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).PostAsJsonAsync($"/api/heritage/visits/{ahead.Id}/cancel", new { })).StatusCode);

        // An event: planned, its attendance refused before the day, recorded after.
        Assert.Contains("\"kind\"", await (await centre.PostAsJsonAsync("/api/heritage/events", new { title = "文物保护进校园", kind = "3", on = Today, place = "城西小学", communityCode = red.CommunityCode })).Content.ReadAsStringAsync());
        var planned = await Json(await centre.PostAsJsonAsync("/api/heritage/events",
            new { title = "消防安全宣讲", kind = "villageTalk", on = Today.AddDays(3), place = "村委会", communityCode = red.CommunityCode }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await centre.PostAsJsonAsync($"/api/heritage/events/{planned.GetProperty("id").GetInt64()}/attendance", new { attendance = 40 })).StatusCode);
        var held = await Json(await centre.PostAsJsonAsync("/api/heritage/events",
            new { title = "文物保护法进村", kind = "villageTalk", on = Today, place = "村文化广场", communityCode = red.CommunityCode }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await centre.PostAsJsonAsync($"/api/heritage/events/{held.GetProperty("id").GetInt64()}/attendance", new { attendance = 75 })).StatusCode);

        var yearStart = new DateOnly(Today.Year, 1, 1);
        var visits = db.Set<HeritageVisit>().Where(v => v.CommunityCode.StartsWith("140881") && v.State == VisitState.Visited && v.VisitOn >= yearStart && v.VisitOn <= Today);
        var events = db.Set<HeritageEvent>().Where(e => e.CommunityCode.StartsWith("140881") && e.Attendance != null && e.On >= yearStart && e.On <= Today);
        var figures = await Json(await centre.GetAsync("/api/heritage/figures?division=140881"));
        Assert.Equal(await visits.CountAsync(), figures.GetProperty("visitGroups").GetInt32());
        Assert.Equal(await visits.SumAsync(v => v.Attended ?? v.Size), figures.GetProperty("visitors").GetInt32());
        Assert.Equal(await events.CountAsync(), figures.GetProperty("events").GetInt32());
        Assert.Equal(await events.SumAsync(e => e.Attendance ?? 0), figures.GetProperty("eventAttendance").GetInt32());
        Assert.True(figures.GetProperty("visitGroups").GetInt32() >= 200 && figures.GetProperty("visitors").GetInt32() >= 20_000);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HeritageVisitTestsOnSqlite(SqliteApp app) : HeritageVisitTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HeritageVisitTestsOnPostgres(PostgresApp app) : HeritageVisitTests(app);
