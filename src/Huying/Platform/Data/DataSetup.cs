using Huying.Platform.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Huying.Platform.Data;

public static class DataSetup
{
    /// <summary>
    /// SQLite in data/huying.db by default; PostgreSQL with Database__Provider=Postgres. ConnectionStrings__Huying
    /// points either at another place.
    /// </summary>
    public static IServiceCollection AddHuyingData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString("Huying");
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = HuyingContextFactory.PrepareSqlite(
                string.IsNullOrWhiteSpace(connectionString) ? "Data Source=data/huying.db" : connectionString);
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Huying is not set.");
        }

        var replica = configuration.GetConnectionString("HuyingReadOnly");
        if (!string.IsNullOrWhiteSpace(replica) && provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("ConnectionStrings:HuyingReadOnly names a read replica, which needs Database:Provider=Postgres.");
        }

        services.AddSingleton(sp => Audit.ChainKey.From(configuration, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(sp => new RecentWriters(sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Database:ReadYourWritesSeconds", 10.0), 0, 3600))));
        services.AddSingleton(sp => new HuyingContextFactory(provider, connectionString, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Composition.ModuleList>(), sp.GetRequiredService<Audit.ChainKey>())
        {
            CommitListeners = [.. sp.GetServices<ICommitListener>()],
            RecentWriters = sp.GetRequiredService<RecentWriters>(),
            ReplicaConnectionString = replica,
        });
        services.AddSingleton<ReplicaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaMonitor>());
        services.AddScoped<ScopeAccessor>();
        // A request's context: on the replica for the figures' GETs (ReplicaRead) of a reader who has not just written.
        services.AddScoped(sp =>
        {
            var contexts = sp.GetRequiredService<HuyingContextFactory>();
            var replicaRead = ReplicaReads.OnReplica(contexts, sp.GetRequiredService<RecentWriters>(), sp.GetRequiredService<ReplicaMonitor>(),
                sp.GetRequiredService<IHttpContextAccessor>().HttpContext);
            return contexts.Create(sp.GetRequiredService<ScopeAccessor>(), replicaRead);
        });
        services.AddSingleton<ScopeResolver>();
        services.AddSingleton<Calendar.WorkCalendars>();
        services.AddHttpContextAccessor();
        services.AddSingleton<Ratings.ResidentCodes>();
        services.AddHostedService<Audit.AuditLinker>();
        services.AddHostedService<SqliteCheckpointer>();
        services.AddSingleton<InstanceNotices>();
        services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<InstanceNotices>());
        services.AddHostedService(sp => sp.GetRequiredService<InstanceNotices>());
        services.AddSingleton<Audit.CheckpointWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Audit.CheckpointWriter>());
        return services;
    }

    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = services.GetRequiredService<HuyingContextFactory>().Create(DataScope.System);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
        // Migrate only when a migration is pending: MigrateAsync first compares the whole model with the last
        // migration's (a third of a second at every start); that the migrations describe the model is a test's job.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
        await Calendar.WorkCalendars.EnsureDefaultsAsync(db, ct);
        foreach (var module in services.GetRequiredService<Composition.ModuleList>().All)
        {
            await module.EnsureDefaultsAsync(db, ct);
        }
    }
}
