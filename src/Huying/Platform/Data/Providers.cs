using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Huying.Platform.Composition;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Huying.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The SQLite flavour of the context; its migrations live under src/Huying/Migrations/Sqlite.</summary>
public sealed class SqliteHuyingDbContext(DbContextOptions options, IScopeSource scope, TimeProvider clock, ModuleList modules)
    : HuyingDbContext(options, scope, clock, modules)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite keeps no kind with a time; everything stored is UTC.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The PostgreSQL flavour of the context; its migrations live under src/Huying/Migrations/Postgres.</summary>
public sealed class PostgresHuyingDbContext(DbContextOptions options, IScopeSource scope, TimeProvider clock, ModuleList modules)
    : HuyingDbContext(options, scope, clock, modules);

/// <summary>One model per context type and module list (the modules add the model's filters).</summary>
internal sealed class ModuleModelCacheKey : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), ((HuyingDbContext)context).ModuleList.Key, designTime);
}

/// <summary>Builds contexts for a given scope; the web request's scope, or <see cref="DataScope.System"/>.</summary>
public sealed class HuyingContextFactory
{
    private readonly DbContextOptions options;
    private readonly TimeProvider clock;
    private readonly ModuleList modules;

    private readonly Audit.ChainKey chain;

    public HuyingContextFactory(DatabaseProvider provider, string connectionString, TimeProvider clock, ModuleList modules, Audit.ChainKey chain)
    {
        this.chain = chain;
        Provider = provider;
        ConnectionString = connectionString;
        this.clock = clock;
        this.modules = modules;
        options = Build(provider, connectionString);
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>
    /// A streaming replica of the primary (<c>ConnectionStrings:HuyingReadOnly</c>, PostgreSQL only), or null: the
    /// figures' reads go there (<see cref="ReplicaReadAttribute"/>) unless the reader has just written.
    /// </summary>
    public string? ReplicaConnectionString
    {
        get => replicaConnectionString;
        init
        {
            replicaConnectionString = string.IsNullOrWhiteSpace(value) ? null : value;
            replicaOptions = replicaConnectionString is null ? null : Build(Provider, replicaConnectionString);
        }
    }

    private readonly string? replicaConnectionString;
    private readonly DbContextOptions? replicaOptions;

    /// <summary>Told of the communities each committed transaction changed (the app's public page cache).</summary>
    public IReadOnlyList<ICommitListener> CommitListeners { get; init; } = [];

    /// <summary>Who wrote a moment ago (read-your-writes); set by the app, null in tools.</summary>
    public RecentWriters? RecentWriters { get; init; }

    public HuyingDbContext Create(IScopeSource scope) => Create(scope, replica: false);

    /// <summary>A context on the primary, or with <paramref name="replica"/> on the replica when there is one (it cannot save).</summary>
    public HuyingDbContext Create(IScopeSource scope, bool replica)
    {
        var onReplica = replica && replicaOptions is not null;
        var chosen = onReplica ? replicaOptions! : options;
        HuyingDbContext db = Provider == DatabaseProvider.Sqlite
            ? new SqliteHuyingDbContext(chosen, scope, clock, modules)
            : new PostgresHuyingDbContext(chosen, scope, clock, modules);
        db.Chain = chain;
        db.CommitListeners = CommitListeners;
        db.RecentWriters = RecentWriters;
        db.OnReplica = onReplica;
        return db;
    }

    /// <summary>
    /// A list in a query (a reader's communities in every scope filter, a division's communities) goes to the database as
    /// one parameter (a JSON array on SQLite, an array on PostgreSQL), not as one parameter per element: a city reader's
    /// 300 communities, repeated in each scoped table's filter, made every statement hundreds of parameters long, and
    /// preparing and binding them cost more than running it (the city's dashboard 237 → 151 ms at 1M matters).
    /// </summary>
    public static DbContextOptions Build(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<HuyingDbContext>();
        if (provider == DatabaseProvider.Sqlite)
        {
            builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__migrations").UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(new SqlitePragmas())
                // A transaction disposed without a commit or a rollback (an exception on the way, a look that found
                // nothing to do) is not told to the interceptors: its end gives the write gate back all the same.
                .LogTo((id, _) => id == RelationalEventId.TransactionDisposed,
                    e => ((e as TransactionEventData)?.Context as HuyingDbContext)?.TransactionEnded());
        }
        else
        {
            builder.UseNpgsql(AutoPrepared(connectionString), o => o.MigrationsHistoryTable("__migrations").UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }
        builder.AddInterceptors(new CommitInterceptor());
        builder.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning))
            .ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKey>();
#pragma warning disable EF1001 // EF's internal service (below); a test fails if a set stops being readable.
        builder.ReplaceService<Microsoft.EntityFrameworkCore.Internal.IDbSetInitializer, NoSetFilling>();
#pragma warning restore EF1001
        return builder.Options;
    }

    /// <summary>
    /// Statements a pooled PostgreSQL connection runs again and again (the intake's INSERTs, the scope-filtered reads)
    /// are prepared on the server once, unless the connection string says otherwise (<c>Max Auto Prepare=0</c> behind a
    /// pooler that cannot keep them): parsing and planning a 40-column INSERT each time was half the server's CPU an
    /// intake (0.48 → 0.23 ms, intake 1,914 → 2,959 a second, in `bench --only intake`; docs/scale.md).
    /// </summary>
    public static string AutoPrepared(string connectionString)
    {
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            (csb.MaxAutoPrepare, csb.AutoPrepareMinUsages) = (64, 2);
        }
        return csb.ConnectionString;
    }

    /// <summary>The SQLite file's folder is created on first run; WAL is set once and persists in the file.</summary>
    public static string PrepareSqlite(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }
        return csb.ToString();
    }

    /// <summary>Tells the context's commit listeners of what a transaction changed once it has committed, not before.</summary>
    private sealed class CommitInterceptor : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result)
        {
            (eventData.Context as HuyingDbContext)?.TransactionStarting();
            return result;
        }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is HuyingDbContext db)
            {
                await db.TransactionStartingAsync(cancellationToken);
            }
            return result;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
        {
            (eventData.Context as HuyingDbContext)?.TransactionEnded();
            (eventData.Context as HuyingDbContext)?.CommittedAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            (eventData.Context as HuyingDbContext)?.TransactionEnded();
            return (eventData.Context as HuyingDbContext)?.CommittedAsync(cancellationToken) ?? Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
        {
            (eventData.Context as HuyingDbContext)?.TransactionEnded();
            (eventData.Context as HuyingDbContext)?.RolledBack();
        }

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            (eventData.Context as HuyingDbContext)?.TransactionEnded();
            (eventData.Context as HuyingDbContext)?.RolledBack();
            return Task.CompletedTask;
        }
    }

    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        // The native connections already set up: a pooled connection keeps its settings, so the five statements are
        // parsed and run once a connection, not at every open of every request.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Set = [];

        private static void Apply(System.Data.Common.DbConnection connection)
        {
            var handle = ((Microsoft.Data.Sqlite.SqliteConnection)connection).Handle;
            if (handle is not null && Set.TryGetValue(handle, out _))
            {
                return;
            }
            using var command = connection.CreateCommand();
            // journal_mode=WAL persists in the file (set at migration). Per connection: wait for the writer instead of
            // failing and keep 32 MB of pages. The file is read, not memory-mapped: each connection's mapping of the
            // file counted its touched pages in the process's RSS (at 1M matters 947 MiB under intake, 743 of it the
            // mapped file; 347 unmapped, with the queue, the KPIs and intake the same within the runs' spread).
            // The log is copied into the file in the background where this process does that (SqliteCheckpointer); a
            // commit copies it itself only if the log has run to 4,000 pages (16 MB) all the same, so it stays bounded.
            command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA cache_size = -32000; PRAGMA mmap_size = 0;"
                + (SqliteCheckpointer.Covers(connection.DataSource) ? " PRAGMA wal_autocheckpoint = 4000;" : " PRAGMA wal_autocheckpoint = 1000;")
                // When the log starts again from its beginning, its file is cut back to 64 MB (a bulk load grew it).
                + " PRAGMA journal_size_limit = 67108864;";
            command.ExecuteNonQuery();
            if (handle is not null)
            {
                Set.AddOrUpdate(handle, Set);
            }
        }
    }
}

/// <summary>Used by `dotnet ef migrations add --context SqliteHuyingDbContext`.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteHuyingDbContext>
{
    public SqliteHuyingDbContext CreateDbContext(string[] args) =>
        new(HuyingContextFactory.Build(DatabaseProvider.Sqlite, "Data Source=design.db"), DataScope.System, TimeProvider.System, new ModuleList([]));
}

/// <summary>Used by `dotnet ef migrations add --context PostgresHuyingDbContext`.</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresHuyingDbContext>
{
    public PostgresHuyingDbContext CreateDbContext(string[] args) =>
        new(HuyingContextFactory.Build(DatabaseProvider.Postgres, "Host=localhost;Database=design"), DataScope.System, TimeProvider.System, new ModuleList([]));
}

/// <summary>
/// Fills no DbSet property when a context starts: every set of <see cref="HuyingDbContext"/> is a property that asks
/// <c>Set&lt;T&gt;()</c> when read (Identity's too, overridden), so there is nothing to fill, and EF's own initializer
/// made each of them anew at every context's start (a test reads every set property of a new context).
/// </summary>
#pragma warning disable EF1001 // IDbSetInitializer is EF's internal service: an EF upgrade may change it.
internal sealed class NoSetFilling : Microsoft.EntityFrameworkCore.Internal.IDbSetInitializer
{
    public void InitializeSets(DbContext context)
    {
    }
}
#pragma warning restore EF1001
