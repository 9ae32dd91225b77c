using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Huying.Modules.Heritage;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// Heritage at a city's scale, served by the real app as its own process (SQLite, and PostgreSQL when
/// HUYING_BENCH_POSTGRES is set): a census file of 50,000 rows imported through the API and imported again (no
/// change), against parsing the same file in this process (the baseline: what reading it costs at all); the lean map
/// data and the full list for a city of 5,000 sites, against /healthz in the same run.
/// </summary>
internal static class HeritageBench
{
    private const string City = "140881";

    public static Task RunAsync(Table table, int rows, int sites) =>
        BenchTarget.EachAsync("heritage", target => MeasureAsync(table, target, rows, sites));

    private static async Task MeasureAsync(Table table, BenchTarget t, int rows, int sites)
    {
        var (target, provider, connection, settings, database) = (t.Name, t.Provider, t.Connection, t.Settings, t.DatabaseFile);
        await using (await AppProcess.StartAsync(database, settings))
        {
        }
        var villages = await FillAsync(provider, connection, sites);
        await using var app = await AppProcess.StartAsync(database, new Dictionary<string, string>(settings) { ["Demo__Enabled"] = "false", ["Background__Enabled"] = "false" });
        var centre = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(10) }.WithBearer(await app.TokenAsync("yongji.heritage"));

        var csv = Csv(rows, villages);
        // The baseline: reading the same file at all (MiniExcel, in this process).
        var watch = Stopwatch.StartNew();
        var parsed = (await new MemoryStream(csv).QueryAsync(useHeaderRow: true, excelType: ExcelType.CSV)).Count();
        var parseSeconds = watch.Elapsed.TotalSeconds;
        table.AddRow($"baseline: parse the census file ({target})", $"{parsed / parseSeconds:N0}", "rows/s", $"{parsed:N0} rows in {parseSeconds:F2} s, in the bench process");
        foreach (var (label, expectAdded) in new[] { ("census import, 50k rows", rows), ("census re-import (no change)", 0) })
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "census.csv" } };
            watch.Restart();
            var response = await centre.PostAsync("/api/heritage/census", form);
            var body = await response.Content.ReadAsStringAsync();
            var seconds = watch.Elapsed.TotalSeconds;
            var outcome = System.Text.Json.JsonDocument.Parse(body).RootElement;
            if (!response.IsSuccessStatusCode || outcome.GetProperty("added").GetInt32() != expectAdded || outcome.GetProperty("problems").GetArrayLength() > 0)
            {
                throw new InvalidOperationException($"The census import did not do what was expected: {body[..Math.Min(400, body.Length)]}");
            }
            table.AddRow($"{label} ({target})", $"{rows / seconds:N0}", "rows/s", $"{rows:N0} rows in {seconds:F1} s through the API, {outcome.GetProperty("added").GetInt32():N0} added");
        }
        await QueryBench.Measure(table, $"baseline: GET /healthz (same run, {target})", centre, "/healthz");
        // A fast answer that left sites out would be no answer: the map must carry every site of the city.
        using (var map = JsonDocument.Parse(await centre.GetStringAsync($"/api/heritage/map?division={City}")))
        {
            var count = map.RootElement.GetProperty("sites").GetArrayLength();
            if (count < sites)
            {
                throw new InvalidOperationException($"The map carried {count} sites of {sites}");
            }
        }
        await QueryBench.Measure(table, $"heritage: the city's {sites:N0} sites for the map ({target})", centre, $"/api/heritage/map?division={City}");
        await QueryBench.Measure(table, $"heritage: the city's {sites:N0} sites' full cards, the list ({target})", centre, $"/api/heritage/sites?division={City}");
    }

    private static byte[] Csv(int rows, IReadOnlyList<string> villages)
    {
        var random = new Random(81);
        var text = new StringBuilder(string.Join(",", CensusImport.Columns) + "\n");
        string[] types = ["AncientSite", "AncientTomb", "AncientBuilding", "GrottoAndCarving", "ModernHistoric", "Other"];
        string[] methods = ["OnFoot", "Drone", "Rtk", "DroneAndRtk"];
        for (var i = 0; i < rows; i++)
        {
            var lat = (34.7 + random.NextDouble() * 0.35).ToString("F6", CultureInfo.InvariantCulture);
            var lon = (110.25 + random.NextDouble() * 0.45).ToString("F6", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"B{i:000000},普查点{i},{types[i % types.Length]},明清,{villages[i % villages.Count]},{lat},{lon},2025-0{1 + i % 9}-1{i % 10},调查组{i % 40},{methods[i % methods.Length]}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Grows the city to the given number of sites (the demo's and new finds across its villages); returns its village codes.</summary>
    internal static async Task<List<string>> FillAsync(DatabaseProvider provider, string connection, int count)
    {
        var contexts = new HuyingContextFactory(provider, connection, TimeProvider.System,
            new Huying.Platform.Composition.ModuleList(global::Program.Modules()), AppProcess.Chain);
        await using var db = contexts.Create(DataScope.System);
        db.AuditChanges = false;
        var villages = await db.Communities.AsNoTracking().Where(c => c.Code.StartsWith(City)).Select(c => c.Code).ToListAsync();
        var zones = await db.Set<ResponsibilityZone>().AsNoTracking().Where(z => z.CommunityCode.StartsWith(City)).ToDictionaryAsync(z => z.CommunityCode[..9], z => z.Id);
        var random = new Random(5);
        var have = await db.Set<HeritageSite>().CountAsync(s => s.CommunityCode.StartsWith(City));
        var now = DateTime.UtcNow;
        db.Set<HeritageSite>().AddRange(Enumerable.Range(0, Math.Max(0, count - have)).Select(i =>
        {
            var village = villages[random.Next(villages.Count)];
            return new HeritageSite
            {
                Name = $"新发现点{i}", Level = ProtectionLevel.NewlyFound, Type = (SiteType)random.Next(1, 7), CommunityCode = village, Era = "清",
                Latitude = 34.7 + random.NextDouble() * 0.35, Longitude = 110.25 + random.NextDouble() * 0.45, SurveyedOn = new DateOnly(2025, 5, 1),
                NewlyRegistered = true, RegisteredOn = new DateOnly(2025, 6, 1), ZoneId = zones.GetValueOrDefault(village[..9]), CreatedAt = now, UpdatedAt = now,
            };
        }));
        await db.SaveChangesAsync();
        return villages;
    }
}
