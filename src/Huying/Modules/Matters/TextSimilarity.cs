namespace Huying.Modules.Matters;

/// <summary>Similarity of two Chinese texts by their character bigrams (Sørensen–Dice), ignoring spaces and punctuation.</summary>
public static class TextSimilarity
{
    public const double DuplicateThreshold = 0.5;

    public static double Dice(string a, string b)
    {
        var x = Bigrams(a);
        var y = Bigrams(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }
        var common = 0;
        var pool = y.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        foreach (var gram in x)
        {
            if (pool.TryGetValue(gram, out var n) && n > 0)
            {
                common++;
                pool[gram] = n - 1;
            }
        }
        return 2.0 * common / (x.Count + y.Count);
    }

    private static List<string> Bigrams(string text)
    {
        var chars = text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();
        var grams = new List<string>(Math.Max(0, chars.Length - 1));
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            grams.Add(new string(chars, i, 2));
        }
        return grams;
    }
}
