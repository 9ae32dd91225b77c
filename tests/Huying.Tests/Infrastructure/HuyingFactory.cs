using System.Net.Http.Headers;
using System.Net.Http.Json;
using Huying.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Huying.Tests.Infrastructure;

/// <summary>The real app on a database of its own, seeded with the Yuanqu demo on start.</summary>
public sealed class HuyingFactory(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
{
    public DatabaseProvider Provider { get; } = provider;
    public string ConnectionString { get; } = connectionString;

    /// <summary>Uploads of this app instance, removed with it.</summary>
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), $"huying-files-{Guid.NewGuid():N}");

    /// <summary>The audit chain's key file and checkpoints of this app instance, removed with it.</summary>
    public string AuditRoot { get; } = Path.Combine(Path.GetTempPath(), $"huying-audit-{Guid.NewGuid():N}");

    /// <summary>What the app logged as errors, with their exceptions.</summary>
    public ServerErrorLog ServerErrors { get; } = new();

    /// <summary>The hosting environment (Testing unless a test needs Production's defaults).</summary>
    public string Environment { get; set; } = "Testing";

    /// <summary>Settings that override the test defaults below.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureLogging(logging => logging.AddProvider(ServerErrors));
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Huying", ConnectionString);
        if (Environment == "Testing")
        {
            builder.UseSetting("Demo:Enabled", "true");
        }
        builder.UseSetting("Files:Root", FilesRoot);
        builder.UseSetting("Audit:KeyFile", Path.Combine(AuditRoot, "chain.key"));
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:PublicPerMinute", "100000");
        builder.UseSetting("RateLimits:UserPerMinute", "100000");
        // Every test client comes from one address: its own count would soon slow everyone (tested with a fake clock);
        // a first wait long enough that no test races it.
        builder.UseSetting("SignIn:AddressFreeFailures", "100000");
        builder.UseSetting("SignIn:FirstWaitSeconds", "30");
        // No loop on the real clock: a test runs a sweep or a dispatch itself, on a clock it holds.
        builder.UseSetting("Background:Enabled", "false");
        if (Provider == DatabaseProvider.Postgres)
        {
            // One intake writer is the default; two here, so that intakes raised at once race batch against batch for the
            // chain and the rollup rows, as two instances' writers do in production.
            builder.UseSetting("Matters:IntakeWriters", "2");
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A fresh database: a temp SQLite file, or a new database on the test PostgreSQL server.</summary>
    public static async Task<HuyingFactory> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"huying-test-{Guid.NewGuid():N}.db");
            return new HuyingFactory(provider, $"Data Source={file}");
        }
        var server = System.Environment.GetEnvironmentVariable("HUYING_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "HUYING_TEST_POSTGRES is not set: run ./test.sh, which starts a throw-away PostgreSQL server.");
        var name = $"huying_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new HuyingFactory(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var folder in new[] { FilesRoot, AuditRoot })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            var name = builder.Database;
            builder.Database = "postgres";
            await using var connection = new NpgsqlConnection(builder.ToString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

public sealed record TokenResponse(string AccessToken, int ExpiresIn);

public static class ClientExtensions
{
    public const string Password = "Huying@2026";

    public static async Task<string> TokenAsync(this HttpClient client, string userName, string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
