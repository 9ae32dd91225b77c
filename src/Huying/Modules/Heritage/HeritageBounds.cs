using Huying.Platform.Web;

namespace Huying.Modules.Heritage;

/// <summary>
/// Where a site's coordinates may lie: the bounding box (WGS-84) of the county-level city it belongs to, generously
/// rounded out; a county without its own box is held to the province's. A position outside is a typing slip
/// (swapped latitude and longitude, a lost digit), refused beside the field.
/// </summary>
public static class HeritageBounds
{
    private sealed record Box(string Name, double South, double North, double West, double East);

    private static readonly Box Shanxi = new("山西省", Huying.Platform.Web.CityMaps.Shanxi.South, Huying.Platform.Web.CityMaps.Shanxi.North,
        Huying.Platform.Web.CityMaps.Shanxi.West, Huying.Platform.Web.CityMaps.Shanxi.East);

    private static readonly Dictionary<string, Box> Counties = new()
    {
        ["140881"] = new("永济市", 34.6, 35.15, 110.15, 110.8),
    };

    /// <summary>The map a county's sites are drawn on: its city's, with the county's own outline picked out by its code; null outside Shanxi.</summary>
    public static (string Script, string Name)? MapOf(string county) => Huying.Platform.Web.CityMaps.Of(county);

    private static Box Of(string county) => Counties.GetValueOrDefault(county) ?? Shanxi;

    public static bool Contains(string county, double latitude, double longitude)
    {
        var box = Of(county);
        return latitude >= box.South && latitude <= box.North && longitude >= box.West && longitude <= box.East;
    }

    public static string NameOf(string county) => Of(county).Name;
}

/// <summary>
/// A site's protected area as GeoJSON: a Polygon or MultiPolygon geometry (a Feature's geometry is taken), every
/// ring closed with at least four positions, every position [longitude, latitude] inside the city's box; kept
/// compact. Anything else is refused beside the field with what is wrong.
/// </summary>
public static class HeritageBoundary
{
    public const int MaxLength = 100_000;

    /// <summary>The outline to keep (re-serialized, compact), or the reason it is refused.</summary>
    public static (string? Json, Message? Problem) Read(string? text, string county)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        if (text.Length > MaxLength)
        {
            return (null, new Message("The outline is too large (100,000 characters at most)"));
        }
        System.Text.Json.Nodes.JsonNode? node;
        try
        {
            node = System.Text.Json.Nodes.JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, new Message("The outline is not GeoJSON"));
        }
        if (node is System.Text.Json.Nodes.JsonObject { } feature && (string?)feature["type"] == "Feature")
        {
            node = feature["geometry"];
        }
        if (node is not System.Text.Json.Nodes.JsonObject geometry || geometry["coordinates"] is not System.Text.Json.Nodes.JsonArray coordinates)
        {
            return (null, new Message("The outline is not GeoJSON"));
        }
        var polygons = (string?)geometry["type"] switch
        {
            "Polygon" => [coordinates],
            "MultiPolygon" => coordinates.Select(p => p as System.Text.Json.Nodes.JsonArray).ToList(),
            _ => null,
        };
        if (polygons is null || polygons.Count == 0 || polygons.Any(p => p is null || p.Count == 0))
        {
            return (null, new Message("The outline must be a Polygon or MultiPolygon"));
        }
        foreach (var ring in polygons.SelectMany(p => p!))
        {
            if (ring is not System.Text.Json.Nodes.JsonArray { Count: >= 4 } positions)
            {
                return (null, new Message("Every ring of the outline needs four positions at least, the last one the first"));
            }
            var points = new List<(double Lon, double Lat)>();
            foreach (var position in positions)
            {
                if (position is not System.Text.Json.Nodes.JsonArray { Count: >= 2 } pair || !TryNumber(pair[0], out var lon) || !TryNumber(pair[1], out var lat))
                {
                    return (null, new Message("Every position of the outline is [longitude, latitude]"));
                }
                if (!HeritageBounds.Contains(county, lat, lon))
                {
                    return (null, new Message("A position of the outline lies outside {0}", HeritageBounds.NameOf(county)));
                }
                points.Add((lon, lat));
            }
            if (points[0] != points[^1])
            {
                return (null, new Message("Every ring of the outline needs four positions at least, the last one the first"));
            }
        }
        return (geometry.ToJsonString(), null);
    }

    /// <summary>How many positions a kept outline has (what its card says of it).</summary>
    public static int Positions(string json)
    {
        static int Count(System.Text.Json.Nodes.JsonNode? node) => node is System.Text.Json.Nodes.JsonArray a
            ? a.Count > 0 && a[0] is System.Text.Json.Nodes.JsonValue ? 1 : a.Sum(Count)
            : 0;
        return Count(System.Text.Json.Nodes.JsonNode.Parse(json)?["coordinates"]);
    }

    private static bool TryNumber(System.Text.Json.Nodes.JsonNode? node, out double value)
    {
        value = 0;
        return node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue(out value) && double.IsFinite(value);
    }
}
