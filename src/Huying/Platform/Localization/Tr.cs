using System.Globalization;

namespace Huying.Platform.Localization;

/// <summary>Short form for views: <c>@T("Sign in")</c>.</summary>
public static class Tr
{
    public static string T(string text) => DictionaryLocalizer.Translate(text);

    public static string T(string text, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, DictionaryLocalizer.Translate(text), args);

    /// <summary>The name of a member of a <see cref="LocalizedAttribute"/> enum, in the reader's language.</summary>
    public static string Name(Enum value) => DictionaryLocalizer.Translate(value.ToString());

    /// <summary>Text that goes public (notices): always in Chinese, whoever's language the author uses.</summary>
    public static string Public(string text, params object?[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            return string.Format(CultureInfo.InvariantCulture, DictionaryLocalizer.Translate(text), args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
}
