using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Huying.Platform.Web;

namespace Huying.Modules.Matters;

/// <summary>An ordered record of fields, written as a JSON object or an XML element.</summary>
internal sealed class Rec : List<KeyValuePair<string, object?>>
{
    public void Add(string key, object? value) => Add(new KeyValuePair<string, object?>(key, value));
}

internal sealed record Many(string ItemName, IEnumerable<object> Items);

internal sealed class Open311Exception(int status, string description) : Exception(description)
{
    public int Status => status;
}

/// <summary>
/// Open311's wire format: every resource in .json or .xml from the same records, errors as the spec's list of
/// {code, description}. XML text is written by <see cref="XElement"/>, which refuses characters XML cannot carry.
/// </summary>
internal static class Open311Format
{
    public static async Task<IResult> Handle(HttpContext http, string format, string root, Func<Task<object>> body)
    {
        format = format.ToLowerInvariant();
        if (format is not ("json" or "xml"))
        {
            return Write(http, "json", "errors", Errors(404, "Formats are json and xml"), 404);
        }
        try
        {
            return Write(http, format, root, await body());
        }
        catch (Open311Exception e)
        {
            return Write(http, format, "errors", Errors(e.Status, e.Message), e.Status);
        }
    }

    public static Many Errors(int code, string description) =>
        new("error", [new Rec { { "code", code }, { "description", description } }]);

    public static IResult Write(HttpContext http, string format, string root, object body, int? status = null)
    {
        var code = status ?? (http.Response.StatusCode is >= 200 and < 300 ? http.Response.StatusCode : 200);
        if (format == "xml")
        {
            var element = ToXml(root, body);
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + element.ToString(SaveOptions.DisableFormatting);
            return Results.Text(xml, "text/xml; charset=utf-8", Encoding.UTF8, code);
        }
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CompactJson.AsWritten))
        {
            WriteJson(writer, body);
        }
        return Results.Text(Encoding.UTF8.GetString(stream.ToArray()), "application/json; charset=utf-8", Encoding.UTF8, code);
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case Rec rec:
                w.WriteStartObject();
                foreach (var (k, v) in rec)
                {
                    w.WritePropertyName(k);
                    WriteJson(w, v);
                }
                w.WriteEndObject();
                break;
            case Many many:
                w.WriteStartArray();
                foreach (var item in many.Items)
                {
                    WriteJson(w, item);
                }
                w.WriteEndArray();
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static XElement ToXml(string name, object? value) => value switch
    {
        Rec rec => new XElement(name, rec.Select(kv => ToXml(kv.Key, kv.Value))),
        Many many => new XElement(name, many.Items.Select(i => ToXml(many.ItemName, i))),
        bool b => new XElement(name, b ? "true" : "false"),
        null => new XElement(name),
        _ => new XElement(name, SafeXml.Clean(Convert.ToString(value, CultureInfo.InvariantCulture))),
    };
}
