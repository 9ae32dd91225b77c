using System.Net;
using System.Text.RegularExpressions;
using CsCheck;

namespace Huying.Tests.Infrastructure;

/// <summary>
/// The app's forms filled in wrongly, as each demo role finds them: the pages the home page links to and the pages
/// those link to (up to a bound), every POST form on them with its hidden fields and token kept and its visible fields
/// filled from values at and past their edges (empty, huge, control and astral characters, injections, far dates, the
/// wrong type, an option that is not offered). Forms that sign out or upload files are left out (the importers have
/// their own fuzzing). What a case may answer is anything but a 5xx.
/// </summary>
public static partial class FormFuzz
{
    public sealed record Form(string User, string Action, bool Multipart, IReadOnlyList<(string Name, string Kind, string Value)> Fields);

    public static readonly string[] Users = ["fuqian.staff", "fuqian.grid", "county", "admin", "unit.xmtj", "jingcun.doctor", "member", "resident"];

    private static readonly string[] Values =
    [
        "", " ", "0", "-1", "2147483648", "99999999999999999999", "1.5", "NaN", "true", "on", "2026-02-30", "9999-12-31", "0001-01-01",
        "2026-12-05", "13:70", "140827400016", "140827", "13903591234", "14082719850412001X", "'; DROP TABLE \"Matters\"; --",
        "<script>alert(1)</script>", "\u0000", "\u202Eevil", "😀𠀀𠀁", "../../etc/passwd", "drainage", "partyAffairs",
    ];

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Int[0, Values.Length - 1].Select(i => Values[i]),
        Gen.Char['\u4E00', '\u9FA5'].Array[1, 6000].Select(c => new string(c)),
        Gen.Char['\u0001', '\uD7FF'].Array[1, 30].Select(c => new string(c)));

    /// <summary>The forms each user reaches from the home page, two links deep (at most <paramref name="pagesPerUser"/> pages each).</summary>
    public static async Task<List<Form>> FindAsync(Func<string, Task<HttpClient>> clientFor, int pagesPerUser)
    {
        var forms = new List<Form>();
        foreach (var user in Users)
        {
            var client = await clientFor(user);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<(string Url, int Depth)>([("/", 0)]);
            while (queue.Count > 0 && seen.Count < pagesPerUser)
            {
                var (url, depth) = queue.Dequeue();
                if (!seen.Add(url))
                {
                    continue;
                }
                using var response = await client.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }
                var html = await response.Content.ReadAsStringAsync();
                foreach (Match form in FormTag().Matches(html))
                {
                    var action = WebUtility.HtmlDecode(ActionOf().Match(form.Groups[1].Value) is { Success: true } a ? a.Groups[1].Value : url);
                    var multipart = form.Groups[1].Value.Contains("multipart", StringComparison.OrdinalIgnoreCase);
                    if (!form.Groups[1].Value.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase)
                        || action.Contains("logout", StringComparison.OrdinalIgnoreCase) || multipart || !action.StartsWith('/'))
                    {
                        continue;
                    }
                    var fields = FieldTag().Matches(form.Groups[2].Value).Select(f => (
                        Name: WebUtility.HtmlDecode(NameOf().Match(f.Value).Groups[1].Value),
                        Kind: TypeOf().Match(f.Value) is { Success: true } t ? t.Groups[1].Value : f.Groups[1].Value,
                        Value: WebUtility.HtmlDecode(ValueOf().Match(f.Value) is { Success: true } v ? v.Groups[1].Value : "")))
                        .Where(f => f.Name.Length > 0).ToList();
                    forms.Add(new Form(user, action, multipart, fields));
                }
                if (depth < 2)
                {
                    foreach (Match link in LinkTag().Matches(html))
                    {
                        var href = WebUtility.HtmlDecode(link.Groups[1].Value);
                        if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.Contains("logout", StringComparison.OrdinalIgnoreCase)
                            && !href.Contains("handler=", StringComparison.OrdinalIgnoreCase))
                        {
                            queue.Enqueue((href, depth + 1));
                        }
                    }
                }
            }
        }
        // One of each form a user has (the same form on many pages is tried once).
        return [.. forms.DistinctBy(f => (f.User, f.Action, string.Join(',', f.Fields.Select(x => x.Name))))];
    }

    /// <summary>Fills and posts <paramref name="cases"/> forms; the ones answered 5xx, with what was sent.</summary>
    public static async Task<List<string>> RunAsync(Func<string, Task<HttpClient>> clientFor, IReadOnlyList<Form> forms, int cases, string? seed)
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in Users)
        {
            clients[user] = await clientFor(user);
        }
        var failures = new List<string>();
        var generated = Gen.Select(Gen.Int[0, forms.Count - 1], Value.Array[0, 40], Gen.Int[0, 3]);
        await generated.SampleAsync(async (index, values, keep) =>
        {
            var form = forms[index];
            var sent = new List<KeyValuePair<string, string>>();
            var i = 0;
            foreach (var (name, kind, value) in form.Fields)
            {
                // The token and, most of the time, the other hidden fields (ids) are kept; the rest is filled wrongly.
                var kept = name == "__RequestVerificationToken" || (kind == "hidden" && keep > 0);
                sent.Add(new(name, kept || i >= values.Length ? value : values[i]));
                i++;
            }
            using var response = await clients[form.User].PostAsync(form.Action, new FormUrlEncodedContent(sent));
            if ((int)response.StatusCode >= 500)
            {
                var body = await response.Content.ReadAsStringAsync();
                lock (failures)
                {
                    failures.Add($"{(int)response.StatusCode} {form.User} POST {form.Action} {string.Join('&', sent.Where(s => s.Key != "__RequestVerificationToken").Select(s => $"{s.Key}={(s.Value.Length > 40 ? s.Value[..40] + "…" : s.Value)}"))} → {(body.Length > 200 ? body[..200] : body)}");
                }
            }
        }, seed: seed, iter: cases, threads: 1);
        return failures;
    }

    [GeneratedRegex("<form\\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("action=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ActionOf();

    [GeneratedRegex("<(input|select|textarea)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FieldTag();

    [GeneratedRegex("\\bname=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex NameOf();

    [GeneratedRegex("\\btype=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex TypeOf();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValueOf();

    [GeneratedRegex("<a\\b[^>]*\\bhref=\"([^\"#]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();
}
