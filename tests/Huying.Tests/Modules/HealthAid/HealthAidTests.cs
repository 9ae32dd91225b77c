using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Huying.Modules.HealthAid;
using Huying.Modules.Organisation;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Modules.HealthAid;

public abstract class HealthAidTests(AppFixture app)
{
    private const string Jingcun = "140822200212";

    private async Task<HttpClient> CareAsync(string user = "jingcun.doctor")
    {
        var client = await app.As(user);
        (await client.PostAsJsonAsync("/api/health/purpose", new { purpose = "followUp" })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task TheManagedRateCountsPatientsFollowedToPlanOverThoseEnrolledLongEnoughAndIsNoDataWithNobodyEnrolled()
    {
        const string village = "149999000001";
        await using var db = app.Database();
        var condition = await db.Set<ChronicCondition>().Select(c => c.Id).FirstAsync();
        // A: four follow-ups in a year of four asked; B: three; C: enrolled in October (78 days, none asked yet); D: enrolled
        // in July (184 days, two asked) with two; E: ended in March (60 days, none asked). Judged A, B, D; managed A, D.
        var year = new DateOnly(2025, 1, 1);
        (DateOnly Enrolled, DateOnly? Ended, int FollowUps)[] patients =
            [(year.AddYears(-1), null, 4), (year.AddYears(-1), null, 3), (new DateOnly(2025, 10, 15), null, 1), (new DateOnly(2025, 7, 1), null, 2), (year.AddYears(-1), new DateOnly(2025, 3, 1), 0)];
        var record = 900_000_000L + Random.Shared.Next(1_000_000);
        foreach (var (enrolled, ended, count) in patients)
        {
            var e = new Enrolment { CommunityCode = village, RecordId = ++record, ConditionId = condition, EnrolledOn = enrolled, EndedOn = ended, IntervalDays = 91, NextDueOn = year };
            db.Add(e);
            await db.SaveChangesAsync();
            var first = enrolled > year ? enrolled : year;
            db.AddRange(Enumerable.Range(0, count).Select(k => new FollowUp
            {
                CommunityCode = village, EnrolmentId = e.Id, RecordId = e.RecordId, On = first.AddDays(1 + 40 * k), Sealed = "-", NextOn = year.AddYears(1), By = "test",
            }));
        }
        await db.SaveChangesAsync();
        using var scope = app.Factory.Services.CreateScope();
        var figures = scope.ServiceProvider.GetRequiredService<HealthFigureCounts>();
        Assert.Equal((3, 2), await figures.ManagedAsync(village, year, new DateOnly(2025, 12, 31), default));
        // The same counted from the follow-ups themselves (a period that is not a calendar year does not read the year's tallies).
        Assert.Equal((3, 2), await figures.ManagedAsync(village, year, new DateOnly(2025, 12, 30), default));
        Assert.Equal((0, 0), await figures.ManagedAsync("149999000077", year, new DateOnly(2025, 12, 31), default));
        var none = await figures.FiguresAsync("149999000077", year, new DateOnly(2025, 12, 31), mask: false, default);
        Assert.Null(none.ChronicManagedRate);
        Assert.Equal(Math.Round(2.0 / 3, 4), (await figures.FiguresAsync(village, year, new DateOnly(2025, 12, 31), mask: false, default)).ChronicManagedRate);
    }

    [Fact]
    public async Task TheManagedRateOfAnyPeriodEqualsTheRateCountedPatientByPatientFromTheFollowUps()
    {
        const string village = "149999000003";
        await using var db = app.Database();
        var condition = await db.Set<ChronicCondition>().Select(c => c.Id).FirstAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var random = new Random(20261205);
        var record = 910_000_000L + Random.Shared.Next(1_000_000);
        var patients = new List<(DateOnly Enrolled, DateOnly? Ended, int Interval, List<DateOnly> Seen)>();
        // 120 patients over the last three years: most enrolled before, some joining or leaving on the way, followed
        // at random days (a year's tallies, last year's and the ragged weeks around them all hold some).
        for (var i = 0; i < 120; i++)
        {
            var enrolled = today.AddDays(-random.Next(30, 1100));
            DateOnly? ended = random.Next(5) == 0 ? enrolled.AddDays(random.Next(60, 700)) : null;
            var interval = random.Next(3) == 0 ? 30 : 91;
            var last = ended is { } e && e < today ? e : today;
            var seen = Enumerable.Range(0, random.Next(0, 24)).Select(_ => enrolled.AddDays(random.Next(0, last.DayNumber - enrolled.DayNumber + 1))).ToList();
            var enrolment = new Enrolment { CommunityCode = village, RecordId = ++record, ConditionId = condition, EnrolledOn = enrolled, EndedOn = ended, IntervalDays = interval, NextDueOn = today };
            db.Add(enrolment);
            await db.SaveChangesAsync();
            db.AddRange(seen.Select(on => new FollowUp { CommunityCode = village, EnrolmentId = enrolment.Id, RecordId = enrolment.RecordId, On = on, Sealed = "-", NextOn = today, By = "test" }));
            patients.Add((enrolled, ended, interval, seen));
        }
        await db.SaveChangesAsync();
        using var scope = app.Factory.Services.CreateScope();
        var figures = scope.ServiceProvider.GetRequiredService<HealthFigureCounts>();
        var thisYear = new DateOnly(today.Year, 1, 1);
        // A year to date, last year, a rolling year (its weeks of last year beside this year's tallies), two years and a
        // bit, last year and six weeks before it, last year's spring to this spring, quarters.
        (DateOnly From, DateOnly To)[] periods =
        [
            (thisYear, today), (thisYear.AddYears(-1), thisYear.AddDays(-1)), (today.AddDays(-380), today), (today.AddDays(-800), today),
            (thisYear.AddYears(-1).AddDays(-45), thisYear.AddDays(-1)), (thisYear.AddYears(-1).AddDays(-45), thisYear.AddYears(-1).AddDays(400)),
            (thisYear.AddMonths(-3), thisYear.AddMonths(3) < today ? thisYear.AddMonths(3) : today), (thisYear.AddYears(-1).AddMonths(3), thisYear.AddYears(-1).AddMonths(6)),
            // Most of last year (its first and last weeks taken away), and most of a year to a day before today.
            (thisYear.AddYears(-1).AddDays(30), thisYear.AddDays(-30)), (today.AddDays(-330), today.AddDays(-20)),
        ];
        foreach (var (from, to) in periods)
        {
            var (judged, managed) = (0, 0);
            foreach (var p in patients.Where(p => p.Enrolled <= to && (p.Ended is null || p.Ended >= from)))
            {
                var first = p.Enrolled > from ? p.Enrolled : from;
                var last = p.Ended is { } ended && ended < to ? ended : to;
                var asked = (last.DayNumber - first.DayNumber + 1) / p.Interval;
                if (asked < 1)
                {
                    continue;
                }
                judged++;
                managed += p.Seen.Count(on => on >= from && on <= to) >= asked ? 1 : 0;
            }
            Assert.True((judged, managed) == await figures.ManagedAsync(village, from, to, default), $"{from}..{to}: expected ({judged}, {managed})");
        }
    }

    [Fact]
    public async Task TheDemoVillageAnswersTheReportsFiguresAndOutsideTheTeamCountsUnderFiveAreMasked()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var figures = await Json(await (await app.As("jingcun.doctor")).GetAsync($"/api/health/figures?division={Jingcun}&from={today.Year}-01-01&to={today:yyyy-MM-dd}"));
        Assert.True(figures.GetProperty("consultations").GetInt32() >= 2300);
        Assert.Equal(12, figures.GetProperty("mdtSessions").GetInt32());
        Assert.True(figures.GetProperty("healthRecords").GetInt32() >= 200);
        Assert.Equal(7, figures.GetProperty("mobileTeams").GetInt32());
        Assert.True(figures.GetProperty("homeVisits").GetInt32() >= 89);
        Assert.True(figures.GetProperty("referrals").GetInt32() >= 106);
        Assert.Equal(16, figures.GetProperty("trainings").GetInt32());
        Assert.True(figures.GetProperty("trainingAttendances").GetInt32() >= 800);
        if (today.DayOfYear > 91)
        {
            Assert.InRange(figures.GetProperty("chronicManagedRate").GetDouble(), 0.9, 1.0);
        }
        // A village with three referrals: the county's reader sees "<5", the team the number.
        const string small = "149999000002";
        await using (var db = app.Database())
        {
            if (!await db.Communities.AnyAsync(c => c.Code == small))
            {
                db.Communities.Add(new Community { Code = small, Name = "测试村", TownCode = small[..9], CountyCode = small[..6] });
                db.AddRange(Enumerable.Range(0, 3).Select(_ => new Referral
                {
                    CommunityCode = small, RecordId = 1, ReferredOn = today, Hospital = "测试医院", Sealed = "-", By = "test", CreatedAt = DateTime.UtcNow,
                }));
                await db.SaveChangesAsync();
            }
        }
        var masked = await Json(await (await app.As("admin")).GetAsync($"/api/health/figures?division={small}"));
        Assert.Equal("<5", masked.GetProperty("referrals").GetString());
        Assert.True(masked.GetProperty("masked").GetBoolean());
        using var scope = app.Factory.Services.CreateScope();
        Assert.Equal(3, (await scope.ServiceProvider.GetRequiredService<HealthFigureCounts>().FiguresAsync(small, null, null, mask: false, default)).Referrals.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("county")).GetAsync($"/api/health/figures?division={Jingcun}")).StatusCode);
    }

    [Fact]
    public async Task TheHospitalsAidProjectsAnswerTheReportsMoneyOutcomesAndUpkeepRulesFromTheProjectsTheyAre()
    {
        var figures = await Json(await (await app.As("jingcun.team")).GetAsync($"/api/health/figures?division={Jingcun}"));
        Assert.Equal(7, figures.GetProperty("aidProjects").GetInt32());
        Assert.Equal(7_800_000m, figures.GetProperty("aidFunds").GetDecimal());
        Assert.Equal(22, figures.GetProperty("aidUpkeepRules").GetInt32());
        var outcomes = figures.GetProperty("aidOutcomes").EnumerateArray().ToDictionary(o => o.GetProperty("kind").GetString()!, o => o.GetProperty("value").GetDecimal());
        Assert.Equal(141m, outcomes["householdsHelped"]);
        Assert.Equal(300m, outcomes["areaIrrigatedNew"]);
        Assert.Equal(500m, outcomes["areaIrrigatedImproved"]);
        Assert.Equal(100_000m, outcomes["collectiveIncomeAdded"]);
        Assert.False(outcomes.ContainsKey("storageIncrease"));

        // The same numbers are the Projects module's: the administrator opens one of the projects and sees its money and rules.
        var admin = await app.As("admin");
        var list = await Json(await admin.GetAsync($"/api/health/aid-projects?division={Jingcun}"));
        Assert.Equal(7_800_000m, list.GetProperty("list").EnumerateArray().Sum(p => p.GetProperty("funds").GetDecimal()));
        var pool = list.GetProperty("list").EnumerateArray().Single(p => p.GetProperty("title").GetString() == "“润荆池”修复");
        var project = await Json(await admin.GetAsync($"/api/projects/{pool.GetProperty("id").GetInt64()}"));
        Assert.Equal(3, project.GetProperty("upkeepRules").GetArrayLength());
        Assert.Equal("storageIncrease", project.GetProperty("outcomes")[0].GetProperty("kind").GetString());

        // Before the first project started there was nothing yet.
        var before = await Json(await admin.GetAsync($"/api/health/aid-projects?division={Jingcun}&to=2000-01-01"));
        Assert.Equal(0, before.GetProperty("projects").GetInt32());
        Assert.Equal(0m, before.GetProperty("funds").GetDecimal());
        Assert.Contains("“润荆池”修复", await admin.GetStringAsync($"/health/figures?division={Jingcun}"));
    }

    [Fact]
    public async Task TheYearsFollowUpTalliesKeptWithEverySaveAgreeWithARecountFromTheFollowUps()
    {
        await using var db = app.Database();
        static IQueryable<FollowUpTally> Kept(Huying.Platform.Data.HuyingDbContext db) => db.Set<FollowUpTally>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.Count != 0).OrderBy(t => t.CommunityCode).ThenBy(t => t.Year).ThenBy(t => t.EnrolmentId);
        var follow = await db.Set<FollowUp>().IgnoreQueryFilters().FirstAsync(f => f.CommunityCode == Jingcun);
        var before = await Kept(db).ToListAsync();
        // A follow-up moved to another year moves its count with it.
        follow.On = follow.On.AddYears(-3);
        await db.SaveChangesAsync();
        var kept = await Kept(db).ToListAsync();
        var enrolment = await db.Set<Enrolment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == follow.EnrolmentId);
        Assert.Contains(kept, t => t.EnrolmentId == follow.EnrolmentId && t.Year == follow.On.Year && t.IntervalDays == enrolment.IntervalDays
            && t.EnrolledOn == enrolment.EnrolledOn);
        Assert.Equal(before.Sum(t => t.Count), kept.Sum(t => t.Count));
        await new FollowUpTallies().RecountAsync(db, default);
        Assert.Equal((await Kept(db).ToListAsync()).Select(t => (t.CommunityCode, t.Year, t.EnrolmentId, t.Count, t.IntervalDays, t.EnrolledOn, t.EndedOn)),
            kept.Select(t => (t.CommunityCode, t.Year, t.EnrolmentId, t.Count, t.IntervalDays, t.EnrolledOn, t.EndedOn)));
        follow.On = follow.On.AddYears(3);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task OnlyTheVillagesCareRolesReadRecordsEachReadIsAuditedWithItsPurposeAndNoneWithoutOne()
    {
        await using var db = app.Database();
        var id = await db.Set<HealthRecord>().Where(r => r.CommunityCode == Jingcun).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        foreach (var other in new[] { "admin", "county", "fuqian.secretary", "wanrong.silver" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(other)).GetAsync($"/api/health/records/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(other)).GetAsync("/api/health/follow-ups/due")).StatusCode);
        }
        app.ForgetToken("jingcun.team");
        var team = await app.As("jingcun.team");
        // A new session without a purpose reads nothing.
        await team.PostAsync("/api/auth/logout", null);
        app.ForgetToken("jingcun.team");
        team = await app.As("jingcun.team");
        var refused = await team.GetAsync($"/api/health/records/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"purpose\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await team.PostAsJsonAsync("/api/health/purpose", new { purpose = "treatment" })).StatusCode);
        var before = await db.AuditEntries.CountAsync(a => a.Action == "health-read" && a.EntityId == id.ToString() && a.UserName == "jingcun.team");
        for (var i = 0; i < 2; i++)
        {
            await Json(await team.GetAsync($"/api/health/records/{id}"));
        }
        var lines = await db.AuditEntries.Where(a => a.Action == "health-read" && a.EntityId == id.ToString() && a.UserName == "jingcun.team").ToListAsync();
        Assert.Equal(before + 2, lines.Count);
        Assert.All(lines.TakeLast(2), l => Assert.Equal("Treatment", l.Details));
    }

    [Fact]
    public async Task HealthFieldsAreSealedInTheDatabaseNotWrittenInClear()
    {
        var doctor = await CareAsync();
        await using var db = app.Database();
        var person = await db.People.Where(p => p.CommunityCode == Jingcun && !db.Set<HealthRecord>().Any(r => r.PersonId == p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var marker = "原发性高血压伴视网膜病变" + Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        // No consent, no record.
        Assert.Equal(HttpStatusCode.BadRequest, (await doctor.PostAsJsonAsync("/api/health/records", new { personId = person, diagnosis = marker, consentOn = today })).StatusCode);
        var created = await Json(await doctor.PostAsJsonAsync("/api/health/records", new { personId = person, diagnosis = marker, consentGiven = true, consentOn = today }));
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(marker, (await Json(await doctor.GetAsync($"/api/health/records/{id}"))).GetProperty("diagnosis").GetString());
        var stored = await db.Set<HealthRecord>().Where(r => r.Id == id).Select(r => r.Sealed).SingleAsync();
        Assert.DoesNotContain(marker, stored);
        Assert.Equal(0, await db.Set<HealthRecord>().CountAsync(r => r.Sealed.Contains(marker)));
        if (app.Provider == Huying.Platform.Data.DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var bytes = Encoding.UTF8.GetBytes(marker);
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                Assert.Equal(-1, copy.ToArray().AsSpan().IndexOf(bytes));
            }
        }
        else
        {
            // What a backup of the database holds: a whole pg_dump of it.
            var pg = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            var dump = new System.Diagnostics.ProcessStartInfo("pg_dump", ["-h", pg.Host!, "-p", pg.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", pg.Username!, "-d", pg.Database!, "--no-owner"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (pg.Password is { Length: > 0 } password)
            {
                dump.Environment["PGPASSWORD"] = password;
            }
            using var process = System.Diagnostics.Process.Start(dump)!;
            var text = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await error);
            Assert.Contains("HealthRecords", await text);
            Assert.DoesNotContain(marker, await text);
        }
    }

    [Fact]
    public async Task TheOverdueListLeadsWithTheMostOverdueAndAFollowUpTakesThePatientOffIt()
    {
        var doctor = await CareAsync();
        var due = (await Json(await doctor.GetAsync("/api/health/follow-ups/due"))).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(due);
        var dates = due.Select(d => DateOnly.Parse(d.GetProperty("nextDueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.Order(), dates);
        var first = due[0];
        Assert.True(first.GetProperty("overdue").GetBoolean());
        var enrolment = first.GetProperty("enrolmentId").GetInt64();
        var bad = await doctor.PostAsJsonAsync($"/api/health/enrolments/{enrolment}/follow-ups", new { systolic = 400, diastolic = 90 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"systolic\"", problem);
        Assert.Contains("\"withDoctor\"", problem);
        await Json(await doctor.PostAsJsonAsync($"/api/health/enrolments/{enrolment}/follow-ups", new { withDoctor = true, systolic = 148, diastolic = 92, control = "notControlled" }));
        var after = (await Json(await doctor.GetAsync("/api/health/follow-ups/due"))).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(after, d => d.GetProperty("enrolmentId").GetInt64() == enrolment);
        var plan = await Json(await doctor.GetAsync($"/api/health/records/{first.GetProperty("recordId").GetInt64()}"));
        var latest = plan.GetProperty("followUps")[0];
        Assert.Equal(148, latest.GetProperty("systolic").GetInt32());
        Assert.Equal("notControlled", latest.GetProperty("control").GetString());
    }

    [Fact]
    public async Task AReferralGoesToTheHospitalAndComesBackToTheVillageOnceEachWay()
    {
        var doctor = await CareAsync();
        var team = await CareAsync("jingcun.team");
        await using var db = app.Database();
        var record = await db.Set<HealthRecord>().Where(r => r.CommunityCode == Jingcun).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await doctor.PostAsJsonAsync($"/api/health/records/{record}/referrals", new { hospital = "" })).StatusCode);
        var id = (await Json(await doctor.PostAsJsonAsync($"/api/health/records/{record}/referrals", new { hospital = "运城市中心医院", reason = "血压控制不佳" }))).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync($"/api/health/referrals/{id}/back", new { note = "回村随访" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await team.PostAsJsonAsync($"/api/health/referrals/{id}/received", new { note = "已收治，调整用药" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await doctor.PostAsJsonAsync($"/api/health/referrals/{id}/received", new { note = "再次接诊" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await team.PostAsJsonAsync($"/api/health/referrals/{id}/back", new { note = "回村后每周随访" })).StatusCode);
        var referral = await Json(await doctor.GetAsync($"/api/health/referrals/{id}"));
        Assert.Equal("backReferred", referral.GetProperty("state").GetString());
        Assert.Equal("已收治，调整用药", referral.GetProperty("outcome").GetString());
        Assert.Equal("回村后每周随访", referral.GetProperty("backAdvice").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("admin")).GetAsync($"/api/health/referrals/{id}")).StatusCode);
    }

    [Fact]
    public async Task OnlyTheTeamLeadExportsAndTheFileIsWatermarkedAndAudited()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await CareAsync()).GetAsync("/api/health/records.xlsx")).StatusCode);
        var lead = await CareAsync("jingcun.team");
        var response = await lead.GetAsync("/api/health/records.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.True(rows.Count >= 200);
        Assert.All(rows, r => Assert.Contains("工作队队长", r["水印"]?.ToString()));
        await using var db = app.Database();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "health-export" && a.UserName == "jingcun.team"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthAidTestsOnSqlite(SqliteApp app) : HealthAidTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HealthAidTestsOnPostgres(PostgresApp app) : HealthAidTests(app);
