using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Huying.Bench;

/// <summary>
/// The cheapest intake that still does an intake's work, for the matters benchmark to measure Huying against in the
/// same run: its own process beside the app (the bench runs itself with <c>serve-baseline</c>), the same SQLite file
/// and per-connection pragmas, Kestrel with nothing in the pipeline, the JSON body read, one raw INSERT of a matter
/// row per request. No authentication, no validation, no audit, no routing to a grid.
/// </summary>
internal static class BaselineServer
{
    public const string Command = "serve-baseline";

    private sealed record Intake(string? CategoryCode, string? Description, string? CommunityCode, string? Address);

    /// <summary>Runs until killed: <c>serve-baseline --database FILE --port N</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var database = Args.String(args, "--database") ?? throw new ArgumentException("--database is required");
        var port = Args.Int(args, "--port", 5599);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = true, ForeignKeys = true }.ToString();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapPost("/bench/baseline-intake", async (HttpRequest request, CancellationToken ct) =>
        {
            var intake = await JsonSerializer.DeserializeAsync<Intake>(request.Body, JsonSerializerOptions.Web, ct);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            // The app's per-connection pragmas (Platform/Data/Providers.cs), so both write to the file alike.
            command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA cache_size = -32000; PRAGMA mmap_size = 1073741824;";
            await command.ExecuteNonQueryAsync(ct);
            var now = DateTime.UtcNow;
            var code = "B" + Guid.NewGuid().ToString("N")[..11].ToUpperInvariant();
            command.CommandText = """
                INSERT INTO "Matters" ("TrackingCode", "CommunityCode", "Address", "CategoryCode", "Description", "Channel", "State", "Handler",
                    "SubmittedAt", "SubmittedMonth", "SubmittedDay", "RespondDueAt", "DueAt", "WarnAt", "NextNoticeAt", "UpdatedAt", "ReopenCount",
                    "ExtensionCount", "Counted", "WasAccepted", "AcceptedOnTime", "WasResolved", "ResolvedOnTime", "HandlingMinutes", "Rated",
                    "Satisfied", "Version")
                VALUES ($code, $community, $address, $category, $description, 1, 1, 1, $now, $month, $day, $respond, $respond, $warn, $warn, $now,
                    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)
                """;
            command.Parameters.AddWithValue("$code", code);
            command.Parameters.AddWithValue("$community", intake?.CommunityCode ?? "");
            command.Parameters.AddWithValue("$address", (object?)intake?.Address ?? DBNull.Value);
            command.Parameters.AddWithValue("$category", intake?.CategoryCode ?? "");
            command.Parameters.AddWithValue("$description", intake?.Description ?? "");
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$month", Huying.Modules.Matters.Matter.MonthOf(now));
            command.Parameters.AddWithValue("$day", Huying.Modules.Matters.Matter.DayOf(now));
            command.Parameters.AddWithValue("$respond", now.AddHours(2));
            command.Parameters.AddWithValue("$warn", now.AddHours(1.6));
            await command.ExecuteNonQueryAsync(ct);
            return Results.Created($"/bench/{code}", new { trackingCode = code });
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>Starts the baseline as its own process on the app's database file.</summary>
    public static Task<AppProcess> StartAsync(string database, int connections)
    {
        var bench = typeof(BaselineServer).Assembly.Location;
        return AppProcess.StartAsync(new ProcessStartInfo("dotnet", [bench, Command, "--database", database, "--port", "{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(bench)!,
        }, connections);
    }
}
