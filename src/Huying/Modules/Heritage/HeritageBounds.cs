namespace Huying.Modules.Heritage;

/// <summary>
/// Where a site's coordinates may lie: the bounding box (WGS-84) of the county-level city it belongs to, generously
/// rounded out; a county without its own box is held to the province's. A position outside is a typing slip
/// (swapped latitude and longitude, a lost digit), refused beside the field.
/// </summary>
public static class HeritageBounds
{
    private sealed record Box(string Name, double South, double North, double West, double East);

    private static readonly Box Shanxi = new("山西省", 34.5, 40.8, 110.2, 114.6);

    private static readonly Dictionary<string, Box> Counties = new()
    {
        ["140881"] = new("永济市", 34.6, 35.15, 110.15, 110.8),
    };

    private static Box Of(string county) => Counties.GetValueOrDefault(county) ?? Shanxi;

    public static bool Contains(string county, double latitude, double longitude)
    {
        var box = Of(county);
        return latitude >= box.South && latitude <= box.North && longitude >= box.West && longitude <= box.East;
    }

    public static string NameOf(string county) => Of(county).Name;

    /// <summary>The box's centre, where the map opens and demo positions are drawn around.</summary>
    public static (double Latitude, double Longitude, double HalfHeight, double HalfWidth) Centre(string county)
    {
        var box = Of(county);
        return ((box.South + box.North) / 2, (box.West + box.East) / 2, (box.North - box.South) / 2, (box.East - box.West) / 2);
    }
}
