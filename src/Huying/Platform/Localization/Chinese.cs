namespace Huying.Platform.Localization;

/// <summary>zh-CN texts, keyed by the English text in the code.</summary>
internal static class Chinese
{
    public static readonly IReadOnlyDictionary<string, string> Strings = new Dictionary<string, string>
    {
        ["Huying"] = "呼应",
    };
}
