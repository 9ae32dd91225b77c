using System.Globalization;

namespace Huying.Platform.Localization;

/// <summary>
/// The pinyin initials of a Chinese name (府前社区 → fqsq), for finding a place by what people type on a phone. Each
/// character is placed by the Chinese collation (ICU's pinyin order) between the first characters of each initial, so
/// no table of characters is kept here; a character read two ways takes its collation reading.
/// </summary>
public static class Pinyin
{
    private static readonly CompareInfo Collation = CultureInfo.GetCultureInfo("zh-CN").CompareInfo;

    // The first character, in pinyin order, of each initial (i, u and v begin no syllable).
    private static readonly (char Letter, string First)[] Bounds =
    [
        ('a', "阿"), ('b', "八"), ('c', "嚓"), ('d', "哒"), ('e', "妸"), ('f', "发"), ('g', "旮"), ('h', "哈"), ('j', "丌"),
        ('k', "咔"), ('l', "垃"), ('m', "妈"), ('n', "拿"), ('o', "噢"), ('p', "妑"), ('q', "七"), ('r', "然"), ('s', "仨"),
        ('t', "他"), ('w', "屲"), ('x', "夕"), ('y', "丫"), ('z', "帀"),
    ];

    public static string Initials(string text) => string.Concat(text.Select(Initial));

    private static char Initial(char c)
    {
        if (c is < '\u4e00' or > '\u9fff')
        {
            return char.ToLowerInvariant(c);
        }
        var letter = c;
        foreach (var (initial, first) in Bounds)
        {
            if (Collation.Compare(c.ToString(), first) >= 0)
            {
                letter = initial;
            }
        }
        return letter;
    }
}
