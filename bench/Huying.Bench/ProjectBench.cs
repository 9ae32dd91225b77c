using System.Diagnostics;
using Huying.Modules.Projects;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// The summary table (项目清单汇总表) for a county of 15 communities × 500 projects × 10 milestones, served by the
/// real app as its own process on SQLite: the page, the whole county's JSON and its .xlsx export, with the app's RSS.
/// </summary>
internal static class ProjectBench
{
    public static async Task RunAsync(Table table, int perCommunity, int milestones)
    {
        var folder = Directory.CreateTempSubdirectory("huying-projects-").FullName;
        var database = Path.Combine(folder, "huying.db");
        try
        {
            await using (await AppProcess.StartAsync(database))
            {
            }
            var watch = Stopwatch.StartNew();
            var (projects, rows) = await FillAsync(database, perCommunity, milestones);
            table.AddRow("projects loaded for the summary", $"{projects:N0}", "projects", $"{rows:N0} milestones, {watch.Elapsed.TotalSeconds:F0} s to insert");
            AppProcess.KeepCopy(database);

            await using var app = await AppProcess.StartAsync(database, new Dictionary<string, string> { ["Demo__Enabled"] = "false" });
            var county = new HttpClient { BaseAddress = app.Client.BaseAddress }.WithBearer(await app.TokenAsync("county"));
            var staff = new HttpClient { BaseAddress = app.Client.BaseAddress }.WithBearer(await app.TokenAsync("fuqian.staff"));
            await QueryBench.Measure(table, "summary page, county, page 1 of 100 rows", county, "/projects");
            await QueryBench.Measure(table, "summary page, county, late projects", county, "/projects?status=late");
            await QueryBench.Measure(table, "summary page, one community (府前)", staff, "/projects?community=140827400016&p=3");
            await QueryBench.Measure(table, "project figures, county", county, "/api/projects/figures");

            var before = app.RssMiB();
            var times = new List<double>();
            var peak = before;
            long bytes = 0;
            long jsonBytes = 0;
            var jsonTimes = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var clock = Stopwatch.StartNew();
                var json = await county.GetByteArrayAsync("/api/projects/summary");
                jsonTimes.Add(clock.Elapsed.TotalMilliseconds);
                jsonBytes = json.Length;
                clock.Restart();
                using var sampler = new CancellationTokenSource();
                var sampling = Task.Run(async () =>
                {
                    while (!sampler.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, app.RssMiB());
                        await Task.Delay(20);
                    }
                });
                var file = await county.GetByteArrayAsync("/api/projects/summary.xlsx");
                times.Add(clock.Elapsed.TotalMilliseconds);
                await sampler.CancelAsync();
                await sampling;
                bytes = file.Length;
            }
            var (jp50, jp95, _) = Stats.Of(jsonTimes);
            table.AddRow("summary JSON, whole county (GET /api/projects/summary)", $"{jp50:F0} / {jp95:F0}", "ms p50 / p95", $"{projects:N0} rows, {jsonBytes / 1024.0 / 1024:F1} MiB, 10 requests");
            var (p50, p95, max) = Stats.Of(times);
            table.AddRow("summary .xlsx export, whole county", $"{p50:F0} / {p95:F0}", "ms p50 / p95", $"max {max:F0} ms, {bytes / 1024.0:F0} KiB file, 10 exports");
            table.AddRow("RSS during the exports", $"{before:F0} → {peak:F0}", "MiB", "before the first export → peak while exporting");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Each community topped up to the given number of projects, each with its milestones, unit and need.</summary>
    internal static async Task<(int Projects, int Milestones)> FillAsync(string database, int perCommunity, int milestones)
    {
        var contexts = new HuyingContextFactory(DatabaseProvider.Sqlite, $"Data Source={database}", TimeProvider.System, new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        var random = new Random(500);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string[] categories = ["roads", "drainage", "sanitation", "parking", "lighting", "facilities", "care", "other"];
        string[] steps = ["勘察设计", "方案公示", "物资采购", "进场施工", "主体完工", "配套安装", "清理场地", "自查整改", "资料归档", "申请验收"];
        int total = 0, rows = 0;
        await using (var db = contexts.Create(DataScope.System))
        {
            var places = await db.Buildings.AsNoTracking().Select(b => new { b.Id, b.Name, b.GridId, b.CommunityCode }).ToListAsync();
            var links = await db.PartnerUnitCommunities.AsNoTracking().ToListAsync();
            var existing = await db.Projects.GroupBy(p => p.CommunityCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
            foreach (var community in places.Select(p => p.CommunityCode).Distinct().Order())
            {
                var here = places.Where(p => p.CommunityCode == community).ToList();
                var units = links.Where(l => l.CommunityCode == community).Select(l => l.PartnerUnitId).ToList();
                var missing = perCommunity - existing.GetValueOrDefault(community);
                for (var batch = 0; batch < missing; batch += 250)
                {
                    await using var write = contexts.Create(DataScope.System);
                    write.AuditChanges = false;
                    write.ChangeTracker.AutoDetectChangesEnabled = false;
                    var made = new List<(Project Project, Need Need)>();
                    for (var i = batch; i < Math.Min(missing, batch + 250); i++)
                    {
                        var place = here[random.Next(here.Count)];
                        var unit = units[random.Next(units.Count)];
                        var start = today.AddDays(-random.Next(20, 330));
                        var need = new Need
                        {
                            CommunityCode = community, BuildingId = place.Id, GridId = place.GridId, Place = place.Name, CategoryCode = categories[random.Next(categories.Length)],
                            Title = $"{place.Name}需求{i}", PeopleAffected = random.Next(200), Source = NeedSource.Visit, Status = NeedStatus.InProgress,
                            CreatedAt = start.AddDays(-10).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        };
                        var project = new Project
                        {
                            CommunityCode = community, Title = $"{place.Name}改造项目{i}", Place = place.Name, BuildingId = place.Id, StartOn = start,
                            CreatedAt = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        };
                        project.Units.Add(new ProjectUnit { PartnerUnitId = unit });
                        var plan = Enumerable.Range(0, milestones).Select(k => new Milestone
                        {
                            Project = project, CommunityCode = community, PartnerUnitId = unit, Title = steps[k % steps.Length], DueOn = start.AddDays(12 * (k + 1)),
                            Workers = 2 + random.Next(8), Budget = 1000 * random.Next(1, 50),
                        }).ToList();
                        foreach (var m in plan.Where(m => m.DueOn < today.AddDays(-random.Next(0, 15))))
                        {
                            m.DoneOn = m.DueOn.AddDays(random.Next(-2, 3));
                        }
                        project.Recount(plan, project.CreatedAt);
                        project.Status = project.MilestonesDone == milestones && random.Next(4) > 0 ? ProjectStatus.Accepted
                            : project.MilestonesDone == milestones ? ProjectStatus.AwaitingAcceptance
                            : project.MilestonesDone > 0 ? ProjectStatus.InProgress : ProjectStatus.Planned;
                        project.CompletedOn = project.Status == ProjectStatus.Accepted ? project.PlannedEndOn!.Value.AddDays(random.Next(-3, 6)) : null;
                        write.Needs.Add(need);
                        write.Projects.Add(project);
                        write.Milestones.AddRange(plan);
                        made.Add((project, need));
                        rows += plan.Count;
                    }
                    write.ChangeTracker.DetectChanges();
                    await write.SaveChangesAsync();
                    write.ProjectNeeds.AddRange(made.Select(x => new ProjectNeed { ProjectId = x.Project.Id, NeedId = x.Need.Id }));
                    write.ChangeTracker.DetectChanges();
                    await write.SaveChangesAsync();
                    total += made.Count;
                }
            }
            total = await db.Projects.CountAsync();
        }
        return (total, rows);
    }
}
