using System.Diagnostics;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// The suite's fuzzing at length: generated requests to every JSON endpoint of the OpenAPI document, on a database of
/// its own per provider (SQLite; PostgreSQL when HUYING_BENCH_POSTGRES names a server, through HUYING_TEST_POSTGRES).
/// </summary>
internal static class FuzzBench
{
    public static async Task RunAsync(Table table, int cases)
    {
        var providers = new List<(string Name, DatabaseProvider Provider)> { ("SQLite", DatabaseProvider.Sqlite) };
        if (Environment.GetEnvironmentVariable("HUYING_BENCH_POSTGRES") is { Length: > 0 } pg)
        {
            Environment.SetEnvironmentVariable("HUYING_TEST_POSTGRES", pg);
            providers.Add(("PostgreSQL", DatabaseProvider.Postgres));
        }
        foreach (var (name, provider) in providers)
        {
            await using var factory = await HuyingFactory.CreateAsync(provider);
            var watch = Stopwatch.StartNew();
            var failures = await Fuzz.RunAsync(factory, cases, seed: null);
            foreach (var failure in failures)
            {
                // In full below the table: the request and what came back, to reproduce it.
                Console.Error.WriteLine($"fuzz ({name}): {failure}");
            }
            table.AddRow($"fuzz: generated requests to every JSON endpoint ({name})", $"{failures.Count}", "5xx",
                $"of {cases:N0} cases in {watch.Elapsed.TotalSeconds:F0} s" + (failures.Count == 0 ? "" : ": " + Markup.Escape(string.Join(" | ", failures.Take(3)))));
            watch.Restart();
            var uploads = cases;
            var refused = await ImportFuzz.RunAsync(factory, uploads, seed: null);
            foreach (var failure in refused)
            {
                Console.Error.WriteLine($"import fuzz ({name}): {failure}");
            }
            table.AddRow($"fuzz: generated files to every importer ({name})", $"{refused.Count}", "failures",
                $"5xx or refused-yet-saved, of {uploads:N0} uploads in {watch.Elapsed.TotalSeconds:F0} s" + (refused.Count == 0 ? "" : ": " + Markup.Escape(string.Join(" | ", refused.Take(3)))));
        }
    }
}
