using System.Text.RegularExpressions;

namespace Huying.Tests.Infrastructure;

public static partial class Pages
{
    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on the page");

    /// <summary>
    /// Submits a page's form as a browser would: reads the page at <paramref name="url"/> for its antiforgery token, then
    /// posts the fields to it (to the named handler when given).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? handler = null,
        string? formPage = null)
    {
        var html = await client.GetStringAsync(formPage ?? url);
        fields["__RequestVerificationToken"] = AntiforgeryToken(html);
        var target = handler is null ? url : url + (url.Contains('?') ? "&" : "?") + "handler=" + handler;
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
