using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Proxy;
using Huying.Tests.Infrastructure;
using static Huying.Tests.Modules.Proxy.ProxyTestData;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Proxy;

public abstract class ProxyTests(AppFixture app)
{
    [Fact]
    public async Task ACaseGoesFromTheCounterThroughCorrectionAndTheOfficeToTheResidentsRatingAndNoStepIsSkipped()
    {
        var staff = await app.As("xueyuan.staff");
        var office = await app.As("unit.rsj");
        var (service, personId) = await TransportAsync(app);
        var materials = service.GetProperty("materials").EnumerateArray().ToList();
        var required = materials.Where(m => m.GetProperty("required").GetBoolean()).Select(Id).ToList();
        var checks = Enumerable.Range(0, service.GetProperty("checks").GetArrayLength()).ToArray();

        // Eligibility not ticked: refused beside the field, nothing taken.
        await using (var db = app.Database())
        {
            var before = await db.Set<ProxyApplication>().CountAsync();
            var unticked = await staff.PostAsJsonAsync("/api/proxy/applications", new { communityCode = Xueyuan, serviceId = Id(service), personId, mode = "byProxy" });
            Assert.Equal(HttpStatusCode.BadRequest, unticked.StatusCode);
            Assert.Contains("checksTicked", await unticked.Content.ReadAsStringAsync());
            Assert.Equal(before, await db.Set<ProxyApplication>().CountAsync());
        }
        // Taken with the last required material missing: 补正 names it.
        var taken = await Json(await staff.PostAsJsonAsync("/api/proxy/applications", new
        {
            communityCode = Xueyuan, serviceId = Id(service), personId, phone = "13912345678", mode = "byProxy", checksTicked = checks, materialIds = required.SkipLast(1),
            answers = TransportAnswers,
        }), HttpStatusCode.Created);
        var id = Id(taken);
        Assert.Equal("correction", State(taken));
        var lastRequired = materials.Single(m => Id(m) == required[^1]).GetProperty("name").GetString();
        Assert.Equal(lastRequired, taken.GetProperty("missing").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/proxy/applications/{id}/forward", null)).StatusCode);

        // The material comes with its scan: prechecked; still no authorisation for 代办 → 409; with it, forwarded.
        var complete = await Json(await staff.PostAsync($"/api/proxy/applications/{id}/materials", Scan("scans", ("materialIds", required[^1].ToString()))));
        Assert.Equal("prechecked", State(complete));
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/proxy/applications/{id}/forward", null)).StatusCode);
        await Json(await staff.PostAsync($"/api/proxy/applications/{id}/authorisation", Scan("authorisation")));
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/proxy/applications/{id}")).StatusCode);
        Assert.Equal("forwarded", State(await Json(await staff.PostAsync($"/api/proxy/applications/{id}/forward", null))));

        // The office finds it in its inbox, asks for a paper (补正 again, back with the community), then decides.
        Assert.Contains((await Json(await office.GetAsync("/api/proxy/applications"))).GetProperty("items").EnumerateArray(), r => Id(r) == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/proxy/applications/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PostAsJsonAsync($"/api/proxy/applications/{id}/ask", new { missing = "" })).StatusCode);
        Assert.Equal("correction", State(await Json(await office.PostAsJsonAsync($"/api/proxy/applications/{id}/ask", new { missing = "务工所在地社保缴费证明" }))));
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/proxy/applications/{id}")).StatusCode);
        var tracked = await Json(await app.Anonymous().GetAsync($"/api/proxy/track/{taken.GetProperty("trackingCode").GetString()}"));
        Assert.Equal("务工所在地社保缴费证明", tracked.GetProperty("missing").GetString());
        Assert.Equal("prechecked", State(await Json(await staff.PostAsync($"/api/proxy/applications/{id}/materials", Scan("scans")))));
        await staff.PostAsync($"/api/proxy/applications/{id}/forward", null);
        Assert.Equal(HttpStatusCode.Conflict, (await office.PostAsJsonAsync($"/api/proxy/applications/{id}/decide", new { grant = true, result = "补贴已发放" })).StatusCode);
        Assert.Equal("officeAccepted", State(await Json(await office.PostAsync($"/api/proxy/applications/{id}/accept", null))));
        var noReason = await office.PostAsJsonAsync($"/api/proxy/applications/{id}/decide", new { grant = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        Assert.Equal("granted", State(await Json(await office.PostAsJsonAsync($"/api/proxy/applications/{id}/decide", new { grant = true, result = "补贴 500 元已发放至社保卡" }))));
        Assert.Equal("delivered", State(await Json(await staff.PostAsync($"/api/proxy/applications/{id}/deliver", null))));

        // The resident: every step, the result, never a material; rates once, a low rating with its reason.
        var code = taken.GetProperty("trackingCode").GetString()!;
        var page = await app.Anonymous().GetStringAsync($"/proxy/track/{code}");
        Assert.Contains("补贴 500 元已发放至社保卡", page);
        Assert.DoesNotContain("/files/", page);
        // The public look-up box knows the code too.
        var lookedUp = await app.Anonymous().GetAsync($"/track/{code}");
        Assert.Equal(HttpStatusCode.Redirect, lookedUp.StatusCode);
        Assert.Equal($"/proxy/track/{code}", lookedUp.Headers.Location!.OriginalString);
        var steps = (await Json(await app.Anonymous().GetAsync($"/api/proxy/track/{code}"))).GetProperty("steps").EnumerateArray().Select(s => State(s)).ToList();
        Assert.Equal(["received", "correction", "prechecked", "forwarded", "correction", "prechecked", "forwarded", "officeAccepted", "granted", "delivered"], steps);
        var asked = (await Json(await app.Anonymous().GetAsync($"/api/proxy/track/{code}"))).GetProperty("steps")[4];
        Assert.Equal("务工所在地社保缴费证明", asked.GetProperty("note").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().PostAsJsonAsync($"/api/proxy/track/{code}/rating", new { rating = "dissatisfied" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Anonymous().PostAsJsonAsync($"/api/proxy/track/{code}/rating", new { rating = "dissatisfied", reason = "来回补了两次材料" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.Anonymous().PostAsJsonAsync($"/api/proxy/track/{code}/rating", new { rating = "verySatisfied" })).StatusCode);
        var rated = await Json(await staff.GetAsync($"/api/proxy/applications/{id}"));
        Assert.Equal("dissatisfied", rated.GetProperty("rating").GetString());

        // Texts went to the applicant's phone through the outbox at each step they need to know of.
        await using var check = app.Database();
        var texts = await check.Notifications.Where(n => (n.SubjectType == nameof(ProxyApplication) && n.SubjectId == id) || n.Subject.Contains(code)).CountAsync();
        Assert.True(texts >= 4);
    }

    [Fact]
    public async Task AMaterialIsSeenOnlyByTheHandlersEachViewIsAuditedAndThePurgeRemovesTheFilesButKeepsTheCaseAndTheAudit()
    {
        var staff = await app.As("xueyuan.staff");
        var (service, personId) = await TransportAsync(app);
        var checks = Enumerable.Range(0, service.GetProperty("checks").GetArrayLength()).ToArray();
        var taken = await Json(await staff.PostAsJsonAsync("/api/proxy/applications", new
        {
            communityCode = Xueyuan, serviceId = Id(service), personId, mode = "assisted", checksTicked = checks,
            materialIds = service.GetProperty("materials").EnumerateArray().Select(Id), answers = TransportAnswers,
        }), HttpStatusCode.Created);
        var id = Id(taken);
        await Json(await staff.PostAsync($"/api/proxy/applications/{id}/materials", Scan("scans")));
        var fileId = (await Json(await staff.GetAsync($"/api/proxy/applications/{id}/documents"))).GetProperty("items")[0].GetProperty("fileIds")[0].GetInt64();

        await using var db = app.Database();
        var views = await db.AuditEntries.CountAsync(a => a.Action == "view" && a.EntityType == nameof(ProxyDocument));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/files/{fileId}")).StatusCode);
        Assert.Equal(views + 1, await db.AuditEntries.CountAsync(a => a.Action == "view" && a.EntityType == nameof(ProxyDocument)));
        foreach (var other in new[] { "fuqian.grid", "fuqian.staff", "unit.rsj", "unit.xmtj", "county", "resident" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(other)).GetAsync($"/files/{fileId}")).StatusCode);
        }
        Assert.Equal(views + 1, await db.AuditEntries.CountAsync(a => a.Action == "view" && a.EntityType == nameof(ProxyDocument)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("fuqian.staff")).GetAsync($"/api/proxy/applications/{id}")).StatusCode);

        // Decided long ago (past the item's retention): the purge removes the scans, the case and the audit stay.
        var path = await db.Attachments.Where(a => a.Id == fileId).Select(a => a.StoragePath).SingleAsync();
        var longAgo = DateTime.UtcNow.AddDays(-800);
        var ended = await db.Set<ProxyApplication>().SingleAsync(a => a.Id == id);
        (ended.State, ended.DeliveredAt) = (ProxyState.Delivered, longAgo);
        ended.Decided(longAgo, 1);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var files = app.Service<Huying.Platform.Files.FileStore>();
        Assert.True(await ProxyPurge.RunAsync(db, files, TimeProvider.System, default) >= 1);
        Assert.False(await db.Attachments.AnyAsync(a => a.Id == fileId));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/files/{fileId}")).StatusCode);
        Assert.NotNull((await db.Set<ProxyApplication>().SingleAsync(a => a.Id == id)).MaterialsPurgedAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "purge" && a.EntityId == id.ToString()));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "view" && a.EntityType == nameof(ProxyDocument)));
        Assert.NotEmpty(path);
        Assert.Equal(0, await ProxyPurge.RunAsync(db, files, TimeProvider.System, default));
    }

    [Fact]
    public async Task TheCountersListMarksWhatRunsOutOfTimeOnTheWorkingCalendarAndTheFiguresMatchAHandCount()
    {
        var staff = await app.As("xueyuan.staff");
        var overdue = (await Json(await staff.GetAsync("/api/proxy/applications?show=overdue"))).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(overdue);
        Assert.All(overdue, r => Assert.True(r.GetProperty("overdue").GetBoolean()));
        await using var db = app.Database();
        var now = DateTime.UtcNow;
        var open = await db.Set<ProxyApplication>().Where(a => a.CommunityCode == Xueyuan && a.State < ProxyState.Granted).ToListAsync();
        Assert.Equal(open.Where(a => a.DueAt < now).Select(a => a.Id).Order(), overdue.Select(Id).Order());
        // Each due date is the item's limit in working days on the county's calendar (holidays and make-up days).
        var calendar = await app.Service<Huying.Platform.Calendar.WorkCalendars>().GetAsync();
        foreach (var a in await db.Set<ProxyApplication>().Include(x => x.Service).Where(x => x.CommunityCode == Xueyuan).ToListAsync())
        {
            Assert.Equal(calendar.Add(a.ReceivedAt, a.Service!.LimitDays * 24 * 60, workingTime: true), a.DueAt);
        }

        var year = new DateOnly(DateTime.UtcNow.AddHours(8).Year, 1, 1);
        var figures = await Json(await staff.GetAsync($"/api/proxy/figures?division={Xueyuan}&from={year:yyyy-MM-dd}"));
        var start = year.ToDateTime(TimeOnly.MinValue).AddHours(-8);
        var all = await db.Set<ProxyApplication>().Where(a => a.CommunityCode == Xueyuan).ToListAsync();
        Assert.Equal(all.Count(a => a.ReceivedAt >= start), figures.GetProperty("applications").GetInt32());
        var decided = all.Where(a => a.DecidedAt >= start).ToList();
        Assert.Equal(decided.Count, figures.GetProperty("completed").GetInt32());
        Assert.Equal((double)decided.Count(a => a.DecidedAt <= a.DueAt) / decided.Count, figures.GetProperty("onTimeRate").GetDouble(), 6);
        Assert.Equal(decided.Count(a => a.RegistrationCode![..9] != a.CommunityCode[..9]), figures.GetProperty("tripsSaved").GetInt32());
        // The working days each took, on the calendar from receipt to decision (holidays and weekends not counted).
        Assert.Equal(Math.Round(decided.Average(a => calendar.WorkingDaysBetween(a.ReceivedAt, a.DecidedAt!.Value)), 1),
            figures.GetProperty("averageWorkingDays").GetDouble(), 1);
        var ratings = all.Where(a => a.Rating != null && a.RatedAt >= start).ToList();
        Assert.Equal(ratings.Count, figures.GetProperty("rated").GetInt32());
        Assert.Equal(Math.Round(ratings.Average(a => (int)a.Rating!.Value), 2), figures.GetProperty("averageRating").GetDouble(), 2);
        var rows = (await Json(await staff.GetAsync($"/api/proxy/figures/rows?division={Xueyuan}&from={year:yyyy-MM-dd}&by=service"))).GetProperty("items");
        Assert.Equal(figures.GetProperty("applications").GetInt32(), rows.EnumerateArray().Sum(r => r.GetProperty("applications").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("peishe.town")).GetAsync($"/api/proxy/figures?division={Xueyuan}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync($"/api/proxy/figures/rows?division={Xueyuan}&by=colour")).StatusCode);
    }

    [Fact]
    public async Task TheCountysFiguresOverWholeMonthsAndRaggedEndsMatchAHandCountOfTheCases()
    {
        var county = await app.As("county");
        await using var db = app.Database();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var cases = await db.Set<ProxyApplication>().AsNoTracking().Where(a => a.CommunityCode.StartsWith("140827")).ToListAsync();
        // Whole months, ragged ends on both sides, one day, a period running into today, last year into this one.
        foreach (var (from, to) in new[]
        {
            (new DateOnly(today.Year, 1, 1), today), (monthStart.AddMonths(-3).AddDays(9), monthStart.AddMonths(-1).AddDays(-12)),
            (monthStart.AddMonths(-2), monthStart.AddDays(-1)), (today.AddDays(-20), today.AddDays(-20)), (today.AddDays(-40), today),
            (new DateOnly(today.Year - 1, 12, 20), today.AddDays(-1)), (monthStart.AddMonths(-2).AddDays(5), monthStart.AddMonths(-1)),
        })
        {
            var start = new DateTime(from, TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var end = new DateTime(to.AddDays(1), TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            bool In(DateTime? t) => t >= start && t < end;
            var figures = await Json(await county.GetAsync($"/api/proxy/figures?division=140827&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
            var decided = cases.Where(a => In(a.DecidedAt)).ToList();
            Assert.Equal(cases.Count(a => In(a.ReceivedAt)), figures.GetProperty("applications").GetInt32());
            Assert.Equal(decided.Count, figures.GetProperty("completed").GetInt32());
            Assert.Equal(decided.Count(a => a.TripSaved), figures.GetProperty("tripsSaved").GetInt32());
            Assert.Equal(cases.Count(a => a.Rating != null && In(a.RatedAt)), figures.GetProperty("rated").GetInt32());
            if (decided.Count > 0)
            {
                Assert.Equal((double)decided.Count(a => a.OnTime) / decided.Count, figures.GetProperty("onTimeRate").GetDouble(), 6);
                Assert.Equal(Math.Round(decided.Average(a => a.WorkingDaysTaken!.Value), 1), figures.GetProperty("averageWorkingDays").GetDouble(), 1);
            }
        }
        // An office counts what reached it (forwarded or decided), not what waits at the counters.
        var officeId = await db.Users.Where(u => u.UserName == "unit.rsj").Select(u => u.PartnerUnitId).SingleAsync();
        var yearStart = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-8);
        var office = await Json(await (await app.As("unit.rsj")).GetAsync($"/api/proxy/figures?division={Xueyuan}&from={today.Year}-01-01"));
        var sent = cases.Where(a => a.CommunityCode == Xueyuan && a.OfficeUnitId == officeId).ToList();
        Assert.Equal(sent.Count(a => a.ReceivedAt >= yearStart && (a.ForwardedAt != null || a.DecidedAt != null)), office.GetProperty("applications").GetInt32());
        Assert.Equal(sent.Count(a => a.DecidedAt >= yearStart), office.GetProperty("completed").GetInt32());
        Assert.True(sent.Count(a => a.ReceivedAt >= yearStart) > office.GetProperty("applications").GetInt32());

        // A period the wrong way round counts nothing.
        var backwards = await Json(await county.GetAsync($"/api/proxy/figures?division=140827&from={today:yyyy-MM-dd}&to={today.AddDays(-5):yyyy-MM-dd}"));
        Assert.Equal(0, backwards.GetProperty("applications").GetInt32());
    }

    [Fact]
    public async Task TheTalliesKeptWithEverySaveAgreeWithARecountFromTheCases()
    {
        await using var db = app.Database();
        static IQueryable<ProxyTally> Kept(Huying.Platform.Data.HuyingDbContext db) => db.Set<ProxyTally>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.Received != 0 || t.ReachedOffice != 0 || t.Decided != 0 || t.Rated != 0 || t.WorkingDayHundredths != 0)
            .OrderBy(t => t.CommunityCode).ThenBy(t => t.Period).ThenBy(t => t.ServiceId).ThenBy(t => t.OfficeUnitId);
        static object Row(ProxyTally t) => (t.CommunityCode, t.Period, t.ServiceId, t.OfficeUnitId, t.Received, t.ReachedOffice, t.Decided, t.OnTime,
            t.TripsSaved, t.WorkingDayHundredths, t.Rated, t.RatingSum);
        var kept = await Kept(db).ToListAsync();
        Assert.Contains(kept, t => t.Rated > 0 && t.Period < 1_000_000);
        Assert.Contains(kept, t => t.Decided > 0 && t.Period > 1_000_000);
        await new ProxyTallies().RecountAsync(db, default);
        Assert.Equal((await Kept(db).ToListAsync()).Select(Row), kept.Select(Row));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProxyTestsOnSqlite(SqliteApp app) : ProxyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProxyTestsOnPostgres(PostgresApp app) : ProxyTests(app);
