using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Proxy;

/// <summary>What the same-city tests share: ids out of answers, a scan to upload, the demo's transport item and an applicant.</summary>
internal static class ProxyTestData
{
    public const string Xueyuan = DemoRecords.Xueyuan;

    /// <summary>The demo transport item's required form fields (where the applicant works, since when).</summary>
    public static readonly Dictionary<string, string> TransportAnswers = new() { ["f1"] = "江苏省苏州市", ["f2"] = "2026-03-01" };

    public static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    public static string State(JsonElement e) => e.GetProperty("state").GetString()!;

    public static MultipartFormDataContent Scan(string field, params (string Key, string Value)[] values)
    {
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in values)
        {
            form.Add(new StringContent(value), key);
        }
        var file = new ByteArrayContent(TestFiles.Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, field, "scan.pdf");
        return form;
    }

    public static async Task<(JsonElement Service, long PersonId)> TransportAsync(AppFixture app)
    {
        var staff = await app.As("xueyuan.staff");
        var catalogue = (await Answers.Json(await staff.GetAsync("/api/proxy/services"))).GetProperty("items").EnumerateArray().ToList();
        await using var db = app.Database();
        var person = await db.People.Where(p => p.CommunityCode == Xueyuan && p.RegistrationCode != null && p.RegistrationCode.Length == 12 && !p.RegistrationCode.StartsWith("140827400"))
            .OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync();
        return (catalogue.Single(s => s.GetProperty("name").GetString() == "一次性交通补贴"), person);
    }

    /// <summary>Takes a complete 帮办 transport application (prechecked) and returns its id.</summary>
    public static async Task<long> TakeCompleteAsync(AppFixture app)
    {
        var (service, personId) = await TransportAsync(app);
        var staff = await app.As("xueyuan.staff");
        return Id(await Answers.Json(await staff.PostAsJsonAsync("/api/proxy/applications", new
        {
            communityCode = Xueyuan, serviceId = Id(service), personId, mode = "assisted",
            checksTicked = Enumerable.Range(0, service.GetProperty("checks").GetArrayLength()),
            materialIds = service.GetProperty("materials").EnumerateArray().Select(Id), answers = TransportAnswers,
        }), System.Net.HttpStatusCode.Created));
    }
}
