using System.Globalization;

namespace Huying.Platform.Web;

/// <summary>
/// Reading a multipart or urlencoded body in an endpoint: a body that does not parse, or has no form content type, is an
/// empty form (its fields are then refused), never a 500. Endpoints read their forms through it rather than binding form
/// parameters: the delegates generated at compile time for those throw on a request without a form content type.
/// </summary>
public static class Forms
{
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return request.HasFormContentType ? await request.ReadFormAsync(ct) : FormCollection.Empty;
        }
        catch (InvalidDataException)
        {
            return FormCollection.Empty;
        }
    }

    /// <summary>A field's text, or null when the form has no such field.</summary>
    public static string? Text(IFormCollection form, string key) => form.TryGetValue(key, out var value) ? value.ToString() : null;

    /// <summary>A record's id named by a field: null when missing or empty, -1 (no record's) when not a number.</summary>
    public static long? Id(IFormCollection form, string key) =>
        Text(form, key) is not { Length: > 0 } value ? null : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1;

    /// <summary>A number in the invariant culture, or null when missing or not a finite number.</summary>
    public static double? Number(IFormCollection form, string key) => Number(form[key].ToString());

    /// <summary>The same for a value bound by a page handler.</summary>
    public static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
