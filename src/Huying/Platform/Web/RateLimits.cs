using System.Threading.RateLimiting;

namespace Huying.Platform.Web;

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Public = "public";

    /// <summary>
    /// Sign-in attempts per client address. Endpoints open to the public (raising a matter, feeds, Open311): an anonymous
    /// caller per address; a signed-in user or API client (a 12345 bridge, a grid app behind one office's NAT) per
    /// account, with a generous default (<c>RateLimits:UserPerMinute</c>) and its own where configured
    /// (<c>RateLimits:Users:{userName}</c>) — never the anonymous visitors' limit of the address it shares.
    /// </summary>
    public static IServiceCollection AddHuyingRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 20);
        var publicPerMinute = configuration.GetValue("RateLimits:PublicPerMinute", 120);
        var userPerMinute = configuration.GetValue("RateLimits:UserPerMinute", 3000);
        // Read once at start (the limiter asks on every public request); configuration keys ignore case, so do these.
        var users = configuration.GetSection("RateLimits:Users").GetChildren()
            .ToDictionary(c => c.Key, c => int.Parse(c.Value ?? "", System.Globalization.CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        services.AddSingleton<Allowances>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignIn, http => Window("s" + Address(http), signInPerMinute));
            o.AddPolicy(Public, http => http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
                ? Window("u" + name, users.GetValueOrDefault(name, userPerMinute))
                : Window("p" + Address(http), publicPerMinute));
        });
        return services;
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static RateLimitPartition<string> Window(string partition, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(partition,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}

/// <summary>
/// Limits taken where the caller is only known inside the endpoint (an Open311 client by the api_key in its form): a
/// fixed window of a minute per key, the limit given with the key.
/// </summary>
public sealed class Allowances : IDisposable
{
    private readonly PartitionedRateLimiter<(string Key, int PerMinute)> limiter = PartitionedRateLimiter.Create<(string Key, int PerMinute), (string, int)>(
        k => RateLimitPartition.GetFixedWindowLimiter(k, p => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, p.Item2), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Whether one more call under <paramref name="key"/> fits in this minute's <paramref name="perMinute"/>.</summary>
    public bool TryTake(string key, int perMinute)
    {
        using var lease = limiter.AttemptAcquire((key, perMinute));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
