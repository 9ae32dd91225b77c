using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Proxy;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Huying.Tests.Modules.Proxy.ProxyTestData;

namespace Huying.Tests.Modules.Proxy;

public abstract class ProxyCatalogueTests(AppFixture app)
{
    [Fact]
    public async Task TheAdministratorKeepsTheCountysCatalogueAndARetiredItemLeavesTheCounter()
    {
        var admin = await app.As("admin");
        var staff = await app.As("xueyuan.staff");
        await using var db = app.Database();
        var office = await db.PartnerUnits.Where(u => u.Name == "垣曲县人力资源和社会保障局").Select(u => u.Id).SingleAsync();
        var before = await db.Set<ProxyService>().CountAsync();
        var bad = await admin.PostAsJsonAsync("/api/proxy/services", new { countyCode = "999999", name = "", limitDays = 0, materials = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "countyCode", "name", "officeUnitId", "eligibility", "limitDays", "materials" })
        {
            Assert.Contains(field, problem);
        }
        Assert.Equal(before, await db.Set<ProxyService>().CountAsync());
        var item = new
        {
            countyCode = "140827", name = "失业保险金申领", officeUnitId = office, eligibility = "非本人意愿中断就业、已缴纳失业保险满一年", limitDays = 7,
            checks = new[] { "已办理失业登记" }, materials = new[] { new { name = "身份证", required = true, original = true }, new { name = "解除劳动合同证明", required = true, original = false } },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/proxy/services", item)).StatusCode);
        var created = await Json(await admin.PostAsJsonAsync("/api/proxy/services", item), HttpStatusCode.Created);
        var catalogue = (await Json(await staff.GetAsync("/api/proxy/services"))).GetProperty("items").EnumerateArray().ToList();
        var listed = catalogue.Single(s => Id(s) == Id(created));
        Assert.Equal(["身份证", "解除劳动合同证明"], listed.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var idCard = Id(listed.GetProperty("materials")[0]);
        // A change keeps a material's id by its name; retiring the item takes it off the counter.
        var changed = await Json(await admin.PutAsJsonAsync($"/api/proxy/services/{Id(created)}", new
        {
            limitDays = 5, materials = new[] { new { name = "身份证", required = true, original = true }, new { name = "失业登记证明", required = false, original = false } },
        }));
        Assert.Equal(5, changed.GetProperty("limitDays").GetInt32());
        Assert.Equal(idCard, Id(changed.GetProperty("materials")[0]));
        Assert.Equal("失业保险金申领", changed.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/proxy/services/{Id(created)}", new { limitDays = 0 })).StatusCode);
        await admin.PutAsJsonAsync($"/api/proxy/services/{Id(created)}", new { active = false });
        Assert.DoesNotContain((await Json(await staff.GetAsync("/api/proxy/services"))).GetProperty("items").EnumerateArray(), s => Id(s) == Id(created));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/proxy/services/0", new { limitDays = 5 })).StatusCode);
    }

    [Fact]
    public async Task AnItemsFormFieldsAreAskedAtTheCounterCheckedByKindAndKeepTheirCodesWhenTheItemChanges()
    {
        var admin = await app.As("admin");
        var staff = await app.As("xueyuan.staff");
        await using var db = app.Database();
        var office = await db.PartnerUnits.Where(u => u.Name == "垣曲县人力资源和社会保障局").Select(u => u.Id).SingleAsync();
        var badFields = await admin.PostAsJsonAsync("/api/proxy/services", new
        {
            countyCode = "140827", name = "创业担保贷款", officeUnitId = office, eligibility = "返乡创业人员", limitDays = 10,
            materials = new[] { new { name = "身份证", required = true, original = true } },
            fields = new object[] { new { description = "贷款用途", datatype = "colour" }, new { description = "是否首次", datatype = "singlevaluelist", values = new[] { "是" } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, badFields.StatusCode);
        Assert.Contains("fields", await badFields.Content.ReadAsStringAsync());
        var created = await Json(await admin.PostAsJsonAsync("/api/proxy/services", new
        {
            countyCode = "140827", name = "创业担保贷款", officeUnitId = office, eligibility = "返乡创业人员", limitDays = 10,
            materials = new[] { new { name = "身份证", required = true, original = true } },
            fields = new object[]
            {
                new { description = "贷款金额（万元）", datatype = "number", required = true },
                new { description = "开业日期", datatype = "datetime", required = false },
                new { description = "是否首次创业", datatype = "singlevaluelist", required = true, values = new[] { "是", "否" } },
                new { description = "", datatype = "string" },
            },
        }), HttpStatusCode.Created);
        var fields = created.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(["f1", "f2", "f3"], fields.Select(f => f.GetProperty("code").GetString()));

        var person = await db.People.Where(p => p.CommunityCode == Xueyuan).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        object Application(Dictionary<string, string> answers) => new
        {
            communityCode = Xueyuan, serviceId = Id(created), personId = person, mode = "assisted",
            materialIds = created.GetProperty("materials").EnumerateArray().Select(Id), answers,
        };
        var before = await db.Set<ProxyApplication>().CountAsync();
        var wrong = await staff.PostAsJsonAsync("/api/proxy/applications", Application(new() { ["f1"] = "很多", ["f2"] = "3月1日", ["f3"] = "也许" }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var problem = await wrong.Content.ReadAsStringAsync();
        foreach (var (key, message) in new[] { ("answers.f1", "Enter a number"), ("answers.f2", "Enter a date (YYYY-MM-DD)"), ("answers.f3", "Choose one of the listed answers") })
        {
            Assert.Contains($"\"{key}\":[\"{Texts.Zh(message)}\"]", problem);
        }
        var missing = await staff.PostAsJsonAsync("/api/proxy/applications", Application(new() { ["f2"] = "2026-05-01" }));
        Assert.Contains("answers.f3", await missing.Content.ReadAsStringAsync());
        Assert.Equal(before, await db.Set<ProxyApplication>().CountAsync());
        var taken = await Json(await staff.PostAsJsonAsync("/api/proxy/applications",
            Application(new() { ["f1"] = " 20 ", ["f3"] = "是", ["stray"] = "不在表单上" })), HttpStatusCode.Created);
        Assert.Equal(new Dictionary<string, string> { ["f1"] = "20", ["f3"] = "是" },
            taken.GetProperty("answers").Deserialize<Dictionary<string, string>>());

        // The question reworded gets a new code; the unchanged ones keep theirs, so the case's answers still read.
        var changed = await Json(await admin.PutAsJsonAsync($"/api/proxy/services/{Id(created)}", new
        {
            fields = new object[]
            {
                new { description = "是否首次创业", datatype = "singlevaluelist", required = true, values = new[] { "是", "否" } },
                new { description = "贷款金额（万元）", datatype = "number", required = true },
                new { description = "带动就业人数", datatype = "number", required = false },
            },
        }));
        Assert.Equal(["f3", "f1", "f4"], changed.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        var html = await staff.GetStringAsync($"/proxy/{Id(taken)}");
        Assert.Contains("贷款金额（万元）", html);
        Assert.Contains("<dd class=\"col-8 case-answer\">20</dd>", html);
    }

    [Fact]
    public async Task AMaterialsTemplateIsPrintedByTheCounterReplacedByTheAdministratorAndHiddenFromResidents()
    {
        var admin = await app.As("admin");
        var staff = await app.As("xueyuan.staff");
        var (service, _) = await TransportAsync(app);
        var material = Id(service.GetProperty("materials")[1]);
        var url = $"/api/proxy/services/{Id(service)}/materials/{material}/template";
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync(url, Scan("template"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/proxy/services/{Id(service)}/materials/0/template", Scan("template"))).StatusCode);
        var notAFile = new MultipartFormDataContent { { new ByteArrayContent("这不是 PDF"u8.ToArray()), "template", "form.pdf" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(url, notAFile)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(url, Scan("template"))).StatusCode);

        async Task<long?> TemplateAsync() => (await Json(await staff.GetAsync("/api/proxy/services"))).GetProperty("items").EnumerateArray()
            .Single(s => Id(s) == Id(service)).GetProperty("materials").EnumerateArray().Single(m => Id(m) == material)
            .GetProperty("templateFileId") is { ValueKind: JsonValueKind.Number } f ? f.GetInt64() : null;
        var first = await TemplateAsync();
        Assert.NotNull(first);
        Assert.Equal("application/pdf", (await staff.GetAsync($"/files/{first}")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("unit.rsj")).GetAsync($"/files/{first}")).StatusCode);
        foreach (var other in new[] { "resident", "volunteer", "fuqian.grid" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(other)).GetAsync($"/files/{first}")).StatusCode);
        }
        // A new template replaces the old one; removing it leaves none.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(url, Scan("template"))).StatusCode);
        var second = await TemplateAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/files/{first}")).StatusCode);
        Assert.Contains($"/files/{second}", await staff.GetStringAsync("/proxy/catalogue"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(url)).StatusCode);
        Assert.Null(await TemplateAsync());
    }

    [Fact]
    public async Task TheAdministratorChangesAnItemOnItsPageAndABadValueIsRefusedBesideItsField()
    {
        var admin = await app.As("admin");
        await using var db = app.Database();
        var item = await db.Set<ProxyService>().Include(s => s.Materials).Where(s => s.Name == "户籍证明").SingleAsync();
        var page = $"/proxy/catalogue/edit/{item.Id}";
        Assert.Contains("户籍证明", await admin.GetStringAsync("/proxy/catalogue?county=140827"));
        Fields(out var fields, item, limit: "0");
        var refused = await admin.SubmitAsync(page, fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Texts.Zh("Give the time limit in working days (1 to 365)"), await refused.Content.ReadAsStringAsync());
        Assert.Equal(item.LimitDays, await db.Set<ProxyService>().Where(s => s.Id == item.Id).Select(s => s.LimitDays).SingleAsync());

        // A template that is not a PDF or an image refuses the whole form: the limit is not changed either.
        Fields(out fields, item, limit: "4");
        var form = new MultipartFormDataContent { { new StringContent(Pages.AntiforgeryToken(await admin.GetStringAsync(page))), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        form.Add(new ByteArrayContent("not a form"u8.ToArray()), "Input.Materials[0].Template", "form.pdf");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(page, form)).StatusCode);
        Assert.Equal(item.LimitDays, await db.Set<ProxyService>().Where(s => s.Id == item.Id).Select(s => s.LimitDays).SingleAsync());

        fields["Input.Fields[0].Description"] = "证明用途";
        fields["Input.Fields[0].Datatype"] = "singlevaluelist";
        fields["Input.Fields[0].Required"] = "true";
        fields["Input.Fields[0].Values"] = "入学、就业、其他";
        var saved = await admin.SubmitAsync(page, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await db.Set<ProxyService>().AsNoTracking().Include(s => s.Materials).SingleAsync(s => s.Id == item.Id);
        Assert.Equal(4, after.LimitDays);
        Assert.False(after.IsExample);
        Assert.Equal(["入学", "就业", "其他"], after.Fields.Single().Values!.Select(v => v.Name));
        Assert.Equal(item.Materials.Select(m => m.Id).Order(), after.Materials.Select(m => m.Id).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("xueyuan.staff")).GetAsync(page)).StatusCode);
    }

    /// <summary>The item's page as the administrator sends it back: its values, the limit given, the example box unticked.</summary>
    private static void Fields(out Dictionary<string, string> fields, ProxyService item, string limit)
    {
        fields = new()
        {
            ["county"] = item.CountyCode, ["Input.Name"] = item.Name, ["Input.OfficeUnitId"] = item.OfficeUnitId.ToString(), ["Input.Eligibility"] = item.Eligibility,
            ["Input.LimitDays"] = limit, ["Input.RetentionDays"] = item.RetentionDays.ToString(), ["Input.ProxyNeedsAuthorisation"] = "true", ["Input.Active"] = "true",
            ["Input.IsExample"] = "false",
        };
        var i = 0;
        foreach (var m in item.Materials.OrderBy(m => m.Order))
        {
            fields[$"Input.Materials[{i}].Name"] = m.Name;
            fields[$"Input.Materials[{i}].Required"] = m.Required ? "true" : "false";
            fields[$"Input.Materials[{i++}].Original"] = m.Original ? "true" : "false";
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProxyCatalogueTestsOnSqlite(SqliteApp app) : ProxyCatalogueTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProxyCatalogueTestsOnPostgres(PostgresApp app) : ProxyCatalogueTests(app);
