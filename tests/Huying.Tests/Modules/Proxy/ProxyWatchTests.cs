using System.Net;
using System.Net.Http.Json;
using Huying.Modules.Proxy;
using Huying.Platform.Data;
using Huying.Platform.Files;
using Huying.Platform.Notifications;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Huying.Tests.Modules.Proxy.ProxyTestData;

namespace Huying.Tests.Modules.Proxy;

/// <summary>Same-city cases and time: the deadline sweep (yellow and red cards) and the secretary's supervision, on the
/// clock database (a sweep days ahead touches every open case).</summary>
public abstract class ProxyWatchTests(AppFixture app)
{
    private ProxyDeadlines Sweeper(DateTime at) => new(app.Service<HuyingContextFactory>(), app.Service<IServiceScopeFactory>(), app.Service<FileStore>(),
        new FakeTimeProvider(new DateTimeOffset(at)), new ConfigurationBuilder().Build(), NullLogger<ProxyDeadlines>.Instance);

    private async Task<List<Notification>> NoticesAsync(long id)
    {
        await using var db = app.Database();
        return await db.Notifications.AsNoTracking().Where(n => n.SubjectType == nameof(ProxyApplication) && n.SubjectId == id && n.Channel == NotificationChannel.InApp)
            .OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task ACaseAtTheOfficeGetsOneYellowCardAWorkingDayBeforeItsLimitAndOneRedCardAfterWithTheSecretaryTold()
    {
        var id = await TakeCompleteAsync(app);
        var staff = await app.As("xueyuan.staff");
        await Answers.Json(await staff.PostAsync($"/api/proxy/applications/{id}/forward", null));
        await using var db = app.Database();
        var a = await db.Set<ProxyApplication>().AsNoTracking().SingleAsync(x => x.Id == id);
        var calendar = await app.Service<Huying.Platform.Calendar.WorkCalendars>().GetAsync();

        // Two working days before the limit: nothing yet. Within the last working day: one yellow card, to the office alone, however many sweep.
        await Sweeper(a.ReceivedAt.AddHours(1)).SweepAsync(default);
        Assert.Empty(await NoticesAsync(id));
        var lastDay = a.DueAt.AddHours(-2);
        Assert.True(calendar.Add(lastDay, 24 * 60, workingTime: true) >= a.DueAt);
        await Task.WhenAll(Sweeper(lastDay).SweepAsync(default), Sweeper(lastDay).SweepAsync(default));
        var yellow = Assert.Single(await NoticesAsync(id));
        Assert.Equal(("Case due soon (yellow card)", (long?)a.OfficeUnitId, Audience.Handler), (yellow.Kind, yellow.UnitId, yellow.Audience));

        // Past it: one red card to the office and one to the community's supervisors, once.
        await Task.WhenAll(Sweeper(a.DueAt.AddHours(1)).SweepAsync(default), Sweeper(a.DueAt.AddHours(1)).SweepAsync(default));
        await Sweeper(a.DueAt.AddDays(3)).SweepAsync(default);
        var red = (await NoticesAsync(id)).Skip(1).ToList();
        Assert.Equal(2, red.Count);
        Assert.All(red, n => Assert.Equal("Case overdue (red card)", n.Kind));
        Assert.Contains(red, n => n.UnitId == a.OfficeUnitId && n.Audience == Audience.Handler);
        Assert.Contains(red, n => n.UnitId == null && n.Audience == Audience.Supervisor && n.CommunityCode == Xueyuan);
    }

    [Fact]
    public async Task TheSecretarySupervisesALateCaseOnceADayTheOfficeIsToldAndTheResidentDoesNotSeeIt()
    {
        var id = await TakeCompleteAsync(app);
        var staff = await app.As("xueyuan.staff");
        var secretary = await app.As("xueyuan.secretary");
        await Answers.Json(await staff.PostAsync($"/api/proxy/applications/{id}/forward", null));

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/proxy/applications/{id}/supervise", new { note = "快办" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("fuqian.secretary")).PostAsJsonAsync($"/api/proxy/applications/{id}/supervise", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretary.PostAsJsonAsync($"/api/proxy/applications/{id}/supervise", new { note = new string('急', 201) })).StatusCode);
        Assert.Empty(await NoticesAsync(id));
        await Answers.Json(await secretary.PostAsJsonAsync($"/api/proxy/applications/{id}/supervise", new { note = "群众等着用钱，请本周内办结" }));
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.PostAsJsonAsync($"/api/proxy/applications/{id}/supervise", new { })).StatusCode);

        await using var db = app.Database();
        var a = await db.Set<ProxyApplication>().AsNoTracking().SingleAsync(x => x.Id == id);
        var notice = Assert.Single(await NoticesAsync(id));
        Assert.Equal(("Supervision notice", (long?)a.OfficeUnitId), (notice.Kind, notice.UnitId));
        Assert.Contains("群众等着用钱", notice.Subject);
        var office = await app.As("unit.rsj");
        Assert.Contains((await Answers.Json(await office.GetAsync("/api/notifications"))).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("link").GetString() == $"/proxy/{id}");
        var steps = (await Answers.Json(await staff.GetAsync($"/api/proxy/applications/{id}/steps"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(steps, s => s.GetProperty("note").GetString() == "督办：群众等着用钱，请本周内办结");
        var tracked = (await Answers.Json(await app.Anonymous().GetAsync($"/api/proxy/track/{a.TrackingCode}"))).GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(steps.Count - 1, tracked.Count);
        Assert.Contains("已督办", await secretary.GetStringAsync($"/proxy/{id}"));
    }

    [Fact]
    public async Task TheWatchCountsTheCommunitysLateCasesAtTheCounterAndAtTheOffices()
    {
        var secretary = await app.As("xueyuan.secretary");
        var watch = await Answers.Json(await secretary.GetAsync("/api/proxy/applications/watch"));
        await using var db = app.Database();
        var now = DateTime.UtcNow;
        var open = await db.Set<ProxyApplication>().AsNoTracking().Where(a => a.CommunityCode == Xueyuan && a.State < ProxyState.Granted).ToListAsync();
        static bool AtOffice(ProxyApplication a) => a.State is ProxyState.Forwarded or ProxyState.OfficeAccepted;
        Assert.Equal(open.Count(a => a.DueAt < now && !AtOffice(a)), watch.GetProperty("overdueHere").GetInt32());
        Assert.Equal(open.Count(a => a.DueAt < now && AtOffice(a)), watch.GetProperty("overdueAtOffice").GetInt32());
        Assert.True(watch.GetProperty("overdueAtOffice").GetInt32() >= 1);
        var html = await secretary.GetStringAsync("/proxy?show=overdue");
        Assert.Contains("id=\"watch\"", html);
        Assert.Contains("handler=Supervise", html);
        Assert.DoesNotContain("handler=Supervise", await (await app.As("xueyuan.staff")).GetStringAsync("/proxy?show=overdue"));
    }
}

[Collection(SqliteClockCollection.Name)]
public sealed class ProxyWatchTestsOnSqlite(SqliteClockApp app) : ProxyWatchTests(app);

[Collection(PostgresClockCollection.Name)]
public sealed class ProxyWatchTestsOnPostgres(PostgresClockApp app) : ProxyWatchTests(app);
