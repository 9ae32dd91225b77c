using System.Collections.Frozen;

namespace Huying.Platform.Localization;

/// <summary>
/// A dictionary of zh-CN texts keyed by the English text in the code: the platform has one and every module its
/// own, beside its code. They are found by type (the platform names no module) and merged once; a key defined in
/// two dictionaries is an error, so a module cannot silently change another's words.
/// </summary>
public abstract class ChineseTexts
{
    public abstract IReadOnlyDictionary<string, string> Strings { get; }

    private static readonly Lazy<FrozenDictionary<string, string>> Merged = new(() =>
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in typeof(ChineseTexts).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ChineseTexts)) && !t.IsAbstract))
        {
            foreach (var (key, value) in ((ChineseTexts)Activator.CreateInstance(type, nonPublic: true)!).Strings)
            {
                if (!all.TryAdd(key, value))
                {
                    throw new InvalidOperationException($"The text \"{key}\" is defined twice ({type.Name})");
                }
            }
        }
        return all.ToFrozenDictionary(StringComparer.Ordinal);
    });

    /// <summary>Every dictionary of the app, merged.</summary>
    public static IReadOnlyDictionary<string, string> All => Merged.Value;
}
