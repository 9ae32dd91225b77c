using System.Globalization;

namespace Huying.Platform.Web;

/// <summary>Reading a multipart or urlencoded body in an endpoint: a body that does not parse is an empty form (its fields are then refused), never a 500.</summary>
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

    /// <summary>A number in the invariant culture, or null when missing or not a finite number.</summary>
    public static double? Number(IFormCollection form, string key) => Number(form[key].ToString());

    /// <summary>The same for a value bound by a page handler.</summary>
    public static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
