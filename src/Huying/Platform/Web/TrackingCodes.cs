using System.Security.Cryptography;

namespace Huying.Platform.Web;

/// <summary>Short public codes people can read aloud or type: no 0/O, 1/I/L.</summary>
public static class TrackingCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>The prefix, a dash and eight characters drawn uniformly from the alphabet (one call to the system's generator).</summary>
    public static string New(string prefix) => prefix + "-" + RandomNumberGenerator.GetString(Alphabet, 8);

    /// <summary>
    /// Gives a new code to each of <paramref name="items"/> whose code another of them has, or <paramref name="takenOf"/>
    /// finds already given (it returns those of the codes it is asked about that are), until none is: for a list saved in
    /// one go, where one taken code would refuse the whole save. Eight characters of 31 are 8.5 × 10^11 codes; with a
    /// million in the table, a file of 10,000 matters would meet a taken one about once in 85 files.
    /// </summary>
    public static async Task RedrawTakenAsync<T>(IReadOnlyList<T> items, string prefix, Func<T, string> code, Action<T, string> setCode,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyCollection<string>>> takenOf, CancellationToken ct)
    {
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        void Redraw(T item)
        {
            string fresh;
            do
            {
                fresh = New(prefix);
            }
            while (!drawn.Add(fresh));
            setCode(item, fresh);
        }
        var check = new List<T>(items.Count);
        foreach (var item in items)
        {
            if (!drawn.Add(code(item)))
            {
                Redraw(item);
            }
            check.Add(item);
        }
        while (check.Count > 0)
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in check.Chunk(500))
            {
                taken.UnionWith(await takenOf([.. chunk.Select(code)], ct));
            }
            check = [.. check.Where(item => taken.Contains(code(item)))];
            check.ForEach(Redraw);
        }
    }
}
