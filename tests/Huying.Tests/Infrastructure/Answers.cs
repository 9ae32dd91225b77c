using System.Net;
using System.Text.Json;

namespace Huying.Tests.Infrastructure;

public static class Answers
{
    /// <summary>The JSON of an answer that must have <paramref name="expected"/> status (the body is in the failure message).</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}

public static class Texts
{
    /// <summary>What a Chinese reader sees for an English text of the code.</summary>
    public static string Zh(string english) => Huying.Platform.Localization.ChineseTexts.All[english];
}
