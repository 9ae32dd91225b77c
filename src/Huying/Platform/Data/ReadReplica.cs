using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;

namespace Huying.Platform.Data;

/// <summary>
/// Marks a page or endpoint whose GETs read from the read replica when one is configured: dashboards, KPI pages and
/// reports, whose figures may be a moment behind. A reader who has just written reads the primary instead
/// (<see cref="RecentWriters"/>), so nobody misses their own write. Such a request must not save.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ReplicaReadAttribute : Attribute;

/// <summary>
/// Read-your-writes for the replica: who wrote in the last <c>Database:ReadYourWritesSeconds</c> (10) — their reads go
/// to the primary for that long. Known to this instance by user, and to every instance by a cookie set on the writer's
/// response (<see cref="Cookie"/>), so a browser behind a proxy that picks another instance still reads its own write.
/// </summary>
public sealed class RecentWriters(TimeProvider clock, TimeSpan window)
{
    public const string Cookie = "hy-wrote";

    private readonly ConcurrentDictionary<long, DateTime> writes = new();

    public TimeSpan Window => window;

    public void Wrote(long? userId)
    {
        if (userId is not { } id)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        writes[id] = now;
        if (writes.Count > 10_000)
        {
            foreach (var (key, at) in writes)
            {
                if (now - at > window)
                {
                    writes.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>Whether this user wrote since a moment (in this instance).</summary>
    public bool WroteSince(long userId, DateTime since) => writes.TryGetValue(userId, out var at) && at >= since;

    /// <summary>Whether this user wrote within the window (here, or anywhere per the request's cookie).</summary>
    public bool WroteLately(long? userId, HttpContext? http)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (userId is { } id && writes.TryGetValue(id, out var at) && now - at <= window)
        {
            return true;
        }
        return http?.Request.Cookies[Cookie] is { } until
            && long.TryParse(until, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799)).UtcDateTime > now;
    }

    /// <summary>After a request that wrote: the cookie that sends this browser's next reads to the primary, on any instance.</summary>
    public void MarkResponse(HttpContext http)
    {
        var until = clock.GetUtcNow().Add(window);
        http.Response.Cookies.Append(Cookie, until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Expires = until,
            Path = "/",
        });
    }

    /// <summary>The request's user, if it is known yet.</summary>
    public static long? UserOf(HttpContext? http) =>
        long.TryParse(http?.User.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

public static class ReplicaReads
{
    /// <summary>This endpoint's GETs read the replica when there is one (<see cref="ReplicaReadAttribute"/>).</summary>
    public static TBuilder ReadsReplica<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReplicaReadAttribute());

    /// <summary>
    /// Whether a request reads the replica: a GET of a page or endpoint marked for it, by a reader who has not just
    /// written, while the replica is fit (<see cref="ReplicaMonitor"/>).
    /// </summary>
    public static bool OnReplica(HuyingContextFactory contexts, RecentWriters writers, ReplicaMonitor monitor, HttpContext? http) =>
        contexts.ReplicaConnectionString is not null && monitor.Fit && http is not null && HttpMethods.IsGet(http.Request.Method)
        && http.GetEndpoint()?.Metadata.GetMetadata<ReplicaReadAttribute>() is not null
        && !writers.WroteLately(RecentWriters.UserOf(http), http);

    /// <summary>
    /// Read-your-writes across instances: a response to a request whose user wrote carries the cookie that sends the
    /// browser's next figures to the primary for the window (only when a replica is configured).
    /// </summary>
    public static IApplicationBuilder UseReadYourWrites(this IApplicationBuilder app)
    {
        var contexts = app.ApplicationServices.GetRequiredService<HuyingContextFactory>();
        if (contexts.ReplicaConnectionString is null)
        {
            return app;
        }
        var writers = app.ApplicationServices.GetRequiredService<RecentWriters>();
        var clock = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use((http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && RecentWriters.UserOf(http) is { } user)
            {
                var started = clock.GetUtcNow().UtcDateTime;
                http.Response.OnStarting(() =>
                {
                    if (writers.WroteSince(user, started))
                    {
                        writers.MarkResponse(http);
                    }
                    return Task.CompletedTask;
                });
            }
            return next(http);
        });
    }
}

/// <summary>
/// Whether the replica is fit to read, looked at every <c>Database:ReplicaCheckSeconds</c> (2): it answers, and it has
/// replayed at least what the primary had written at the previous look — so what it serves is at most two looks behind.
/// A replica that is down or falling behind is left until it is fit again, and the figures come from the primary
/// meanwhile. Until the first look it is taken as fit.
/// </summary>
public sealed class ReplicaMonitor(HuyingContextFactory contexts, IConfiguration configuration, ILogger<ReplicaMonitor> log) : BackgroundService
{
    private string? primaryBefore;

    public bool Fit { get; private set; } = true;

    /// <summary>One look; the tests call it themselves.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        if (contexts.ReplicaConnectionString is null)
        {
            return;
        }
        var fit = false;
        try
        {
            string primaryNow;
            await using (var primary = new Npgsql.NpgsqlConnection(contexts.ConnectionString))
            {
                await primary.OpenAsync(ct);
                // Where the primary has put its last record (not where it has written to disk so far: with asynchronous
                // commits that lags, and a replica paused before a commit would look as far as the primary).
                await using var lsn = new Npgsql.NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", primary);
                primaryNow = (string)(await lsn.ExecuteScalarAsync(ct))!;
            }
            await using (var replica = new Npgsql.NpgsqlConnection(contexts.ReplicaConnectionString))
            {
                await replica.OpenAsync(ct);
                await using var replayed = new Npgsql.NpgsqlCommand("SELECT coalesce(pg_last_wal_replay_lsn() >= @before::pg_lsn, false)", replica);
                replayed.Parameters.AddWithValue("before", primaryBefore ?? "0/0");
                fit = await replayed.ExecuteScalarAsync(ct) is true;
            }
            primaryBefore = primaryNow;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            log.LogWarning(e, "The read replica cannot be looked at; figures are read from the primary");
        }
        if (fit != Fit)
        {
            log.LogWarning(fit ? "The read replica is fit again" : "The read replica is behind or down; figures are read from the primary");
        }
        Fit = fit;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (contexts.ReplicaConnectionString is null || !configuration.GetValue("Background:Enabled", true))
        {
            return;
        }
        var pause = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Database:ReplicaCheckSeconds", 2.0), 0.1, 3600));
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckAsync(stoppingToken);
            await Task.Delay(pause, stoppingToken);
        }
    }
}
