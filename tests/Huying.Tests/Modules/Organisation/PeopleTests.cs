using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Organisation;

public abstract class PeopleTests(AppFixture app)
{
    private DemoRecords? demo;
    private async Task<DemoRecords> Demo() => demo ??= await DemoRecords.LoadAsync(app);

    [Fact]
    public async Task AFuqianGridWorkerCannotReadAXueyuanResidentByApiOrPage()
    {
        var d = await Demo();
        var client = await app.As("fuqian.grid");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/people/{d.HebianPerson}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/people/{d.XueyuanPerson}")).StatusCode);
        var page = await client.GetAsync($"/people/{d.XueyuanPerson}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("页面不存在，或不在您的管辖范围内。", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AGridWorkerSeesOnlyTheirOwnGrid()
    {
        var d = await Demo();
        var client = await app.As("fuqian.grid");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/people/{d.FuqianOtherGridPerson}")).StatusCode);
        var leader = await app.As("fuqian.gridleader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/people/{d.FuqianOtherGridPerson}")).StatusCode);
        var search = await client.GetFromJsonAsync<JsonElement>($"/api/people?community={DemoRecords.Fuqian}");
        await using var db = app.Database();
        var hebian = await db.Grids.Where(g => g.Name == "河边网格").Select(g => g.Id).SingleAsync();
        var inGrid = await db.People.Where(p => p.GridId == hebian).Select(p => p.Id).ToListAsync();
        Assert.NotEmpty(inGrid);
        Assert.Equal(inGrid.Count, search.GetProperty("total").GetInt32());
        var shown = search.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, id => Assert.Contains(id, inGrid));
    }

    [Fact]
    public async Task IdNumbersAndPhonesStayMaskedWithoutThePermission()
    {
        var d = await Demo();
        var county = await app.As("county");
        var person = await county.GetFromJsonAsync<JsonElement>($"/api/people/{d.HebianPerson}");
        Assert.Matches(@"^\d\*{16}[\dX]$", person.GetProperty("idNumber").GetString());
        Assert.Matches(@"^1\d{2}\*{6}\d{2}$", person.GetProperty("phone").GetString());
        Assert.False(person.TryGetProperty("birthDate", out _));
        Assert.Equal(JsonValueKind.Null, person.GetProperty("registrationCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, person.GetProperty("registrationName").ValueKind);
        var reveal = await county.PostAsJsonAsync($"/api/people/{d.HebianPerson}/reveal", new { field = "idNumber", reason = "核对" });
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
        var page = await county.GetStringAsync($"/people/{d.HebianPerson}");
        Assert.Contains(person.GetProperty("idNumber").GetString()!, page);
        Assert.DoesNotContain("reveal-form", page);
    }

    [Fact]
    public async Task ARevealGivesTheFullNumberAndIsAudited()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        var id = Synthetic.IdNumber();
        var phone = Synthetic.Phone();
        var created = await staff.PostAsJsonAsync("/api/people", new { name = "测试居民", idNumber = id, phone, householdId = d.HebianHousehold });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var personId = body.GetProperty("id").GetInt64();
        Assert.Equal(id[..1] + new string('*', 16) + id[^1..], body.GetProperty("idNumber").GetString());

        var noReason = await staff.PostAsJsonAsync($"/api/people/{personId}/reveal", new { field = "phone", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var reveal = await staff.PostAsJsonAsync($"/api/people/{personId}/reveal", new { field = "phone", reason = "入户走访联系" });
        reveal.EnsureSuccessStatusCode();
        Assert.Equal(phone, (await reveal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString());

        await using var db = app.Database();
        var line = await db.AuditEntries.Where(a => a.Action == "reveal" && a.EntityId == personId.ToString()).SingleAsync();
        Assert.Equal("fuqian.staff", line.UserName);
        Assert.Contains("入户走访联系", line.Details);
        Assert.DoesNotContain(phone, line.Details);
        var stored = await db.People.SingleAsync(p => p.Id == personId);
        Assert.DoesNotContain(id, stored.IdNumberCipher);
        Assert.DoesNotContain(phone, stored.PhoneCipher);
    }

    [Fact]
    public async Task PeopleAreFoundByFullIdNumberByFullPhoneAndByLastFourDigits()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        var id = Synthetic.IdNumber();
        var phone = Synthetic.Phone();
        var created = await (await staff.PostAsJsonAsync("/api/people", new { name = "查找测试", idNumber = id, phone, householdId = d.HebianHousehold }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var personId = created.GetProperty("id").GetInt64();

        async Task<List<long>> Find(string q) => [.. (await staff.GetFromJsonAsync<JsonElement>($"/api/people?q={q}"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

        Assert.Equal([personId], await Find(id));
        Assert.Equal([personId], await Find(phone));
        Assert.Contains(personId, await Find(phone[^4..]));
        Assert.Contains(personId, await Find("查找测试"));
        Assert.Empty(await Find("13900000000"));
    }

    [Fact]
    public async Task ANameIsFoundByAnyOfItsCharactersInARowAndARenamedPersonByTheNewNameOnly()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        var name = "欧阳" + (char)('甲' + Random.Shared.Next(200)) + "梅";
        var created = await (await staff.PostAsJsonAsync("/api/people", new { name, householdId = d.HebianHousehold })).Content.ReadFromJsonAsync<JsonElement>();
        var personId = created.GetProperty("id").GetInt64();

        // Every page (a single common character finds many).
        async Task<List<long>> Find(string q)
        {
            var found = new List<long>();
            for (var page = 1; page < 100; page++)
            {
                var items = (await staff.GetFromJsonAsync<JsonElement>($"/api/people?q={Uri.EscapeDataString(q)}&community={DemoRecords.Fuqian}&page={page}"))
                    .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
                found.AddRange(items);
                if (items.Count < 20)
                {
                    return found;
                }
            }
            return found;
        }

        foreach (var q in new[] { name, name[..2], name[1..3], name[2..], name[1..], " " + name[2..] + " ", name[3..] })
        {
            Assert.Contains(personId, await Find(q));
        }
        Assert.DoesNotContain(personId, await Find(name[2..3] + name[1..2]));
        Assert.DoesNotContain(personId, await Find(name + "华"));
        await using (var db = app.Database())
        {
            var person = await db.People.SingleAsync(p => p.Id == personId);
            person.Name = "司马" + name[2..];
            await db.SaveChangesAsync();
        }
        Assert.Contains(personId, await Find("司马"));
        Assert.DoesNotContain(personId, await Find("欧阳"));
        Assert.Contains(personId, await Find(name[2..]));
    }

    [Fact]
    public async Task InvalidInputIsAProblemWithFieldErrorsAndSavesNothing()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        await using var db = app.Database();
        var before = await db.People.CountAsync();
        var response = await staff.PostAsJsonAsync("/api/people",
            new { name = "", idNumber = "140827198504120011", phone = "12345", householdId = d.HebianHousehold });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("请输入姓名", errors.GetProperty("name")[0].GetString());
        Assert.Equal("身份证号校验码不正确", errors.GetProperty("idNumber")[0].GetString());
        Assert.Equal("手机号应为 13 至 19 开头的 11 位数字", errors.GetProperty("phone")[0].GetString());
        Assert.Equal(before, await db.People.CountAsync());
    }

    [Fact]
    public async Task ErrorsComeInEnglishWhenTheCallerAsksForIt()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/people")
        {
            Content = JsonContent.Create(new { name = "x", phone = "1", householdId = d.HebianHousehold }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var response = await staff.SendAsync(request);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Mobile number must be 11 digits starting with 13 to 19", errors.GetProperty("phone")[0].GetString());
    }

    [Fact]
    public async Task AHouseholdOutsideTheScopeCannotReceiveAPerson()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        var response = await staff.PostAsJsonAsync("/api/people", new { name = "越界", householdId = d.XueyuanHousehold });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("住户不存在", errors.GetProperty("householdId")[0].GetString());
    }

    [Fact]
    public async Task AnEditWithoutTheIdNumberKeepsTheStoredOne()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        var id = Synthetic.IdNumber();
        var created = await (await staff.PostAsJsonAsync("/api/people", new { name = "改名前", idNumber = id, householdId = d.HebianHousehold }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var personId = created.GetProperty("id").GetInt64();
        var updated = await staff.PutAsJsonAsync($"/api/people/{personId}", new { name = "改名后", householdId = d.HebianHousehold, tags = new[] { "veteran" } });
        updated.EnsureSuccessStatusCode();
        var body = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("改名后", body.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("idNumber").GetString(), body.GetProperty("idNumber").GetString());
        Assert.Equal(["veteran"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await using var db = app.Database();
        Assert.Contains(await db.AuditEntries.Where(a => a.Action == "update" && a.EntityId == personId.ToString()).Select(a => a.Details).ToListAsync(),
            details => details!.Contains("Name"));
    }

    [Fact]
    public async Task SensitiveTagsAreHiddenFromRolesWithoutThePermissionAndReadsAreAudited()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        var created = await (await staff.PostAsJsonAsync("/api/people",
            new { name = "敏感测试", householdId = d.HebianHousehold, tags = new[] { "disabled", "elderly" } })).Content.ReadFromJsonAsync<JsonElement>();
        var personId = created.GetProperty("id").GetInt64();
        Assert.Contains("disabled", created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var county = await app.As("county");
        var seen = await county.GetFromJsonAsync<JsonElement>($"/api/people/{personId}");
        Assert.Equal(["elderly"], seen.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await using var db = app.Database();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "read-sensitive" && a.EntityId == personId.ToString() && a.UserName == "fuqian.staff"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "read-sensitive" && a.EntityId == personId.ToString() && a.UserName == "county"));
    }

    [Fact]
    public async Task ANameWithMarkupIsShownEscaped()
    {
        var d = await Demo();
        var staff = await app.As("fuqian.staff");
        var created = await (await staff.PostAsJsonAsync("/api/people", new { name = "<script>x</script>", householdId = d.HebianHousehold }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var page = await staff.GetStringAsync($"/people/{created.GetProperty("id").GetInt64()}");
        Assert.DoesNotContain("<script>x</script>", page);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", page);
    }

    [Fact]
    public async Task AGoodCsvImportsPeopleAndABadOneImportsNothing()
    {
        var staff = await app.As("fuqian.staff");
        var id = Synthetic.IdNumber();
        var good = "楼栋,门牌号,姓名,身份证号,手机号,标签,户籍地代码,党员\n" +
                   $"河边三巷,99号,导入甲,{id},{Synthetic.Phone()},elderly,140827,是\n" +
                   "河边三巷,99号,导入乙,,,,140827,否\n";
        var result = await Upload(staff, good);
        Assert.Contains("已导入 2 人，新建住户 1 户。", result);
        await using var db = app.Database();
        var household = await db.Households.SingleAsync(h => h.DoorNumber == "99号");
        Assert.Equal(2, await db.People.CountAsync(p => p.HouseholdId == household.Id));

        var before = await db.People.CountAsync();
        var bad = "楼栋,门牌号,姓名,身份证号,手机号,标签,户籍地代码,党员\n" +
                  $"河边三巷,98号,导入丙,{Synthetic.IdNumber()},,,140827,否\n" +
                  "河边三巷,98号,导入丁,140827198504120011,,,140827,否\n" +
                  "不存在的巷子,1号,导入戊,,,,140827,否\n";
        var failed = await Upload(staff, bad);
        Assert.Contains("未导入任何数据", failed);
        Assert.Contains("身份证号校验码不正确", failed);
        Assert.Contains("本社区没有该楼栋、院落或巷道", failed);
        Assert.Equal(before, await db.People.CountAsync());
        Assert.False(await db.Households.AnyAsync(h => h.DoorNumber == "98号"));
    }

    [Fact]
    public async Task TheDownloadedTemplateFilledInAsExcelImports()
    {
        var staff = await app.As("fuqian.staff");
        var template = await staff.GetByteArrayAsync($"/people/import?handler=Template&community={DemoRecords.Fuqian}");
        var header = MiniExcelLibs.MiniExcel.Query(new MemoryStream(template), useHeaderRow: true).Cast<IDictionary<string, object>>().First().Keys.ToList();
        Assert.Equal(["楼栋", "门牌号", "姓名", "身份证号", "手机号", "标签", "户籍地代码", "党员"], header);
        var row = new Dictionary<string, object?>
        {
            ["楼栋"] = "河边二巷", ["门牌号"] = "77号", ["姓名"] = "表格导入", ["身份证号"] = Synthetic.IdNumber(), ["手机号"] = Synthetic.Phone(),
            ["标签"] = "elderly", ["户籍地代码"] = "140827", ["党员"] = "否",
        };
        using var filled = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(filled, new[] { row });
        var html = await Upload(staff, filled.ToArray(), "people.xlsx");
        Assert.Contains("已导入 1 人，新建住户 1 户。", html);
        await using var db = app.Database();
        Assert.True(await db.People.AnyAsync(p => p.Name == "表格导入" && p.Household!.DoorNumber == "77号"));
    }

    private static Task<string> Upload(HttpClient client, string csv) => Upload(client, Encoding.UTF8.GetBytes(csv), "people.csv");

    private static async Task<string> Upload(HttpClient client, byte[] file, string fileName)
    {
        var form = await client.GetStringAsync($"/people/import?community={DemoRecords.Fuqian}");
        var token = Pages.AntiforgeryToken(form);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(DemoRecords.Fuqian), "community" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "Upload", fileName },
        };
        var response = await client.PostAsync($"/people/import?community={DemoRecords.Fuqian}", content);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PeopleTestsOnSqlite(SqliteApp app) : PeopleTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PeopleTestsOnPostgres(PostgresApp app) : PeopleTests(app);
