using System.Text;
using CsCheck;
using Huying.Modules.Heritage;
using Huying.Modules.Matters;
using Huying.Modules.Organisation;
using Huying.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Huying.Tests.Infrastructure;

/// <summary>
/// Generated files for every importer, uploaded as their users would: 12345 hotline orders (page), people of a
/// community (page), the heritage census (API). A file is CSV with the importer's own header and rows of values at and
/// past their edges (quotes, separators and line breaks inside cells, control and astral characters, huge cells,
/// ragged rows), or the importer's .xlsx template, cut short or with bytes flipped, or bytes that are no file at all.
/// What a case may answer is anything but a 5xx; an upload refused as a whole saves nothing.
/// </summary>
public static class ImportFuzz
{
    private const string Fuqian = "140827400016";

    public sealed record Upload(int Importer, string FileName, byte[] Content)
    {
        public override string ToString() =>
            $"{Importers[Importer].Name} {FileName} ({Content.Length} bytes) {Encoding.UTF8.GetString(Content, 0, Math.Min(Content.Length, 200)).ReplaceLineEndings("⏎")}";
    }

    private sealed record Importer(string Name, string User, string[] Columns, byte[] Template);

    private static readonly Importer[] Importers =
    [
        new("hotline", "fuqian.staff", HotlineImport.Columns, HotlineImport.Template()),
        new("people", "fuqian.staff", PeopleImport.Columns, PeopleImport.Template()),
        new("census", "yongji.heritage", CensusImport.Columns, CensusImport.Template()),
    ];

    private static readonly string[] Cells =
    [
        "", " ", "府前社区河边三巷", "河边二巷", "77号", "王晓东", "14082719850412001X", "13903591234", "0359-6021234", "2026-11-20 09:30",
        "昨天", "排水", "drainage", "elderly", "是", "否", "140827400016", "140827", "35.28", "111.67", "国家级", "9999-12-31",
        "'; DROP TABLE \"Matters\"; --", "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "\u0000", "\u202Eevil", "😀𠀀𠀁",
        "\"", "a,b", "line\nbreak", "\r", "-1", "NaN", "1e309",
    ];

    private static readonly Gen<string> Cell = Gen.OneOf(
        Gen.Int[0, Cells.Length - 1].Select(i => Cells[i]),
        Gen.Char['\u4E00', '\u9FA5'].Array[1, 3000].Select(c => new string(c)),
        Gen.Char['\u0001', '\uD7FF'].Array[1, 40].Select(c => new string(c)));

    private static readonly Gen<string> Csv =
        Gen.Select(Gen.Int[0, Importers.Length - 1], Cell.Array[0, 10].Array[0, 20], Gen.Bool, Gen.Bool)
            .Select((importer, rows, quoted, bom) =>
            {
                var text = new StringBuilder(bom ? "\uFEFF" : "");
                text.Append(string.Join(",", Importers[importer].Columns)).Append('\n');
                foreach (var row in rows)
                {
                    text.Append(string.Join(",", row.Select(c => quoted ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c))).Append('\n');
                }
                return importer + "|" + text;
            });

    /// <summary>
    /// 12345 orders that are good but for what a caller said (any cell above, quoted): rows that reach the save, so a run
    /// always tries saving, not only refusing (random cells alone make a good row rarely enough that a run of 150 can
    /// save none).
    /// </summary>
    private static readonly Gen<string> HotlineOrders =
        Gen.Select(Gen.Long[1, long.MaxValue], Cell.Array[1, 5])
            .Select((order, contents) =>
            {
                var text = new StringBuilder(string.Join(",", HotlineImport.Columns)).Append('\n');
                for (var i = 0; i < contents.Length; i++)
                {
                    text.Append($"FZ{order}-{i},2026-11-20 09:30,排水,府前社区河边三巷,\"{contents[i].Replace("\"", "\"\"", StringComparison.Ordinal)}\",13903591234\n");
                }
                return "0|" + text;
            });

    /// <summary>An upload: CSV (random, or good orders with fuzzed words), a damaged or truncated template, or random bytes under either name.</summary>
    public static readonly Gen<Upload> Uploads = Gen.Frequency(
        (6, Gen.Frequency((2, Csv), (1, HotlineOrders)).Select(s =>
        {
            var importer = int.Parse(s[..s.IndexOf('|', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            return new Upload(importer, "fuzz.csv", Encoding.UTF8.GetBytes(s[(s.IndexOf('|', StringComparison.Ordinal) + 1)..]));
        })),
        (2, Gen.Select(Gen.Int[0, Importers.Length - 1], Gen.Int[0, 4000], Gen.Int[0, 255]).Select((importer, at, value) =>
        {
            var template = (byte[])Importers[importer].Template.Clone();
            if (at % 2 == 0)
            {
                template[at % template.Length] = (byte)value;
                return new Upload(importer, "fuzz.xlsx", template);
            }
            return new Upload(importer, "fuzz.xlsx", template[..Math.Min(template.Length, at)]);
        })),
        (1, Gen.Select(Gen.Int[0, Importers.Length - 1], Gen.Byte.Array[0, 3000], Gen.Bool)
            .Select((importer, bytes, xlsx) => new Upload(importer, xlsx ? "fuzz.xlsx" : "fuzz.csv", bytes))));

    /// <summary>
    /// Uploads <paramref name="cases"/> generated files; the ones answered 5xx, or refused with something saved. How
    /// many were answered with each status, by importer, goes into <paramref name="answers"/> when given.
    /// </summary>
    public static async Task<List<string>> RunAsync(HuyingFactory factory, int cases, string? seed, Dictionary<string, int>? answers = null)
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in Importers.Select(i => i.User).Distinct())
        {
            var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            clients[user] = client.WithBearer(await client.TokenAsync(user));
        }
        var tokens = new Dictionary<string, string>
        {
            ["hotline"] = Pages.AntiforgeryToken(await clients["fuqian.staff"].GetStringAsync("/matters/import")),
            ["people"] = Pages.AntiforgeryToken(await clients["fuqian.staff"].GetStringAsync($"/people/import?community={Fuqian}")),
        };
        var contexts = factory.Services.GetRequiredService<HuyingContextFactory>();
        var failures = new List<string>();
        await Uploads.SampleAsync(async upload =>
        {
            var importer = Importers[upload.Importer];
            var before = await CountAsync(contexts);
            using var form = new MultipartFormDataContent();
            string url;
            switch (importer.Name)
            {
                case "hotline":
                    form.Add(new StringContent(tokens["hotline"]), "__RequestVerificationToken");
                    form.Add(new ByteArrayContent(upload.Content), "file", upload.FileName);
                    url = "/matters/import";
                    break;
                case "people":
                    form.Add(new StringContent(tokens["people"]), "__RequestVerificationToken");
                    form.Add(new ByteArrayContent(upload.Content), "Upload", upload.FileName);
                    url = $"/people/import?community={Fuqian}";
                    break;
                default:
                    form.Add(new ByteArrayContent(upload.Content), "file", upload.FileName);
                    url = "/api/heritage/census";
                    break;
            }
            using var response = await clients[importer.User].PostAsync(url, form);
            var status = (int)response.StatusCode;
            var saved = await CountAsync(contexts) != before;
            if (answers is not null)
            {
                lock (answers)
                {
                    var key = $"{importer.Name} {status}{(saved ? " saved" : "")}";
                    answers[key] = answers.GetValueOrDefault(key) + 1;
                }
            }
            var failure = status >= 500 ? $"{status} {upload}"
                : status >= 400 && saved ? $"{status}, yet rows were saved: {upload}"
                : null;
            if (failure is not null)
            {
                lock (failures)
                {
                    failures.Add(failure);
                }
            }
        }, seed: seed, iter: cases, threads: 1, print: u => u.ToString());
        return failures;
    }

    private static async Task<(int, int, int)> CountAsync(HuyingContextFactory contexts)
    {
        await using var db = contexts.Create(DataScope.System);
        return (await db.Set<Matter>().CountAsync(), await db.Set<Person>().CountAsync(), await db.Set<CensusRecord>().CountAsync());
    }
}
