using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Huying.Platform.Web;

/// <summary>One line of a home card: what needs the reader, where it is done, and how many or what state; with
/// <see cref="Tap"/>, a button that does the expected step right there (and comes back home).</summary>
public sealed record HomeItem(string Text, string Href, string? Detail = null, bool Urgent = false, HomeTap? Tap = null);

/// <summary>A one-tap step: a form posted to <see cref="Url"/> with <c>action</c> = <see cref="Action"/> and <c>returnUrl</c> = "/".</summary>
public sealed record HomeTap(string Url, string Action, string Label);

/// <summary>
/// A module's part of the home page (工作台) for the signed-in reader: a title, its items (each a link to where the
/// thing is done), what it says when there is nothing, and one action. Texts are in the reader's language already.
/// </summary>
/// <see cref="Chart"/>, when given, is a chart spec for charts.js (categories, series, type) drawn under the items.
public sealed record HomeCard(int Order, string Id, string Title, IReadOnlyList<HomeItem> Items, string Empty, HomeItem? Action = null,
    string? Chart = null, string? ChartLabel = null);

/// <summary>A module's home hook: the card it shows this reader, or null when it has nothing for their role.</summary>
public interface IHomeSection
{
    Task<HomeCard?> CardAsync(ClaimsPrincipal user, CancellationToken ct);
}

/// <summary>
/// Keeps an officer's card (a town's or county's figures over many communities) for a minute: at a million matters
/// its counts cost a quarter of a second, and a glance at the county does not need them fresher; the card says when
/// it was counted, and the queues and KPI pages it links to are always live. Per reader and language.
/// </summary>
public sealed class HomeCardCache(Microsoft.Extensions.Caching.Memory.IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<HomeCard?> GetAsync(ClaimsPrincipal user, string card, Func<Task<HomeCard?>> count)
    {
        // Kept per reader only: a reader without an id (never expected) is counted afresh rather than share a key.
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } reader)
        {
            return await count();
        }
        var key = $"home:{card}:{reader}:{System.Globalization.CultureInfo.CurrentUICulture.Name}";
        if (Microsoft.Extensions.Caching.Memory.CacheExtensions.TryGetValue(cache, key, out HomeCard? kept))
        {
            return kept;
        }
        var counted = await count();
        if (counted is not null)
        {
            var at = Display.Local(clock.GetUtcNow().UtcDateTime).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            counted = counted with { Title = counted.Title + " · " + Localization.Tr.T("as of {0}", at) };
        }
        Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(cache, key, counted, Lifetime);
        return counted;
    }

    /// <summary>Readers whose cards span many communities: town and county officers, administrators.</summary>
    public static bool Spans(ClaimsPrincipal user) =>
        user.IsInRole(Accounts.Roles.TownOfficer) || user.IsInRole(Accounts.Roles.CountyOfficer) || user.IsInRole(Accounts.Roles.Admin);
}

public static class HomeSetup
{
    /// <summary>Adds a module's card to the home page (resolved per request, so it may use the scoped context).</summary>
    public static IServiceCollection AddHomeSection<T>(this IServiceCollection services) where T : class, IHomeSection
    {
        services.AddMemoryCache();
        services.TryAddSingleton<HomeCardCache>();
        return services.AddScoped<IHomeSection, T>();
    }

    /// <summary>The home page's cards as data (for a phone app, and for the bench): the same sections, the same reader.</summary>
    public static IEndpointRouteBuilder MapHomeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/home", async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<ListOf<HomeCard>>> (HttpContext http, IEnumerable<IHomeSection> sections, CancellationToken ct) =>
            TypedResults.Ok(new ListOf<HomeCard>(await sections.CardsAsync(http.User, ct))))
            .WithTags("Home").RequireAuthorization(Accounts.Policies.SignedIn)
            .WithSummary("My workbench: each module's card for me, with what needs me and where it is done");
        return app;
    }

    /// <summary>Every card for the reader, in order.</summary>
    public static async Task<List<HomeCard>> CardsAsync(this IEnumerable<IHomeSection> sections, ClaimsPrincipal user, CancellationToken ct)
    {
        var cards = new List<HomeCard>();
        foreach (var section in sections)
        {
            if (await section.CardAsync(user, ct) is { } card)
            {
                cards.Add(card);
            }
        }
        return [.. cards.OrderBy(c => c.Order)];
    }
}
