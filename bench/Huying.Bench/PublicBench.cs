using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Huying.Bench;

/// <summary>
/// Public pages under a crowd (a QR poster in a courtyard): the Release app as its own process on the demo, rate
/// limits lifted, many connections at once for a few seconds each; a static file is the baseline of the same run
/// (what the server does when the app does nothing).
/// </summary>
internal static class PublicBench
{
    public static async Task RunAsync(Table table, int seconds, int connections)
    {
        var folder = Directory.CreateTempSubdirectory("huying-public-").FullName;
        try
        {
            // Static files from the published app's own wwwroot, as a county's server serves them.
            var settings = new Dictionary<string, string> { ["RateLimits__PublicPerMinute"] = "100000000" };
            await using var app = await AppProcess.StartAsync(Path.Combine(folder, "huying.db"), settings, connections);
            double? baseline = null;
            foreach (var (name, url) in new[]
            {
                ("baseline: a static file (same run)", "/css/site.css"),
                ("GET /healthz", "/healthz"),
                ("the OpenAPI document (GET /openapi/v1.json)", "/openapi/v1.json"),
                ("a community's public home (GET /c/140827400016)", "/c/140827400016"),
                ("a community's notice board (GET /c/140827400016/notices)", "/c/140827400016/notices"),
                ("the heritage report page (GET /heritage/report)", "/heritage/report"),
            })
            {
                var (perSecond, p99, errors) = await CrowdAsync(app, url, seconds, connections);
                baseline ??= perSecond;
                table.AddRow(name, $"{perSecond:N0}", "req/s", $"p99 {p99:F1} ms, {errors} errors, {connections} connections, {seconds} s, anonymous"
                    + (url == "/css/site.css" ? "" : $"; {perSecond / baseline:F2}× the static file"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    private static async Task<(double PerSecond, double P99, int Errors)> CrowdAsync(AppProcess app, string url, int seconds, int connections)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false }) { BaseAddress = app.Client.BaseAddress };
        // Warm up: the first answer may build what later ones reuse.
        if (await client.GetAsync(url) is { IsSuccessStatusCode: false } refused)
        {
            throw new InvalidOperationException($"{url} answered {(int)refused.StatusCode}");
        }
        var latencies = new ConcurrentBag<double>();
        var (ok, errors) = (0, 0);
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < stop)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var sorted = latencies.OrderBy(x => x).ToList();
        return (ok / total.Elapsed.TotalSeconds, sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1], errors);
    }
}
