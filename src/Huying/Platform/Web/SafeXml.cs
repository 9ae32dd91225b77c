using System.Text;
using System.Xml;

namespace Huying.Platform.Web;

/// <summary>Text made safe for XML 1.0: a character XML cannot carry (a control character, a lone surrogate) becomes
/// U+FFFD, so no stored value can break a feed or an Open311 answer for everyone.</summary>
public static class SafeXml
{
    public static string? Clean(string? text)
    {
        if (text is null || !text.Any(c => !XmlConvert.IsXmlChar(c)))
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
            else
            {
                clean.Append('\uFFFD');
            }
        }
        return clean.ToString();
    }
}
