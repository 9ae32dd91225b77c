using System.Threading.RateLimiting;

namespace Huying.Platform.Web;

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Public = "public";

    /// <summary>Per client address: sign-in attempts and public (anonymous) endpoints answer 429 past the limit.</summary>
    public static IServiceCollection AddHuyingRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 20);
        var publicPerMinute = configuration.GetValue("RateLimits:PublicPerMinute", 120);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignIn, http => Window(http, "s", signInPerMinute));
            o.AddPolicy(Public, http => Window(http, "p", publicPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> Window(HttpContext http, string kind, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(kind + (http.Connection.RemoteIpAddress?.ToString() ?? "local"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
