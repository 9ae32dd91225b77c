using Huying.Modules.Organisation;
using Huying.Modules.Pledges;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// Monthly pledges at a town's scale, served by the real app as its own process on SQLite: 裴社镇 grown to 60 villages
/// of 40 members, each member a pledge a month for 12 months (≈ 29k pledges); the town's compliance view of this month
/// and its figures for the year, against /healthz in the same run.
/// </summary>
internal static class PledgesBench
{
    private const string Town = "140823109";

    public static async Task RunAsync(Table table, int villages, int members, int months)
    {
        var folder = Directory.CreateTempSubdirectory("huying-pledges-").FullName;
        var database = Path.Combine(folder, "huying.db");
        try
        {
            await using (await AppProcess.StartAsync(database))
            {
            }
            var (made, pledges) = await FillAsync(database, villages, members, months);
            table.AddRow("pledges loaded", $"{pledges:N0}", "pledges", $"{made} villages × {members} members × {months} months (裴社镇 grown; each member one a month, one in ten without this month)");
            await using var app = await AppProcess.StartAsync(database, new Dictionary<string, string> { ["Demo__Enabled"] = "false" }, connections: 64);
            var town = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.Client.BaseAddress }
                .WithBearer(await app.TokenAsync("peishe.town"));
            var year = DateTime.UtcNow.AddHours(8).Year;
            await QueryBench.Measure(table, "baseline: GET /healthz (same run)", town, "/healthz");
            await QueryBench.Measure(table, "pledges compliance, the town, this month", town, $"/api/pledges/compliance?division={Town}");
            await QueryBench.Measure(table, "pledges figures, the town, this year", town, $"/api/pledges/figures?division={Town}&from={year}-01-01");
            await QueryBench.Measure(table, "pledges counts by month, the town, this year", town, $"/api/pledges/figures/counts?division={Town}&from={year}-01-01&by=month");
            await QueryBench.Measure(table, "the town's page /pledges", town, "/pledges");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    internal static async Task<(int Villages, int Pledges)> FillAsync(string database, int villages, int perVillage, int months)
    {
        var contexts = new HuyingContextFactory(DatabaseProvider.Sqlite, $"Data Source={database}", TimeProvider.System,
            new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        var random = new Random(12);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        await using var db = contexts.Create(DataScope.System);
        db.AuditChanges = false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var existing = await db.Communities.Where(c => c.Code.StartsWith(Town)).Select(c => c.Code).ToListAsync();
        // Made-up village codes above the real ones (300…): a bench town, never a place.
        db.Communities.AddRange(Enumerable.Range(0, Math.Max(0, villages - existing.Count)).Select(i => new Community
        {
            Code = $"{Town}{300 + i}", Name = $"基准村{i + 1}", TownCode = Town, CountyCode = Town[..6],
        }));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        var codes = await db.Communities.Where(c => c.Code.StartsWith(Town)).Select(c => c.Code).OrderBy(c => c).Take(villages).ToListAsync();
        foreach (var code in codes)
        {
            var have = await db.BranchMembers.CountAsync(m => m.CommunityCode == code);
            db.BranchMembers.AddRange(Enumerable.Range(have, Math.Max(0, perVillage - have)).Select(i => new BranchMember
            {
                CommunityCode = code, Name = $"党员{i:00}", JoinedOn = thisMonth.AddYears(-3),
            }));
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        var members = await db.BranchMembers.Where(m => codes.Contains(m.CommunityCode)).Select(m => new { m.Id, m.CommunityCode }).ToListAsync();
        var had = await db.Pledges.CountAsync(p => p.CommunityCode.StartsWith(Town));
        var batch = new List<Pledge>();
        for (var k = 0; k < months; k++)
        {
            var month = thisMonth.AddMonths(-k);
            foreach (var m in members)
            {
                if (k == 0 && random.Next(10) == 0)
                {
                    continue;
                }
                var state = k == 0 ? (PledgeState)random.Next(0, 6) : random.Next(4) == 0 ? PledgeState.Done : PledgeState.NotDone;
                batch.Add(new Pledge
                {
                    CommunityCode = m.CommunityCode, MemberId = m.Id, Month = month, Kind = (PledgeKind)(1 + random.Next(5)), Title = "为群众办一件实事",
                    DoneWhen = "群众满意", DueOn = month.AddDays(24), State = state, CreatedAt = DateTime.UtcNow,
                    ProgressAt = state >= PledgeState.Published && random.Next(2) == 0 ? DateTime.UtcNow : null,
                });
            }
        }
        foreach (var chunk in batch.Chunk(5000))
        {
            db.Pledges.AddRange(chunk);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return (codes.Count, had + batch.Count);
    }
}
