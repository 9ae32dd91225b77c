using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Matters;
using Huying.Platform.Data;
using Huying.Platform.Notifications;
using Huying.Platform.Privacy;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Huying.Tests.Modules.Matters.MatterCalls;

namespace Huying.Tests.Modules.Matters;

/// <summary>Matters and time: the deadline sweep, the rating window and the outbox, each run by the test on a clock it
/// holds, on a database of their own (a sweep an hour or a day ahead touches every matter).</summary>
public abstract class MatterClockTests(AppFixture app)
{
    private Task<System.Text.Json.JsonElement> RaiseAsync(HttpClient client, string text, string category = "drainage", string building = "河边三巷",
        string? phone = null) => MatterCalls.RaiseAsync(app, client, text, category, building, phone);

    private DeadlineSweeper Sweeper(DateTime at, int batch = 1000, int writers = 1) => MatterCalls.Sweeper(app, at, batch, writers);

    [Fact]
    public async Task TwoSweepersWriteOneSupervisionNoticeForAnOverdueMatter()
    {
        var staff = await app.As("fuqian.staff");
        var m = await RaiseAsync(staff, "河边三巷井盖缺失，非常危险", "facilities.manhole");
        var id = Id(m);
        var respondDue = m.GetProperty("respondDueAt").GetDateTime().ToUniversalTime();
        await Task.WhenAll(Sweeper(respondDue.AddMinutes(-10)).SweepAsync(default), Sweeper(respondDue.AddMinutes(-10)).SweepAsync(default));
        await Task.WhenAll(Sweeper(respondDue.AddHours(1)).SweepAsync(default), Sweeper(respondDue.AddHours(1)).SweepAsync(default));
        await Sweeper(respondDue.AddHours(2)).SweepAsync(default);
        await using (var db = app.Database())
        {
            var notices = await db.Supervisions.Where(s => s.MatterId == id).ToListAsync();
            Assert.Single(notices, s => s.Kind == SupervisionKind.Warning);
            Assert.Single(notices, s => s.Kind == SupervisionKind.Overdue);
            Assert.Equal(2, notices.Count);
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.SubjectType == "Matter" && n.SubjectId == id && n.Kind == "Overdue: supervision notice (red card)"));
            // Each notice written has its one line in the audit trail (the sweeper writes them past EF's tracking).
            var written = notices.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Supervision) && a.Action == "create" && written.Contains(a.EntityId!)));
        }
        await Sweeper(respondDue.AddHours(30)).SweepAsync(default);
        await using (var db = app.Database())
        {
            var escalation = await db.Supervisions.SingleAsync(s => s.MatterId == id && s.Kind == SupervisionKind.Escalation);
            Assert.Equal("Community", escalation.AddressedTo);
        }
        await using var check = app.Database();
        var matter = await check.Matters.SingleAsync(x => x.Id == id);
        Assert.Equal(Card.Yellow, MattersApi.CardOf(matter, respondDue.AddMinutes(-10)));
        Assert.Equal(Card.Red, MattersApi.CardOf(matter, respondDue.AddHours(1)));
    }

    [Fact]
    public async Task AMatterAcceptedInTimeIsOwedTheNoticesOfItsNewDeadlineAndNoneOfTheOld()
    {
        var staff = await app.As("fuqian.staff");
        var grid = await app.As("fuqian.grid");
        var m = await RaiseAsync(staff, "河边三巷楼道灯坏了，晚上很黑", "lighting");
        var id = Id(m);
        var respondDue = m.GetProperty("respondDueAt").GetDateTime().ToUniversalTime();
        await Json(await Act(grid, id, "accept"));
        DateTime resolveDue;
        await using (var db = app.Database())
        {
            resolveDue = (await db.Matters.SingleAsync(x => x.Id == id)).DueAt!.Value;
        }
        Assert.True(resolveDue > respondDue.AddHours(2));

        // Past the deadline to respond, which the acceptance met: nothing is owed.
        await Sweeper(respondDue.AddHours(2)).SweepAsync(default);
        await using (var db = app.Database())
        {
            Assert.False(await db.Supervisions.AnyAsync(s => s.MatterId == id));
        }
        // Past the deadline to resolve: its 督办, once, for that deadline.
        await Sweeper(resolveDue.AddMinutes(1)).SweepAsync(default);
        await Sweeper(resolveDue.AddMinutes(2)).SweepAsync(default);
        await using var check = app.Database();
        var notice = await check.Supervisions.SingleAsync(s => s.MatterId == id);
        Assert.Equal(SupervisionKind.Overdue, notice.Kind);
        Assert.Equal(resolveDue, notice.DueAt);
    }

    [Fact]
    public async Task AScheduleLeftOnAMatterThatOwesNothingIsClearedByTheSweepWithoutANotice()
    {
        long closed;
        await using (var db = app.Database())
        {
            closed = await db.Matters.Where(m => m.DueAt == null).Select(m => m.Id).FirstAsync();
            // As a bulk load or a hand edit could leave them: a closed matter and a matter that is not there, both "owed".
            await db.NextNotices.Where(n => n.MatterId == closed).ExecuteUpdateAsync(u => u.SetProperty(n => n.At, DateTime.UtcNow.AddDays(-3)));
            db.NextNotices.Add(new NextNotice { MatterId = 987_654_321, At = DateTime.UtcNow.AddDays(-3) });
            await db.SaveChangesAsync();
        }
        var before = await CountAsync();
        await Sweeper(DateTime.UtcNow.AddMinutes(-1)).SweepAsync(default);
        await using var check = app.Database();
        Assert.Null((await check.NextNotices.SingleAsync(n => n.MatterId == closed)).At);
        Assert.Null((await check.NextNotices.SingleAsync(n => n.MatterId == 987_654_321)).At);
        Assert.Equal(before, await CountAsync());

        async Task<int> CountAsync()
        {
            await using var db = app.Database();
            return await db.Supervisions.CountAsync(s => s.MatterId == closed || s.MatterId == 987_654_321);
        }
    }

    [Fact]
    public async Task TheAdministratorAddsACategoryAndChangesItsDeadlinesAndNewMattersFollowThem()
    {
        var admin = await app.As("admin");
        var staff = await app.As("fuqian.staff");
        var refused = await admin.SubmitAsync("/matters/categories", new()
        {
            ["newCode"] = "facilities.x1", ["parentCode"] = "facilities", ["name"] = "", ["nameEn"] = "", ["respondHours"] = "2", ["resolveHours"] = "24", ["verifyHours"] = "24",
        }, handler: "Add");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写中文和英文名称", await refused.Content.ReadAsStringAsync());
        var added = await admin.SubmitAsync("/matters/categories", new()
        {
            ["newCode"] = "facilities.bench", ["parentCode"] = "facilities", ["name"] = "座椅损坏", ["nameEn"] = "Broken bench",
            ["respondHours"] = "3", ["resolveHours"] = "48", ["verifyHours"] = "24",
        }, handler: "Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var first = await RaiseAsync(staff, "河边三巷休息座椅断裂", "facilities.bench");
        Assert.Equal(TimeSpan.FromHours(3), first.GetProperty("respondDueAt").GetDateTime() - first.GetProperty("submittedAt").GetDateTime());

        var changed = await admin.SubmitAsync("/matters/categories", new()
        {
            ["code"] = "facilities.bench", ["respondHours"] = "1.5", ["resolveHours"] = "72", ["verifyHours"] = "24", ["active"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var second = await RaiseAsync(staff, "河边三巷另一处座椅断裂", "facilities.bench");
        Assert.Equal(TimeSpan.FromMinutes(90), second.GetProperty("respondDueAt").GetDateTime() - second.GetProperty("submittedAt").GetDateTime());
        var categories = await Json(await app.Anonymous().GetAsync("/api/matters/categories"));
        var bench = categories.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "facilities.bench");
        Assert.Equal(1.5, bench.GetProperty("respondHours").GetDouble());

        // Turned off, it takes no new matters.
        await admin.SubmitAsync("/matters/categories", new()
        {
            ["code"] = "facilities.bench", ["respondHours"] = "1.5", ["resolveHours"] = "72", ["verifyHours"] = "24", ["active"] = "false",
        });
        var off = await staff.PostAsJsonAsync("/api/matters", new
        {
            categoryCode = "facilities.bench", description = "又一处座椅断裂了", communityCode = DemoRecords.Fuqian,
        });
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
    }

    [Fact]
    public async Task AHolidayTheAdministratorAddsMovesAWorkingTimeDeadlinePastItAndRemovingItMovesItBack()
    {
        var admin = await app.As("admin");
        var staff = await app.As("fuqian.staff");
        await admin.SubmitAsync("/matters/categories", new()
        {
            ["newCode"] = "facilities.gate", ["parentCode"] = "facilities", ["name"] = "门禁故障", ["nameEn"] = "Broken gate",
            ["respondHours"] = "16", ["resolveHours"] = "40", ["verifyHours"] = "8", ["workingTime"] = "true",
        }, handler: "Add");
        DateTime Local(JsonElement m) => m.GetProperty("respondDueAt").GetDateTime().ToUniversalTime().AddHours(8);
        var before = Local(await RaiseAsync(staff, "河边三巷单元门禁失灵", "facilities.gate"));
        var day = DateOnly.FromDateTime(before);
        var refused = await admin.SubmitAsync("/admin/calendar", new() { ["Input.Date"] = "", ["Input.Name"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写日期和名称", await refused.Content.ReadAsStringAsync());
        var added = await admin.SubmitAsync("/admin/calendar", new()
        {
            ["Input.Date"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Input.Name"] = "测试假日", ["Input.IsWorkday"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("测试假日", await admin.GetStringAsync("/admin/calendar"));
        var during = Local(await RaiseAsync(staff, "河边三巷另一单元门禁失灵", "facilities.gate"));
        Assert.True(DateOnly.FromDateTime(during) > day, $"due {during:u} should pass the holiday {day}");

        var removed = await admin.SubmitAsync("/admin/calendar", new()
        {
            ["date"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, handler: "Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var after = Local(await RaiseAsync(staff, "河边三巷第三个单元门禁失灵", "facilities.gate"));
        Assert.Equal(day, DateOnly.FromDateTime(after));
    }

    [Fact]
    public async Task AVerifiedMatterNobodyRatesClosesUnratedWhenItsRatingWindowPasses()
    {
        var grid = await app.As("fuqian.grid");
        var leader = await app.As("fuqian.gridleader");
        var id = Id(await RaiseAsync(grid, "河边一巷路灯闪烁，时亮时灭", "lighting", "河边一巷"));
        await Json(await Act(grid, id, "accept"));
        await Json(await Act(grid, id, "resolve", new { note = "已更换灯泡" }));
        var verified = await Json(await Act(leader, id, "verify", new { note = "已核实" }));
        Assert.Equal("verified", verified.GetProperty("state").GetString());
        DateTime rateUntil;
        await using (var db = app.Database())
        {
            rateUntil = (await db.Matters.SingleAsync(m => m.Id == id)).RateUntil!.Value;
        }

        await Sweeper(rateUntil.AddMinutes(-1)).SweepAsync(default);
        Assert.Equal("verified", (await Json(await grid.GetAsync($"/api/matters/{id}"))).GetProperty("state").GetString());
        await Sweeper(rateUntil.AddMinutes(1)).SweepAsync(default);
        var closed = await Json(await grid.GetAsync($"/api/matters/{id}"));
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, closed.GetProperty("rating").ValueKind);
        await using var check = app.Database();
        var matter = await check.Matters.SingleAsync(m => m.Id == id);
        Assert.False(matter.Rated);
        Assert.Equal(rateUntil.AddMinutes(1), matter.ClosedAt!.Value, TimeSpan.FromSeconds(1));
    }

    private sealed class CountingSender : ISmsSender
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Sent { get; } = [];

        public async Task SendAsync(string phone, string text, CancellationToken ct)
        {
            await Task.Yield();
            Sent.Add(phone);
        }
    }

    private NotificationDispatcher Dispatcher(ISmsSender sender, int? perPass = null) => new(app.Service<HuyingContextFactory>(), sender,
        app.Service<PersonalData>(), TimeProvider.System, NullLogger<NotificationDispatcher>.Instance,
        new ConfigurationBuilder().AddInMemoryCollection(perPass is { } n ? [new("Notifications:PerPass", n.ToString(System.Globalization.CultureInfo.InvariantCulture))] : []).Build(),
        app.Service<Huying.Platform.Web.HuyingMetrics>());

    /// <summary>Sends what earlier tests left, then owes text messages to new phones, due now.</summary>
    private async Task<List<string>> BacklogAsync(int count)
    {
        await Dispatcher(new CountingSender(), perPass: 1_000_000).DeliverAsync(default);
        var phones = Enumerable.Range(0, count).Select(_ => Synthetic.Phone()).ToList();
        await using (var db = app.Database())
        {
            var now = DateTime.UtcNow.AddSeconds(-1);
            db.Notifications.AddRange(phones.Select(p => new Notification
            {
                Kind = "Matter received", Subject = "积压短信", CommunityCode = "140827400016", Channel = NotificationChannel.Sms,
                PhoneCipher = app.Service<PersonalData>().ProtectPhone(p).Cipher, CreatedAt = now, NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        }
        return phones;
    }

    [Fact]
    public async Task ABacklogOfSeveralBatchesIsSentInOnePassEachMessageOnceThoughTwoInstancesSendAtOnce()
    {
        var phones = await BacklogAsync(NotificationDispatcher.Batch * 3 + 17);
        var (first, second) = (new CountingSender(), new CountingSender());
        var sent = await Task.WhenAll(Dispatcher(first).DeliverAsync(default), Dispatcher(second).DeliverAsync(default));
        Assert.Equal(phones.Count, sent.Sum());
        Assert.Equal(phones.Order(), first.Sent.Concat(second.Sent).Order());
        await using var after = app.Database();
        Assert.Equal(0, await after.Notifications.CountAsync(n => n.Channel == NotificationChannel.Sms && n.DeliveredAt == null && n.Attempts < NotificationDispatcher.MaxAttempts));
        Assert.Equal(0, await Dispatcher(new CountingSender()).DeliverAsync(default));
    }

    [Fact]
    public async Task APassSendsAtMostItsShareAndTheRestWaitsForTheNext()
    {
        var phones = await BacklogAsync(NotificationDispatcher.Batch * 3 + 17);
        var dispatcher = Dispatcher(new CountingSender(), perPass: NotificationDispatcher.Batch * 2);
        Assert.Equal(NotificationDispatcher.Batch * 2, await dispatcher.DeliverAsync(default));
        Assert.Equal(phones.Count - NotificationDispatcher.Batch * 2, await dispatcher.DeliverAsync(default));
        Assert.Equal(0, await dispatcher.DeliverAsync(default));
    }

    /// <summary>Sends a number of messages, then stops the pass (as the app shutting down would) at the next.</summary>
    private sealed class StoppingSender(int before, CancellationTokenSource stop) : ISmsSender
    {
        public int Sent;

        public Task SendAsync(string phone, string text, CancellationToken ct)
        {
            if (Sent == before)
            {
                stop.Cancel();
                ct.ThrowIfCancellationRequested();
            }
            Sent++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task APassStoppedHalfWayRecordsWhatItSentSoNothingIsSentTwice()
    {
        var phones = await BacklogAsync(NotificationDispatcher.Batch + 10);
        using var stop = new CancellationTokenSource();
        var sender = new StoppingSender(30, stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher(sender).DeliverAsync(stop.Token));
        Assert.Equal(30, sender.Sent);
        await using var db = app.Database();
        // The 30 that went out are delivered; the rest of the claimed batch waits out its lease, the batch after it is due.
        Assert.Equal(phones.Count - 30, await db.Notifications.CountAsync(n => n.Channel == NotificationChannel.Sms && n.DeliveredAt == null
            && n.Attempts < NotificationDispatcher.MaxAttempts));
        Assert.Equal(10, await Dispatcher(new CountingSender()).DeliverAsync(default));
        // Once the lease has run out the other 70 go, and each message has gone out once in all.
        await db.Notifications.Where(n => n.Channel == NotificationChannel.Sms && n.DeliveredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        Assert.Equal(phones.Count - 30 - 10, await Dispatcher(new CountingSender()).DeliverAsync(default));
    }

    private sealed class FlakySender(int failures) : ISmsSender
    {
        public int Calls;
        public List<string> Sent { get; } = [];

        public Task SendAsync(string phone, string text, CancellationToken ct)
        {
            if (++Calls <= failures)
            {
                throw new HttpRequestException("gateway down");
            }
            Sent.Add(phone);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task TextMessagesAreRetriedUntilTheGatewayTakesThem()
    {
        // This collection's database has no dispatcher running: deliver what the demo and earlier tests left, so
        // that this matter's message is the only one owed.
        var contexts = app.Service<HuyingContextFactory>();
        await new NotificationDispatcher(contexts, new FlakySender(failures: 0), app.Service<PersonalData>(), TimeProvider.System,
            NullLogger<NotificationDispatcher>.Instance, new ConfigurationBuilder().Build(), app.Service<Huying.Platform.Web.HuyingMetrics>()).DeliverAsync(default);
        var staff = await app.As("fuqian.staff");
        var phone = Synthetic.Phone();
        var id = Id(await RaiseAsync(staff, "河边三巷路灯不亮，晚上看不见路", "lighting", phone: phone));
        var sender = new FlakySender(failures: 1);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(5));
        var dispatcher = new NotificationDispatcher(contexts, sender, app.Service<PersonalData>(), clock,
            NullLogger<NotificationDispatcher>.Instance, new ConfigurationBuilder().Build(), app.Service<Huying.Platform.Web.HuyingMetrics>());
        Assert.Equal(0, await dispatcher.DeliverAsync(default));
        await using (var db = app.Database())
        {
            var pending = await db.Notifications.SingleAsync(n => n.SubjectType == "Matter" && n.SubjectId == id && n.Channel == NotificationChannel.Sms);
            Assert.Null(pending.DeliveredAt);
            Assert.Equal(1, pending.Attempts);
            Assert.Equal("gateway down", pending.LastError);
        }
        Assert.Equal(0, await dispatcher.DeliverAsync(default));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await dispatcher.DeliverAsync(default));
        Assert.Equal([phone], sender.Sent);
        await using var after = app.Database();
        Assert.NotNull((await after.Notifications.SingleAsync(n => n.SubjectType == "Matter" && n.SubjectId == id && n.Channel == NotificationChannel.Sms)).DeliveredAt);
    }
}

[Collection(SqliteClockCollection.Name)]
public sealed class MatterClockTestsOnSqlite(SqliteClockApp app) : MatterClockTests(app);

[Collection(PostgresClockCollection.Name)]
public sealed class MatterClockTestsOnPostgres(PostgresClockApp app) : MatterClockTests(app);
