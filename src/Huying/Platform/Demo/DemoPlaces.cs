using System.Globalization;

namespace Huying.Platform.Demo;

/// <summary>The demo's places (DESIGN.md §8): real division codes of Yuanqu County and its 15 urban communities.</summary>
public static class DemoPlaces
{
    public const string City = "1408";
    public const string County = "140827";
    public const string Town = "140827400";
    public const string Fuqian = "140827400016";
    public const string Xueyuan = "140827400017";

    /// <summary>万荣县 解店镇 后土社区 (the talent pool serves it) and 河津市 城区街道 虎岗社区 (home of the riders' group).</summary>
    public const string Houtu = "140822100003";
    public const string Hugang = "140882001001";
    public static readonly string[] NeighbourCommunities = [Houtu, Hugang];

    public static readonly string[] CommunityCodes = [.. new[] { 7, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24 }
        .Select(n => Town + n.ToString("000", CultureInfo.InvariantCulture))];

    /// <summary>The seats of the demo's counties (longitude, latitude, WGS-84), as the offline city map gives them.</summary>
    private static readonly Dictionary<string, (double Lon, double Lat)> Seats = new()
    {
        ["140822"] = (110.838024, 35.415253), ["140823"] = (111.22472, 35.356644), ["140827"] = (111.670108, 35.297369),
        ["140881"] = (110.447543, 34.8671), ["140882"] = (110.712063, 35.596383),
    };

    /// <summary>
    /// A demo community's position: the <paramref name="index"/>-th point of a spiral around its county's seat, about
    /// <paramref name="step"/> degrees apart (a town's communities a few hundred metres, villages a few kilometres).
    /// Real communities are placed by their staff; these only let the county's map show the demo.
    /// </summary>
    public static (double? Latitude, double? Longitude) Near(string code, int index, double step = 0.004)
    {
        if (code.Length < 6 || !Seats.TryGetValue(code[..6], out var seat))
        {
            return (null, null);
        }
        var angle = index * 2.399963; // the golden angle: points spread evenly without a pattern
        var radius = step * Math.Sqrt(index + 1);
        return (Math.Round(seat.Lat + radius * Math.Sin(angle), 6), Math.Round(seat.Lon + radius * Math.Cos(angle) / Math.Cos(seat.Lat * Math.PI / 180), 6));
    }
}
