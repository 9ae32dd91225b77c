using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Huying.Bench;

/// <summary>
/// The cheapest intakes that still do an intake's work, for the benchmarks to measure Huying against in the same
/// run: its own process beside the app (the bench runs itself with <c>serve-baseline</c>), the same database (a
/// SQLite file with the app's per-connection pragmas, or PostgreSQL), Kestrel with nothing in the pipeline, the JSON
/// body read, and a matter row written. No authentication, no validation, no audit, no routing to a grid.
/// <c>/bench/baseline-intake</c>: one raw INSERT a request, in its own transaction.
/// <c>/bench/baseline-batch</c>: the group-commit ceiling: requests queue for one writer that commits up to 256
/// rows a transaction, and each request is answered once its row's transaction committed.
/// </summary>
internal static class BaselineServer
{
    public const string Command = "serve-baseline";
    private const int MaxBatch = 256;

    private sealed record Intake(string? CategoryCode, string? Description, string? CommunityCode, string? Address);

    private const string Insert = """
        INSERT INTO "Matters" ("TrackingCode", "CommunityCode", "Address", "CategoryCode", "Description", "Channel", "State", "Handler",
            "SubmittedAt", "SubmittedMonth", "SubmittedDay", "RespondDueAt", "DueAt", "WarnAt", "UpdatedAt", "ReopenCount",
            "ExtensionCount", "Counted", "WasAccepted", "AcceptedOnTime", "WasResolved", "ResolvedOnTime", "HandlingMinutes", "Rated",
            "Satisfied", "Version")
        VALUES (@code, @community, @address, @category, @description, 1, 1, 1, @now, @month, @day, @respond, @respond, @warn, @now,
            0, 0, TRUE, FALSE, FALSE, FALSE, FALSE, 0, FALSE, FALSE, 0)
        """;

    /// <summary>Runs until killed: <c>serve-baseline (--database FILE | --postgres CONNECTION) --port N</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // The baselines' statements are prepared on the server as the app's are (Providers.AutoPrepared).
        var postgres = Args.String(args, "--postgres") is { } given ? Huying.Platform.Data.HuyingContextFactory.AutoPrepared(given) : null;
        var database = Args.String(args, "--database");
        if (postgres is null && database is null)
        {
            throw new ArgumentException("--database or --postgres is required");
        }
        var port = Args.Int(args, "--port", 5599);
        var sqlite = new SqliteConnectionStringBuilder { DataSource = database, Pooling = true, ForeignKeys = true }.ToString();
        async Task<DbConnection> OpenAsync(CancellationToken ct)
        {
            DbConnection connection = postgres is null ? new SqliteConnection(sqlite) : new NpgsqlConnection(postgres);
            await connection.OpenAsync(ct);
            if (postgres is null)
            {
                await using var pragmas = connection.CreateCommand();
                // The app's per-connection pragmas (Platform/Data/Providers.cs), so both write to the file alike.
                pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA cache_size = -32000; PRAGMA mmap_size = 0;";
                await pragmas.ExecuteNonQueryAsync(ct);
            }
            return connection;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapPost("/bench/baseline-intake", async (HttpRequest request, CancellationToken ct) =>
        {
            var intake = await JsonSerializer.DeserializeAsync<Intake>(request.Body, JsonSerializerOptions.Web, ct);
            await using var connection = await OpenAsync(ct);
            await using var command = connection.CreateCommand();
            var code = Bind(command, intake);
            await command.ExecuteNonQueryAsync(ct);
            return Results.Created($"/bench/{code}", new { trackingCode = code });
        });
        var queue = Channel.CreateUnbounded<(Intake? Intake, TaskCompletionSource<string> Done)>(new UnboundedChannelOptions { SingleReader = true });
        _ = Task.Run(async () =>
        {
            var batch = new List<(Intake? Intake, TaskCompletionSource<string> Done)>(MaxBatch);
            while (await queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                try
                {
                    await using var connection = await OpenAsync(CancellationToken.None);
                    await using var transaction = await connection.BeginTransactionAsync();
                    var codes = new List<string>(batch.Count);
                    foreach (var (intake, _) in batch)
                    {
                        await using var command = connection.CreateCommand();
                        command.Transaction = transaction;
                        codes.Add(Bind(command, intake));
                        await command.ExecuteNonQueryAsync();
                    }
                    await transaction.CommitAsync();
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Done.TrySetResult(codes[i]);
                    }
                }
                catch (Exception e)
                {
                    batch.ForEach(b => b.Done.TrySetException(e));
                }
                batch.Clear();
            }
        });
        app.MapPost("/bench/baseline-batch", async (HttpRequest request, CancellationToken ct) =>
        {
            var intake = await JsonSerializer.DeserializeAsync<Intake>(request.Body, JsonSerializerOptions.Web, ct);
            var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Writer.TryWrite((intake, done));
            var code = await done.Task;
            return Results.Created($"/bench/{code}", new { trackingCode = code });
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>The INSERT of one matter row with its values; returns the row's tracking code.</summary>
    private static string Bind(DbCommand command, Intake? intake)
    {
        var now = DateTime.UtcNow;
        var code = "B" + Guid.NewGuid().ToString("N")[..11].ToUpperInvariant();
        command.CommandText = Insert;
        void Add(string name, object? value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        Add("@code", code);
        Add("@community", intake?.CommunityCode ?? "");
        Add("@address", intake?.Address);
        Add("@category", intake?.CategoryCode ?? "");
        Add("@description", intake?.Description ?? "");
        Add("@now", now);
        Add("@month", Huying.Modules.Matters.Matter.MonthOf(now));
        Add("@day", Huying.Modules.Matters.Matter.DayOf(now));
        Add("@respond", now.AddHours(2));
        Add("@warn", now.AddHours(1.6));
        return code;
    }

    /// <summary>Starts the baseline as its own process on the app's database file.</summary>
    public static Task<AppProcess> StartAsync(string database, int connections, bool postgres = false)
    {
        var bench = typeof(BaselineServer).Assembly.Location;
        return AppProcess.StartAsync(new ProcessStartInfo("dotnet", [bench, Command, postgres ? "--postgres" : "--database", database, "--port", "{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(bench)!,
        }, connections);
    }
}
