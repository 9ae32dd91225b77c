using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Huying.Platform.Localization;

/// <summary>Marker type for the shared strings: <c>IStringLocalizer&lt;Text&gt;</c>.</summary>
public sealed class Text;

/// <summary>
/// Every string shown to people is written in English in the code and looked up here; zh-CN is the default
/// culture. A missing translation shows the English text rather than a key.
/// </summary>
public sealed class DictionaryLocalizer : IStringLocalizer
{
    public LocalizedString this[string name] => Lookup(name, name);

    public LocalizedString this[string name, params object[] arguments] =>
        Lookup(name, string.Format(CultureInfo.CurrentCulture, Translate(name), arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        ChineseTexts.All.Select(kv => new LocalizedString(kv.Key, IsChinese ? kv.Value : kv.Key));

    private static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string Translate(string name) =>
        IsChinese && ChineseTexts.All.TryGetValue(name, out var zh) ? zh : name;

    private static LocalizedString Lookup(string name, string formatted)
    {
        var found = !IsChinese || ChineseTexts.All.ContainsKey(name);
        return new LocalizedString(name, name == formatted ? Translate(name) : formatted, resourceNotFound: !found);
    }
}

public sealed class DictionaryLocalizerFactory : IStringLocalizerFactory
{
    private static readonly DictionaryLocalizer Instance = new();
    public IStringLocalizer Create(Type resourceSource) => Instance;
    public IStringLocalizer Create(string baseName, string location) => Instance;
}

public static class LocalizationSetup
{
    public static readonly string[] Cultures = ["zh-CN", "en-US"];

    public static IServiceCollection AddHuyingLocalization(this IServiceCollection services)
    {
        services.AddSingleton<IStringLocalizerFactory, DictionaryLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("zh-CN").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            // The cookie (the switch in the header) wins; then the API's Accept-Language; never the query string.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>A path of this site: "/x", never "//host" or "/\\host" (which browsers read as another site).</summary>
    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);

    /// <summary>The language switch: remembers the choice in a cookie for a year and goes back.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string culture,
            [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var chosen = Cultures.Contains(culture) ? culture : Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).DisableAntiforgery().ExcludeFromDescription()
            // A signed-in person's switch carries the form's token; an anonymous visitor has nothing to forge (their own
            // language), and their pages carry no token, so that the same page can be served from cache to everyone.
            .AddEndpointFilter(async (context, next) => context.HttpContext.User.Identity?.IsAuthenticated == true
                ? await ActivatorUtilities.CreateInstance<Web.CookieAntiforgery>(context.HttpContext.RequestServices).InvokeAsync(context, next)
                : await next(context));
        return app;
    }
}
