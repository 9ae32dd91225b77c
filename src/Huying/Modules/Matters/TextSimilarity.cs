namespace Huying.Modules.Matters;

/// <summary>Similarity of two Chinese texts by their character bigrams (Sørensen–Dice), ignoring spaces and punctuation.</summary>
public static class TextSimilarity
{
    public const double DuplicateThreshold = 0.5;

    public static double Dice(string a, string b) => Dice(Bigrams(a), Bigrams(b));

    /// <summary>
    /// The Dice coefficient of two texts' bigrams, each from <see cref="Bigrams"/>: a text compared with hundreds
    /// (the duplicates of a matter) is cut into bigrams once.
    /// </summary>
    public static double Dice(uint[] x, uint[] y)
    {
        if (x.Length == 0 || y.Length == 0)
        {
            return 0;
        }
        // Both sorted: the bigrams they share, each as often as the text with fewer of it has it.
        int i = 0, j = 0, common = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                common++;
                i++;
                j++;
            }
            else if (x[i] < y[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return 2.0 * common / (x.Length + y.Length);
    }

    /// <summary>The text's bigrams of letters and digits (lower case), each two UTF-16 units in one number, sorted.</summary>
    public static uint[] Bigrams(string text)
    {
        var chars = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars[n++] = char.ToLowerInvariant(c);
            }
        }
        if (n < 2)
        {
            return [];
        }
        var grams = new uint[n - 1];
        for (var i = 0; i + 1 < n; i++)
        {
            grams[i] = ((uint)chars[i] << 16) | chars[i + 1];
        }
        Array.Sort(grams);
        return grams;
    }
}
