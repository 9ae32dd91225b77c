using Huying.Platform.Data;
using Microsoft.Data.Sqlite;

namespace Huying.Bench;

/// <summary>Where a benchmark runs the app: a fresh SQLite file, or a fresh PostgreSQL database on the bench's server.</summary>
internal sealed record BenchTarget(string Name, DatabaseProvider Provider, string Connection, Dictionary<string, string> Settings)
{
    /// <summary>The SQLite file the app process is started on (its settings name the PostgreSQL database instead).</summary>
    public string DatabaseFile => Connection.StartsWith("Data Source=", StringComparison.Ordinal) ? Connection["Data Source=".Length..] : "unused.db";

    /// <summary>
    /// Runs <paramref name="measure"/> on a fresh SQLite file and, when HUYING_BENCH_POSTGRES names a server, on a fresh
    /// PostgreSQL database. HUYING_BENCH_KEEP=1 keeps the SQLite file to read its query plans; HUYING_BENCH_SKIP_SQLITE=1
    /// runs PostgreSQL's alone.
    /// </summary>
    public static async Task EachAsync(string name, Func<BenchTarget, Task> measure)
    {
        var folder = Directory.CreateTempSubdirectory($"huying-{name}-").FullName;
        try
        {
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_SKIP_SQLITE") != "1")
            {
                await measure(new BenchTarget("SQLite", DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "huying.db")}", []));
            }
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_POSTGRES") is { Length: > 0 } pg)
            {
                var database = $"huying_{name}_{Guid.NewGuid():N}";
                await using (var c = new Npgsql.NpgsqlConnection(pg))
                {
                    await c.OpenAsync();
                    await new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", c).ExecuteNonQueryAsync();
                }
                var connection = new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = database }.ToString();
                await measure(new BenchTarget("PostgreSQL", DatabaseProvider.Postgres, connection,
                    new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Huying"] = connection }));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("HUYING_BENCH_KEEP") == "1")
            {
                Console.WriteLine($"Kept {folder}");
            }
            else
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
