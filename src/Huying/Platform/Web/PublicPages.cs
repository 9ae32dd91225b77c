using System.Globalization;
using Huying.Platform.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Huying.Platform.Web;

/// <summary>
/// A community's public pages (its home, notice board, activities) as anonymous visitors read them — a QR poster in a
/// courtyard brings a crowd — are answered from memory: kept per address and language for five minutes at most, and
/// forgotten as soon as a transaction that changed anything of the community commits (a notice published, a topic
/// answered, an activity added). A signed-in person's page, a page that sets a cookie or carries a form's token, and
/// anything but a 200 are never kept. A page opts in with <c>[OutputCache(PolicyName = PublicPages.Policy)]</c>; its
/// route names the community <c>{community}</c>.
/// </summary>
public sealed class PublicPages : IOutputCachePolicy, ICommitListener
{
    public const string Policy = "public-page";

    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(5);

    // Looked up at the first eviction, not injected: the store is built from the output cache's options, and those
    // options hold this policy, so taking the store here would make each wait for the other.
    private readonly Lazy<IOutputCacheStore> store;

    public PublicPages(IServiceProvider services) => store = new(services.GetRequiredService<IOutputCacheStore>);

    public static string Tag(string community) => "community:" + community;

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var anonymous = http.User.Identity?.IsAuthenticated != true && !http.Request.Headers.ContainsKey(HeaderNames.Authorization);
        var kept = anonymous && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = kept;
        context.AllowCacheStorage = kept;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Kept;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        if (http.GetRouteValue("community") is string community)
        {
            context.Tags.Add(Tag(community));
        }
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // A form's token is one visitor's (antiforgery marks such a page no-store), and so is a cookie.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
            || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    public async Task CommittedAsync(IReadOnlyCollection<string> communities, CancellationToken ct)
    {
        foreach (var community in communities)
        {
            await store.Value.EvictByTagAsync(Tag(community), ct);
        }
    }
}
