using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Huying.Modules.Matters;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Huying.Tests.Modules.Matters;

/// <summary>Open311 GeoReport v2 as the spec writes it: shapes in JSON and XML, errors, api_key, window and limit.</summary>
public abstract class Open311Tests(AppFixture app)
{
    private const string Key = "demo-open311-key";

    private static async Task<(HttpStatusCode Status, string Body, string? Type)> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private Task<HttpResponseMessage> PostRequest(string format, params (string, string)[] fields) =>
        app.Anonymous().PostAsync($"/open311/v2/requests.{format}", Form(fields));

    [Fact]
    public async Task DiscoveryAndServicesDescribeTheCatalogueInJsonAndXml()
    {
        var client = app.Anonymous();
        var discovery = JsonDocument.Parse((await Get(client, "/open311/discovery.json")).Body).RootElement;
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.Contains("text/xml", endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));

        var (status, body, type) = await Get(client, "/open311/v2/services.json?jurisdiction_id=140827");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        var services = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        var drainage = services.Single(s => s.GetProperty("service_code").GetString() == "drainage");
        Assert.Equal("排水防汛", drainage.GetProperty("service_name").GetString());
        Assert.True(drainage.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", drainage.GetProperty("type").GetString());
        foreach (var field in new[] { "description", "keywords", "group" })
        {
            Assert.True(drainage.TryGetProperty(field, out _), field);
        }

        var xml = XDocument.Parse((await Get(client, "/open311/v2/services.xml")).Body);
        Assert.Equal("services", xml.Root!.Name.LocalName);
        Assert.Equal(services.Count, xml.Root.Elements("service").Count());
        Assert.Contains(xml.Root.Elements("service"), s => s.Element("service_code")!.Value == "sewage" || s.Element("service_code")!.Value == "drainage.sewage");

        var definition = JsonDocument.Parse((await Get(client, "/open311/v2/services/drainage.json")).Body).RootElement;
        Assert.Equal("drainage", definition.GetProperty("service_code").GetString());
        var depth = definition.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "depth");
        Assert.Equal("singlevaluelist", depth.GetProperty("datatype").GetString());
        Assert.True(depth.GetProperty("variable").GetBoolean());
        Assert.Contains(depth.GetProperty("values").EnumerateArray(), v => v.GetProperty("key").GetString() == "knee");
        var definitionXml = XDocument.Parse((await Get(client, "/open311/v2/services/drainage.xml")).Body);
        Assert.Equal("service_definition", definitionXml.Root!.Name.LocalName);
        Assert.NotEmpty(definitionXml.Root.Element("attributes")!.Elements("attribute").Single(a => a.Element("code")!.Value == "community").Element("values")!.Elements("value"));

        var missing = await Get(client, "/open311/v2/services/nope.xml");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        var error = XDocument.Parse(missing.Body).Root!;
        Assert.Equal("errors", error.Name.LocalName);
        Assert.Equal("404", error.Element("error")!.Element("code")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(client, "/open311/v2/services.json?jurisdiction_id=999999")).Status);
    }

    [Fact]
    public async Task AClientPostsARequestAndFollowsItByIdAndToken()
    {
        var response = await PostRequest("json", ("api_key", Key), ("jurisdiction_id", "140827"), ("service_code", "drainage"),
            ("address_string", "府前社区河边三巷"), ("lat", "35.2951"), ("long", "111.6712"), ("description", "河边三巷积水，没过脚踝"),
            ("attribute[depth]", "ankle"), ("first_name", "大爷"), ("last_name", "王"), ("phone", Synthetic.Phone()));
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = created[0].GetProperty("service_request_id").GetString()!;
        var token = created[0].GetProperty("token").GetString()!;
        Assert.StartsWith("M-", id);

        var (status, body, _) = await Get(app.Anonymous(), $"/open311/v2/requests/{id}.json?api_key={Key}");
        Assert.Equal(HttpStatusCode.OK, status);
        var request = JsonDocument.Parse(body).RootElement[0];
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("drainage", request.GetProperty("service_code").GetString());
        Assert.Equal("府前社区", request.GetProperty("agency_responsible").GetString());
        Assert.EndsWith("+08:00", request.GetProperty("requested_datetime").GetString());
        Assert.Equal(35.2951, request.GetProperty("lat").GetDouble());
        Assert.Equal(JsonValueKind.Null, request.GetProperty("expected_datetime").ValueKind);
        foreach (var field in new[] { "status_notes", "service_name", "description", "updated_datetime", "address", "address_id", "zipcode", "media_url" })
        {
            Assert.True(request.TryGetProperty(field, out _), field);
        }
        var byToken = JsonDocument.Parse((await Get(app.Anonymous(), $"/open311/v2/tokens/{token}.json?api_key={Key}")).Body).RootElement;
        Assert.Equal(id, byToken[0].GetProperty("service_request_id").GetString());

        // Once accepted, expected_datetime is the resolve deadline.
        var grid = await app.As("fuqian.grid");
        await using (var db = app.Database())
        {
            var matter = await db.Matters.SingleAsync(m => m.TrackingCode == id);
            Assert.Equal(MatterChannel.Open311, matter.Channel);
            Assert.Contains("\"depth\":\"ankle\"", matter.AttributesJson);
            Assert.NotNull(matter.GridId);
            (await grid.PostAsync($"/api/matters/{matter.Id}/actions/accept", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
        var xml = XDocument.Parse((await Get(app.Anonymous(), $"/open311/v2/requests/{id}.xml?api_key={Key}")).Body);
        var element = xml.Root!.Element("request")!;
        Assert.Equal("service_requests", xml.Root.Name.LocalName);
        Assert.NotEqual("", element.Element("expected_datetime")!.Value);
        Assert.Equal("已受理", element.Element("status_notes")!.Value);
    }

    [Fact]
    public async Task ErrorsFollowTheSpecInBothFormats()
    {
        async Task Expect(HttpResponseMessage response, HttpStatusCode status, string format, string contains)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
            var description = format == "xml"
                ? XDocument.Parse(body).Root!.Element("error")!.Element("description")!.Value
                : JsonDocument.Parse(body).RootElement[0].GetProperty("description").GetString()!;
            var code = format == "xml"
                ? XDocument.Parse(body).Root!.Element("error")!.Element("code")!.Value
                : JsonDocument.Parse(body).RootElement[0].GetProperty("code").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), code);
            Assert.Contains(contains, description);
        }
        foreach (var format in new[] { "json", "xml" })
        {
            await Expect(await PostRequest(format, ("service_code", "drainage"), ("address_string", "府前社区河边三巷"), ("description", "积水严重")),
                HttpStatusCode.Forbidden, format, "api_key");
            await Expect(await PostRequest(format, ("api_key", "wrong"), ("service_code", "drainage"), ("address_string", "府前社区河边三巷")),
                HttpStatusCode.Forbidden, format, "api_key");
            await Expect(await PostRequest(format, ("api_key", Key), ("address_string", "府前社区河边三巷"), ("description", "积水严重")),
                HttpStatusCode.BadRequest, format, "service_code");
            await Expect(await PostRequest(format, ("api_key", Key), ("service_code", "nope"), ("address_string", "府前社区河边三巷")),
                HttpStatusCode.NotFound, format, "service_code");
            await Expect(await PostRequest(format, ("api_key", Key), ("service_code", "drainage"), ("description", "积水严重")),
                HttpStatusCode.BadRequest, format, "location");
            await Expect(await PostRequest(format, ("api_key", Key), ("service_code", "drainage"), ("address_string", "府前社区河边三巷"), ("description", "积水")),
                HttpStatusCode.BadRequest, format, "description");
            await Expect(await PostRequest(format, ("api_key", Key), ("service_code", "drainage"), ("address_string", "府前社区河边三巷"),
                ("description", "积水严重了"), ("attribute[depth]", "waist")), HttpStatusCode.BadRequest, format, "attribute[depth]");
            await Expect(await PostRequest(format, ("api_key", Key), ("jurisdiction_id", "140822"), ("service_code", "drainage"),
                ("address_string", "府前社区河边三巷")), HttpStatusCode.NotFound, format, "jurisdiction_id");
            await Expect(await app.Anonymous().GetAsync($"/open311/v2/requests.{format}"), HttpStatusCode.Forbidden, format, "api_key");
            await Expect(await app.Anonymous().GetAsync($"/open311/v2/requests/M-NOTHERE.{format}?api_key={Key}"), HttpStatusCode.NotFound, format, "service_request_id");
            await Expect(await app.Anonymous().GetAsync($"/open311/v2/requests.{format}?api_key={Key}&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"),
                HttpStatusCode.BadRequest, format, "90 days");
        }
    }

    [Fact]
    public async Task RequestListsKeepToNinetyDaysAndAThousandRows()
    {
        var now = DateTime.UtcNow;
        await using (var db = app.Database())
        {
            // 1,100 recent requests and one from 100 days ago, written straight to the table.
            var template = await db.Matters.AsNoTracking().FirstAsync(m => m.CommunityCode == DemoRecords.Fuqian);
            db.AuditChanges = false;
            for (var i = 0; i < 1101; i++)
            {
                var at = i == 0 ? now.AddDays(-100) : now.AddMinutes(-i);
                var m = new Matter
                {
                    TrackingCode = $"M-O{i:0000000}", CommunityCode = template.CommunityCode, GridId = template.GridId, CategoryCode = "other",
                    Description = "Open311 分页测试", Channel = MatterChannel.Open311,
                };
                m.Submit(at, new MatterCategory { Code = "other", Name = "其他", NameEn = "Other", RespondMinutes = 24 * 60 }, Huying.Platform.Calendar.WorkCalendar.Plain);
                db.Matters.Add(m);
            }
            await db.SaveChangesAsync();
        }
        var client = app.Anonymous();
        var recent = JsonDocument.Parse((await Get(client, $"/open311/v2/requests.json?api_key={Key}&service_code=other")).Body).RootElement;
        Assert.Equal(1000, recent.GetArrayLength());
        Assert.DoesNotContain(recent.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == "M-O0000000");
        var old = JsonDocument.Parse((await Get(client,
            $"/open311/v2/requests.json?api_key={Key}&service_code=other&start_date={now.AddDays(-101):yyyy-MM-ddTHH:mm:ssZ}&end_date={now.AddDays(-99):yyyy-MM-ddTHH:mm:ssZ}")).Body).RootElement;
        Assert.Equal("M-O0000000", Assert.Single(old.EnumerateArray()).GetProperty("service_request_id").GetString());
        var byIds = JsonDocument.Parse((await Get(client, $"/open311/v2/requests.json?api_key={Key}&service_request_id=M-O0000000,M-O0000001")).Body).RootElement;
        Assert.Equal(2, byIds.GetArrayLength());
        var closed = JsonDocument.Parse((await Get(client, $"/open311/v2/requests.json?api_key={Key}&service_code=other&status=closed")).Body).RootElement;
        Assert.NotEqual(0, closed.GetArrayLength());
        Assert.All(closed.EnumerateArray(), r => Assert.Equal("closed", r.GetProperty("status").GetString()));
        var xml = XDocument.Parse((await Get(client, $"/open311/v2/requests.xml?api_key={Key}&service_code=other")).Body);
        Assert.Equal(1000, xml.Root!.Elements("request").Count());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class Open311TestsOnSqlite(SqliteApp app) : Open311Tests(app);

[Collection(PostgresCollection.Name)]
public sealed class Open311TestsOnPostgres(PostgresApp app) : Open311Tests(app);
