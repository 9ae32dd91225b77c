using SkiaSharp;

namespace Huying.Platform.Files;

/// <summary>
/// What every printed document (a certificate, a briefing) is set with: the Chinese face of a CJK font file
/// (<c>Printing:Font</c>, fonts-noto-cjk by default), and lines broken or cut to a width.
/// </summary>
public static class PrintedText
{
    public const string DefaultFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    /// <summary>The font file's Simplified Chinese face (its first face when it has none); null when the file is not there.</summary>
    public static SKTypeface? ChineseFont(IConfiguration configuration)
    {
        var path = configuration["Printing:Font"] ?? DefaultFont;
        if (!File.Exists(path))
        {
            return null;
        }
        SKTypeface? first = null;
        for (var i = 0; i < 10; i++)
        {
            var face = SKTypeface.FromFile(path, i);
            if (face is null)
            {
                break;
            }
            if (face.FamilyName.EndsWith(" SC", StringComparison.Ordinal))
            {
                first?.Dispose();
                return face;
            }
            if (first is null)
            {
                first = face;
            }
            else
            {
                face.Dispose();
            }
        }
        return first;
    }

    /// <summary>The text broken into lines no wider than <paramref name="width"/> (Chinese breaks between any two characters).</summary>
    public static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        var line = "";
        foreach (var ch in text)
        {
            if (font.MeasureText(line + ch) > width)
            {
                yield return line;
                line = "";
            }
            line += ch;
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }

    /// <summary>The text cut with an ellipsis to fit <paramref name="width"/>.</summary>
    public static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }
        while (text.Length > 1 && font.MeasureText(text + "…") > width)
        {
            text = text[..^1];
        }
        return text + "…";
    }
}
