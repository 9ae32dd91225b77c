using System.Reflection;
using System.Text.RegularExpressions;
using Huying.Platform.Localization;

namespace Huying.Tests.Platform;

/// <summary>
/// Every English text the code shows through the localizer has a zh-CN entry, and every entry is still used. The
/// code is read as text: the calls that show words to people (T, Translate, Public, Message, field errors, refusals,
/// navigation, notification kinds, import problems, the *Text name tables) and the members of [Localized] enums.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src", "Huying");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Huying.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Huying.slnx) is not above the test's folder");
    }

    private static readonly string[] Calls =
    [
        "T", "Translate", "Public", "Message", "FieldException", "RuleViolationException", "NotAllowedException", "Require", "RequireText",
        "Required", "ToHandler", "InApp", "Sms", "NavItem", "ImportProblem", "PlaceFact",
    ];

    private static Dictionary<string, string> Files() => Directory
        .EnumerateFiles(Source, "*.*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains("Migrations", StringComparison.Ordinal) && !f.EndsWith("Texts.cs", StringComparison.Ordinal))
        .ToDictionary(f => f, File.ReadAllText);

    [GeneratedRegex("""(?<![@$\w])"((?:[^"\\\n]|\\.)*)"(?!")""")]
    private static partial Regex Literal();

    [GeneratedRegex("""\b(T|Translate|Public|Message|FieldException|RuleViolationException|NotAllowedException|Require|RequireText|Required|ToHandler|InApp|Sms|NavItem|ImportProblem|PlaceFact)\s*\(""")]
    private static partial Regex ShowingCall();

    [GeneratedRegex("""(?:errors|Errors|FieldErrors\(\)|^\s*)\.Add\(""", RegexOptions.Multiline)]
    private static partial Regex FieldErrorAdd();

    [GeneratedRegex("""new\((?:true|false), "((?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex RefusalText();

    [GeneratedRegex("""=>\s*"((?:[^"\\]|\\.)*)"\s*,""")]
    private static partial Regex NameArm();

    [GeneratedRegex("^[A-Z]")]
    private static partial Regex EnglishText();

    [GeneratedRegex("^[yMdHhmsfz:/. -]+$")]
    private static partial Regex DateFormat();

    /// <summary>The argument list of the call whose '(' is at <paramref name="open"/>, strings and nested calls included.</summary>
    private static string Arguments(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            switch (s[i])
            {
                case '"':
                    for (i++; i < s.Length && s[i] != '"'; i++)
                    {
                        i += s[i] == '\\' ? 1 : 0;
                    }
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return s[(open + 1)..i];
            }
        }
        return s[(open + 1)..];
    }

    /// <summary>The English texts the code shows: what it passes to the calls that show words, and its name tables.</summary>
    private static HashSet<string> Shown()
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, text) in Files())
        {
            foreach (Match call in ShowingCall().Matches(text))
            {
                shown.UnionWith(Literal().Matches(Arguments(text, call.Index + call.Length - 1)).Select(m => m.Groups[1].Value));
            }
            foreach (Match add in FieldErrorAdd().Matches(text))
            {
                // The first argument is the field's name; the rest are messages.
                shown.UnionWith(Literal().Matches(Arguments(text, add.Index + add.Length - 1)).Skip(1).Select(m => m.Groups[1].Value));
            }
            shown.UnionWith(RefusalText().Matches(text).Select(m => m.Groups[1].Value));
            if (file.EndsWith("Text.cs", StringComparison.Ordinal) || file.EndsWith("AppUser.cs", StringComparison.Ordinal)
                || file.EndsWith("Rating.cs", StringComparison.Ordinal))
            {
                shown.UnionWith(NameArm().Matches(text).Select(m => m.Groups[1].Value));
            }
        }
        return [.. shown.Where(t => EnglishText().IsMatch(t) && !DateFormat().IsMatch(t)).Select(Regex.Unescape)];
    }

    private static IEnumerable<Type> LocalizedEnums() =>
        typeof(ChineseTexts).Assembly.GetTypes().Where(t => t.IsEnum && t.GetCustomAttribute<LocalizedAttribute>() is not null);

    [Fact]
    public void EveryTextTheCodeShowsHasAChineseEntry()
    {
        var missing = Shown().Where(t => !ChineseTexts.All.ContainsKey(t)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "No zh-CN entry for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryMemberOfALocalizedEnumHasAChineseEntry()
    {
        var missing = LocalizedEnums().SelectMany(e => Enum.GetNames(e).Select(n => (e.Name, Member: n)))
            .Where(x => !ChineseTexts.All.ContainsKey(x.Member)).Select(x => $"{x.Name}.{x.Member}").ToList();
        Assert.NotEmpty(LocalizedEnums());
        Assert.True(missing.Count == 0, "No zh-CN entry for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryChineseEntryIsStillUsed()
    {
        var code = string.Join("\n", Files().Values);
        var members = LocalizedEnums().SelectMany(Enum.GetNames).ToHashSet(StringComparer.Ordinal);
        var unused = ChineseTexts.All.Keys
            .Where(key => !members.Contains(key) && !code.Contains('"' + key.Replace("\"", "\\\"", StringComparison.Ordinal) + '"', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(ChineseTexts.All);
        Assert.True(unused.Count == 0, "zh-CN entries no code uses:\n" + string.Join("\n", unused));
    }

    [Fact]
    public void TheCheckFindsATextWithoutAnEntry()
    {
        // The scan itself: a message passed to a refusal is found, so a missing entry could not hide.
        Assert.Contains("Only an open need can be adopted", Shown());
        Assert.Contains("Choose a category", Shown());
        Assert.DoesNotContain("yyyy-MM-dd", Shown());
    }
}
