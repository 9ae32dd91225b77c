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
}
