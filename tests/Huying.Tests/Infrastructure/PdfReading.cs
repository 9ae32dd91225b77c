using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Huying.Tests.Infrastructure;

/// <summary>
/// Just enough of PDF to read back what the app wrote: the text (each font's codes through its ToUnicode map, font by
/// font as the page selects them) and the raster images, so a test checks the document a person gets.
/// </summary>
public static partial class PdfReading
{
    private sealed record PdfObject(string Dictionary, byte[]? Data);

    private static Dictionary<int, PdfObject> Objects(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var objects = new Dictionary<int, PdfObject>();
        foreach (Match m in ObjectPattern().Matches(text))
        {
            var body = m.Groups[2].Value;
            var streamAt = StreamStart().Match(body);
            if (!streamAt.Success)
            {
                objects[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] = new PdfObject(body, null);
                continue;
            }
            var dictionary = body[..streamAt.Index];
            var start = m.Groups[2].Index + streamAt.Index + streamAt.Length;
            var end = text.LastIndexOf("endstream", m.Index + m.Length, StringComparison.Ordinal);
            var data = pdf[start..end];
            if (dictionary.Contains("/FlateDecode", StringComparison.Ordinal))
            {
                using var input = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
                using var output = new MemoryStream();
                try
                {
                    input.CopyTo(output);
                }
                catch (InvalidDataException)
                {
                    // The end-of-line before "endstream" is not part of the data; what was inflated stands.
                }
                data = output.ToArray();
            }
            objects[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] = new PdfObject(dictionary, data);
        }
        return objects;
    }

    /// <summary>The text of every page, in drawing order, one line per text object.</summary>
    public static string Text(byte[] pdf)
    {
        var objects = Objects(pdf);
        var fonts = new Dictionary<string, (Dictionary<string, string> Map, int Width)>();
        foreach (var page in objects.Values.Where(o => o.Dictionary.Contains("/Type /Page", StringComparison.Ordinal)))
        {
            foreach (Match f in FontEntry().Matches(FontDictionary().Match(page.Dictionary).Groups[1].Value))
            {
                var font = objects[int.Parse(f.Groups[2].Value, CultureInfo.InvariantCulture)];
                var toUnicode = ToUnicode().Match(font.Dictionary);
                fonts[f.Groups[1].Value] = toUnicode.Success
                    ? CMap(Encoding.Latin1.GetString(objects[int.Parse(toUnicode.Groups[1].Value, CultureInfo.InvariantCulture)].Data ?? []))
                    : ([], 2);
            }
        }
        var result = new StringBuilder();
        foreach (var content in objects.Values.Where(o => o.Data is not null).Select(o => Encoding.Latin1.GetString(o.Data!))
            .Where(s => s.Contains("BT\n", StringComparison.Ordinal) && s.Contains("Tf", StringComparison.Ordinal)))
        {
            var current = (Map: new Dictionary<string, string>(), Width: 2);
            foreach (Match token in ContentToken().Matches(content))
            {
                if (token.Groups[1].Success)
                {
                    current = fonts.GetValueOrDefault(token.Groups[1].Value, current);
                }
                else if (token.Groups[2].Success)
                {
                    foreach (Match hex in HexString().Matches(token.Groups[2].Value))
                    {
                        var codes = hex.Groups[1].Value.ToUpperInvariant();
                        for (var i = 0; i + current.Width <= codes.Length; i += current.Width)
                        {
                            result.Append(current.Map.GetValueOrDefault(codes.Substring(i, current.Width), ""));
                        }
                    }
                }
                else
                {
                    result.Append('\n');
                }
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// The text as a reader reads it: a CJK font's ToUnicode map may name a glyph by the radical that shares it (⾃ for
    /// 自, ⻓ for 长); Kangxi radicals fold under NFKC, the simplified-form radicals by this table.
    /// </summary>
    public static string Readable(string text) => new(text.Normalize(NormalizationForm.FormKC)
        .Select(c => SimplifiedRadicals.GetValueOrDefault(c, c)).ToArray());

    private static readonly Dictionary<char, char> SimplifiedRadicals = new()
    {
        ['\u2EC5'] = '见', ['\u2EC6'] = '角', ['\u2EC8'] = '讠', ['\u2EC9'] = '贝', ['\u2ECB'] = '车', ['\u2ED3'] = '长', ['\u2ED4'] = '门',
        ['\u2ED8'] = '青', ['\u2EDA'] = '页', ['\u2EDB'] = '风', ['\u2EDC'] = '飞', ['\u2EDD'] = '食', ['\u2EE2'] = '马', ['\u2EE8'] = '麦',
        ['\u2EE9'] = '黄', ['\u2EEC'] = '齐', ['\u2EEE'] = '齿', ['\u2EF0'] = '龙', ['\u2EF3'] = '龟',
    };

    private static (Dictionary<string, string> Map, int Width) CMap(string cmap)
    {
        var map = new Dictionary<string, string>();
        var width = CodeSpace().Match(cmap) is { Success: true } space ? space.Groups[1].Value.Length : 4;
        foreach (Match section in Section().Matches(cmap))
        {
            if (section.Groups[1].Value == "bfchar")
            {
                foreach (Match m in BfChar().Matches(section.Groups[2].Value))
                {
                    map[m.Groups[1].Value.ToUpperInvariant()] = Encoding.BigEndianUnicode.GetString(Convert.FromHexString(m.Groups[2].Value));
                }
                continue;
            }
            foreach (Match m in BfRange().Matches(section.Groups[2].Value))
            {
                var (lo, hi, dst) = (Convert.ToInt32(m.Groups[1].Value, 16), Convert.ToInt32(m.Groups[2].Value, 16), Convert.ToInt32(m.Groups[3].Value, 16));
                for (var code = lo; code <= hi; code++)
                {
                    map[code.ToString(width == 2 ? "X2" : "X4", CultureInfo.InvariantCulture)] = char.ConvertFromUtf32(dst + code - lo);
                }
            }
        }
        return (map, width);
    }

    /// <summary>The raster images: width, height, whether the data is a JPEG, and the data (JPEG bytes or raw pixels).</summary>
    public static IEnumerable<(int Width, int Height, bool Jpeg, byte[] Data)> Images(byte[] pdf) =>
        Objects(pdf).Values.Where(o => o.Data is not null && o.Dictionary.Contains("/Subtype /Image", StringComparison.Ordinal))
            .Select(o => (int.Parse(Width().Match(o.Dictionary).Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(Height().Match(o.Dictionary).Groups[1].Value, CultureInfo.InvariantCulture),
                o.Dictionary.Contains("/DCTDecode", StringComparison.Ordinal), o.Data!));

    [GeneratedRegex(@"(\d+) 0 obj\b(.*?)\bendobj", RegexOptions.Singleline)]
    private static partial Regex ObjectPattern();

    [GeneratedRegex(@"(?<!end)stream\r?\n")]
    private static partial Regex StreamStart();

    [GeneratedRegex(@"/Font\s*<<(.*?)>>", RegexOptions.Singleline)]
    private static partial Regex FontDictionary();

    [GeneratedRegex(@"/(\w+)\s+(\d+) 0 R")]
    private static partial Regex FontEntry();

    [GeneratedRegex(@"/ToUnicode\s+(\d+) 0 R")]
    private static partial Regex ToUnicode();

    [GeneratedRegex(@"begincodespacerange\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex CodeSpace();

    [GeneratedRegex(@"begin(bfchar|bfrange)([\s\S]*?)end\1")]
    private static partial Regex Section();

    [GeneratedRegex(@"<([0-9A-Fa-f]{2,4})>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex BfChar();

    [GeneratedRegex(@"<([0-9A-Fa-f]{2,4})>\s*<([0-9A-Fa-f]{2,4})>\s*<([0-9A-Fa-f]{4})>")]
    private static partial Regex BfRange();

    [GeneratedRegex(@"/(\w+)\s+[\d.]+\s+Tf|(<[0-9A-Fa-f]*>\s*Tj|\[[^\]]*\]\s*TJ)|\bET\b")]
    private static partial Regex ContentToken();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>")]
    private static partial Regex HexString();

    [GeneratedRegex(@"/Width\s+(\d+)")]
    private static partial Regex Width();

    [GeneratedRegex(@"/Height\s+(\d+)")]
    private static partial Regex Height();
}
