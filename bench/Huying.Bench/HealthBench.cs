using System.Net.Http.Json;
using Huying.Modules.HealthAid;
using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// Health aid at a county's scale, served by the real app as its own process (SQLite, and PostgreSQL when
/// HUYING_BENCH_POSTGRES is set): 50,000 chronic patients with four follow-ups a year, all in 荆村 so that the village
/// doctor's overdue work list has every one of them in scope (the worst case for the list), and the county's managed
/// rate for the year computed over all of them. Baseline: GET /healthz in the same run, same client.
/// </summary>
internal static class HealthBench
{
    private const string Village = "140822200212";

    public static Task RunAsync(Table table, int patients) =>
        BenchTarget.EachAsync("health", target => MeasureAsync(table, target, patients));

    private static async Task MeasureAsync(Table table, BenchTarget t, int patients)
    {
        var (target, provider, connection, settings, database) = (t.Name, t.Provider, t.Connection, t.Settings, t.DatabaseFile);
        await using (await AppProcess.StartAsync(database, settings))
        {
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (enrolled, followUps) = await FillAsync(provider, connection, patients);
        table.AddRow($"health: fill {patients:N0} patients ({target})", $"{watch.Elapsed.TotalSeconds:F0}", "s",
            $"{enrolled:N0} enrolments and {followUps:N0} follow-ups in the village, written directly (not a figure of the app)");
        await using var app = await AppProcess.StartAsync(database, new Dictionary<string, string>(settings) { ["Demo__Enabled"] = "false", ["Background__Enabled"] = "false" });
        var doctor = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }.WithBearer(await app.TokenAsync("jingcun.doctor"));
        (await doctor.PostAsJsonAsync("/api/health/purpose", new { purpose = "followUp" })).EnsureSuccessStatusCode();
        var admin = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) }.WithBearer(await app.TokenAsync("admin"));

        // A fast answer that is wrong would be no answer: the list is full and the rate is the county's whole year.
        var due = await doctor.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/health/follow-ups/due");
        if (due.GetProperty("items").GetArrayLength() != 200)
        {
            throw new InvalidOperationException("The work list did not carry 200 overdue follow-ups");
        }
        var year = DateTime.UtcNow.AddHours(8).Year;
        var figures = $"/api/health/figures?division={Village[..6]}&from={year}-01-01&to={year}-12-31";
        var answer = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(figures);
        if (answer.GetProperty("chronicEnrolled").GetInt32() < patients)
        {
            throw new InvalidOperationException($"The county's rate judged {answer.GetProperty("chronicEnrolled")} patients of {patients}");
        }
        await QueryBench.Measure(table, $"baseline: GET /healthz (same run, {target})", doctor, "/healthz");
        await QueryBench.Measure(table, $"health: the village doctor's overdue list, {patients:N0} patients in scope ({target})", doctor, "/api/health/follow-ups/due");
        await QueryBench.Measure(table, $"health: the county's figures and managed rate for the year ({target})", admin, figures);
    }

    /// <summary>Adds the patients to 荆村: a person in a household of two, a record, an enrolment and this year's follow-ups (one in ten behind).</summary>
    internal static async Task<(int Enrolled, int FollowUps)> FillAsync(DatabaseProvider provider, string connection, int count)
    {
        var contexts = new HuyingContextFactory(provider, connection, TimeProvider.System,
            new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        var random = new Random(50);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var jan1 = new DateOnly(today.Year, 1, 1);
        var now = DateTime.UtcNow;
        long grid, building, condition;
        await using (var db = contexts.Create(DataScope.System))
        {
            grid = await db.Grids.Where(g => g.CommunityCode == Village).Select(g => g.Id).FirstAsync();
            building = await db.Buildings.Where(b => b.GridId == grid).Select(b => b.Id).FirstAsync();
            condition = await db.Set<ChronicCondition>().Where(c => c.Code == "hypertension").Select(c => c.Id).FirstAsync();
        }
        var followUps = 0;
        const int batch = 5_000;
        for (var start = 0; start < count; start += batch)
        {
            await using var db = contexts.Create(DataScope.System);
            db.AuditChanges = false;
            var n = Math.Min(batch, count - start);
            var households = Enumerable.Range(0, (n + 1) / 2).Select(i => new Household { CommunityCode = Village, GridId = grid, BuildingId = building, DoorNumber = $"B{start + i}" }).ToList();
            db.AddRange(households);
            await db.SaveChangesAsync();
            var people = Enumerable.Range(0, n).Select(i => new Person
            {
                Name = $"患者{start + i}", Gender = i % 2 == 0 ? Gender.Male : Gender.Female, BirthDate = new DateOnly(1945 + i % 30, 1 + i % 12, 1 + i % 28),
                CommunityCode = Village, GridId = grid, HouseholdId = households[i / 2].Id, RegistrationCode = Village, CreatedAt = now, UpdatedAt = now,
            }).ToList();
            db.AddRange(people);
            await db.SaveChangesAsync();
            var records = people.Select((p, i) => new HealthRecord
            {
                CommunityCode = Village, PersonId = p.Id, Number = $"B-{start + i:000000}", Sealed = "-", ConsentOn = jan1.AddYears(-1), ConsentBy = "bench",
                CreatedBy = "bench", CreatedAt = now, UpdatedAt = now,
            }).ToList();
            db.AddRange(records);
            await db.SaveChangesAsync();
            var enrolments = records.Select(r => new Enrolment
            {
                CommunityCode = Village, RecordId = r.Id, ConditionId = condition, EnrolledOn = jan1.AddDays(-random.Next(100, 900)), IntervalDays = 91,
            }).ToList();
            foreach (var e in enrolments)
            {
                var behind = random.Next(10) == 0;
                var last = behind ? jan1.AddDays(-random.Next(1, 60)) : today.AddDays(-random.Next(0, 91));
                (e.LastFollowUpOn, e.NextDueOn) = (last, last.AddDays(e.IntervalDays));
            }
            db.AddRange(enrolments);
            await db.SaveChangesAsync();
            var rows = new List<FollowUp>();
            foreach (var e in enrolments.Where(e => e.LastFollowUpOn >= jan1))
            {
                for (var on = e.LastFollowUpOn!.Value; on >= jan1; on = on.AddDays(-e.IntervalDays))
                {
                    rows.Add(new FollowUp
                    {
                        CommunityCode = Village, EnrolmentId = e.Id, RecordId = e.RecordId, On = on, WithDoctor = true, Sealed = "-", NextOn = on.AddDays(e.IntervalDays),
                        By = "bench", CreatedAt = now,
                    });
                }
            }
            db.AddRange(rows);
            await db.SaveChangesAsync();
            followUps += rows.Count;
        }
        return (count, followUps);
    }
}
