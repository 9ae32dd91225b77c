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

    /// <summary>Shanxi's cities (the first four digits of a county's code): their offline map file and the name it registers with ECharts.</summary>
    private static readonly Dictionary<string, (string File, string Name)> CityMaps = new()
    {
        ["1401"] = ("tai4_yuan2", "太原"), ["1402"] = ("da4_tong2", "大同"), ["1403"] = ("yang2_quan2", "阳泉"), ["1404"] = ("chang2_zhi4", "长治"),
        ["1405"] = ("jin4_cheng2", "晋城"), ["1406"] = ("shuo4_zhou1", "朔州"), ["1407"] = ("jin4_zhong1", "晋中"), ["1408"] = ("yun4_cheng2", "运城"),
        ["1409"] = ("xin1_zhou1", "忻州"), ["1410"] = ("lin2_fen2", "临汾"), ["1411"] = ("lv3_liang2", "吕梁"),
    };

    /// <summary>The map a county's sites are drawn on: its city's, with the county's own outline picked out by its code; null outside Shanxi.</summary>
    public static (string Script, string Name)? MapOf(string county) =>
        county.Length >= 4 && CityMaps.TryGetValue(county[..4], out var map) ? ($"/lib/maps/shan1_xi1_{map.File}.js", map.Name) : null;

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
