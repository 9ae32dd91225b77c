using System.Globalization;

namespace Huying.Platform.Localization;

/// <summary>Short form for views: <c>@T("Sign in")</c>.</summary>
public static class Tr
{
    public static string T(string text) => DictionaryLocalizer.Translate(text);

    public static string T(string text, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, DictionaryLocalizer.Translate(text), args);

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
}
