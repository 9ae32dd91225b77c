using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Volunteering;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Activity = Huying.Modules.Volunteering.Activity;

namespace Huying.Bench;

/// <summary>
/// Volunteering at a county's scale, served by the real app as its own process on SQLite: the report's figures for a
/// county year of 100,000 activities (each with its served count and two confirmed places), and 500 simultaneous
/// sign-ups for one post of 100 places — with /healthz under the same load as the same run's baseline.
/// </summary>
internal static class VolunteeringBench
{
    public static async Task RunAsync(Table table, int activities, int signUps)
    {
        var folder = Directory.CreateTempSubdirectory("huying-volunteering-").FullName;
        var database = Path.Combine(folder, "huying.db");
        try
        {
            await using (await AppProcess.StartAsync(database))
            {
            }
            var watch = Stopwatch.StartNew();
            var (made, places) = await FillAsync(database, activities);
            table.AddRow("activities loaded for the figures", $"{made:N0}", "activities", $"{places:N0} confirmed places, {watch.Elapsed.TotalSeconds:F0} s to insert");

            await using var app = await AppProcess.StartAsync(database, new Dictionary<string, string> { ["Demo__Enabled"] = "false" }, connections: 64);
            var county = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.Client.BaseAddress }
                .WithBearer(await app.TokenAsync("county"));
            await QueryBench.Measure(table, "baseline: GET /healthz (same run)", county, "/healthz");
            await QueryBench.Measure(table, "volunteering figures, county, this year", county, "/api/volunteering/figures?division=140827");
            await QueryBench.Measure(table, "volunteering figures, one community, this year", county, "/api/volunteering/figures?division=140827400016");
            await QueryBench.Measure(table, "volunteering figures side by side, by community", county, "/api/volunteering/figures/rows?division=140827");
            var figures = await county.GetFromJsonAsync<JsonElement>("/api/volunteering/figures?division=140827");
            table.AddRow("  figures answered", $"{figures.GetProperty("activities").GetInt32():N0}", "activities",
                $"with units {figures.GetProperty("activitiesWithUnits").GetInt32():N0}, served {figures.GetProperty("peopleServed").GetInt32():N0}");

            await SignUpsAsync(table, app, folder, database, signUps);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_KEEP") is null) Directory.Delete(folder, true); else Console.WriteLine(database);
        }
    }

    /// <summary>500 volunteers put on one post of 100 places at once (the rest wait-listed), against 500 /healthz at once.</summary>
    private static async Task SignUpsAsync(Table table, AppProcess app, string folder, string database, int count)
    {
        var organiser = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.Client.BaseAddress }
            .WithBearer(await app.TokenAsync("hejin.social"));
        var local = DateTime.UtcNow.AddHours(8).AddDays(3);
        var activity = await (await organiser.PostAsJsonAsync("/api/volunteering/activities", new
        {
            communityCode = "140882001001", title = "并发报名基准", venue = "河津中学",
            startsAt = local.ToString("yyyy-MM-ddTHH:mm:ss"), endsAt = local.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ss"),
            posts = new[] { new { name = "河津中学 · 交通引导", capacity = 100 } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = activity.GetProperty("id").GetInt64();
        var post = activity.GetProperty("posts")[0].GetProperty("id").GetInt64();
        var volunteers = await VolunteersAsync(database, count);

        var baseline = await BurstAsync(volunteers.Select(_ => (Func<Task<HttpResponseMessage>>)(() => organiser.GetAsync("/healthz"))).ToList());
        var burst = await BurstAsync(volunteers.Select(v => (Func<Task<HttpResponseMessage>>)(() =>
            organiser.PostAsJsonAsync($"/api/volunteering/activities/{id}/signups", new { postId = post, volunteerId = v, waitlist = true }))).ToList());
        var contexts = new HuyingContextFactory(DatabaseProvider.Sqlite, $"Data Source={database}", TimeProvider.System,
            new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        await using var db = contexts.Create(DataScope.System);
        var seats = await db.SignUps.Where(s => s.PostId == post && s.Seat != null).Select(s => s.Seat!.Value).ToListAsync();
        var waiting = await db.SignUps.CountAsync(s => s.PostId == post && s.State == SignUpState.Waiting);
        table.AddRow($"baseline: {count} simultaneous GET /healthz", $"{baseline.PerSecond:F0}", "requests/s", $"p50 {baseline.P50:F0} ms, p95 {baseline.P95:F0} ms, 64 connections");
        table.AddRow($"{count} simultaneous sign-ups, one post of 100", $"{burst.PerSecond:F0}", "requests/s",
            $"p50 {burst.P50:F0} ms, p95 {burst.P95:F0} ms; {seats.Count} seated ({seats.Distinct().Count()} distinct, max {(seats.Count == 0 ? 0 : seats.Max())}), {waiting} waiting, {burst.Failed} not 201");
    }

    private sealed record Burst(double PerSecond, double P50, double P95, int Failed);

    private static async Task<Burst> BurstAsync(List<Func<Task<HttpResponseMessage>>> calls)
    {
        var times = new List<double>();
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(calls.Select(async call =>
        {
            var clock = Stopwatch.StartNew();
            using var response = await call();
            var ms = clock.Elapsed.TotalMilliseconds;
            lock (times)
            {
                times.Add(ms);
                failed += response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created ? 0 : 1;
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var (p50, p95, _) = Stats.Of(times);
        return new Burst(calls.Count / elapsed, p50, p95, failed);
    }

    private static async Task<List<long>> VolunteersAsync(string database, int count)
    {
        var contexts = new HuyingContextFactory(DatabaseProvider.Sqlite, $"Data Source={database}", TimeProvider.System,
            new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        await using var db = contexts.Create(DataScope.System);
        db.AuditChanges = false;
        var made = Enumerable.Range(0, count).Select(i => new Volunteer
        {
            CommunityCode = "140882001001", Name = $"骑手{i:000}", Affiliation = Affiliation.NewEmploymentWorker, Platform = "美团", RegisteredAt = DateTime.UtcNow,
        }).ToList();
        db.Volunteers.AddRange(made);
        await db.SaveChangesAsync();
        return [.. made.Select(v => v.Id)];
    }

    /// <summary>One-off activities over this year across Yuanqu's communities: half with a partner unit, each with its served count and two confirmed places.</summary>
    internal static async Task<(int Activities, int Places)> FillAsync(string database, int count)
    {
        var contexts = new HuyingContextFactory(DatabaseProvider.Sqlite, $"Data Source={database}", TimeProvider.System,
            new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        var random = new Random(11);
        var now = DateTime.UtcNow;
        var yearStart = new DateTime(now.AddHours(8).Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-8);
        var span = (now.AddHours(-3) - yearStart).TotalMinutes;
        int places = 0;
        await using (var read = contexts.Create(DataScope.System))
        {
            var communities = await read.Communities.Where(c => c.CountyCode == "140827").Select(c => c.Code).ToListAsync();
            var units = (await read.PartnerUnitCommunities.AsNoTracking().ToListAsync()).GroupBy(l => l.CommunityCode).ToDictionary(g => g.Key, g => g.Select(l => l.PartnerUnitId).ToList());
            var volunteers = (await read.Volunteers.AsNoTracking().Where(v => v.CommunityCode.StartsWith("140827")).Select(v => new { v.Id, v.CommunityCode }).ToListAsync())
                .GroupBy(v => v.CommunityCode).ToDictionary(g => g.Key, g => g.Select(v => v.Id).ToList());
            var all = volunteers.Values.SelectMany(v => v).ToList();
            for (var batch = 0; batch < count; batch += 2000)
            {
                await using var db = contexts.Create(DataScope.System);
                db.AuditChanges = false;
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var made = new List<Activity>();
                for (var i = batch; i < Math.Min(count, batch + 2000); i++)
                {
                    var community = communities[random.Next(communities.Count)];
                    var start = yearStart.AddMinutes(random.NextDouble() * span);
                    var here = units.GetValueOrDefault(community) ?? [];
                    var a = new Activity
                    {
                        CommunityCode = community, Title = $"志愿服务{i}", Venue = "党群服务中心", StartsAt = start, EndsAt = start.AddHours(2), CreatedAt = start.AddDays(-3),
                        Posts = [new ActivityPost { Name = "服务岗", Capacity = 5 }],
                        Units = here.Count > 0 && i % 2 == 0 ? [new ActivityUnit { PartnerUnitId = here[random.Next(here.Count)] }] : [],
                        UnitCount = here.Count > 0 && i % 2 == 0 ? 1 : 0,
                    };
                    db.Activities.Add(a);
                    made.Add(a);
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
                foreach (var a in made)
                {
                    db.Occurrences.Add(new Occurrence { ActivityId = a.Id, CommunityCode = a.CommunityCode, StartsAt = a.StartsAt, PeopleServed = random.Next(10, 200) });
                    var pool = volunteers.GetValueOrDefault(a.CommunityCode) ?? all;
                    foreach (var (v, seat) in pool.OrderBy(_ => random.Next()).Take(2).Select((v, k) => (v, k + 1)))
                    {
                        db.SignUps.Add(new SignUp
                        {
                            CommunityCode = a.CommunityCode, ActivityId = a.Id, PostId = a.Posts[0].Id, VolunteerId = v, OccurrenceStart = a.StartsAt, OccurrenceEnd = a.EndsAt,
                            State = SignUpState.Taken, Seat = seat, SignedUpAt = a.CreatedAt, CheckedInAt = a.StartsAt, Hours = 2, HoursConfirmedAt = a.EndsAt, ConfirmedBy = "bench",
                        });
                        places++;
                    }
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
            }
            return (await read.Activities.CountAsync(), places);
        }
    }
}
