using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Huying.Platform.Data;
using Huying.Platform.Localization;
using Huying.Platform.Validation;
using Huying.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Huying.Modules.Organisation;

namespace Huying.Modules.Matters;

/// <summary>
/// Open311 GeoReport v2: services from the category catalogue, service requests in and out, tokens; every
/// resource in .json and .xml; errors as the spec's list of {code, description}. service_request_id is the
/// matter's public tracking code (never the internal id). Times are ISO 8601 with the county's offset.
/// Residents' texts are personal data (PIPL): reading requests needs a registered api_key too, not only posting.
/// </summary>
public static class Open311Api
{
    private const int MaxRequests = 1000;
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    private static string Jurisdiction(IConfiguration c) => c["Open311:JurisdictionId"] ?? "140827";

    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        app.MapGet("/open311/discovery.json", Discovery).WithTags("Open311").WithSummary("Open311 service discovery").AllowAnonymous();
        // The service list is public (per address); requests are a registered client's, limited per api_key (ClientAsync).
        var v2 = app.MapGroup("/open311/v2").WithTags("Open311").AllowAnonymous();
        v2.MapGet("/services.{format}", (string format, string? jurisdiction_id, HttpContext http, MatterCatalogue catalogue, IConfiguration config) =>
            Open311Format.Handle(http, format, "services", () => ServicesAsync(jurisdiction_id, http, catalogue, config))).RequireRateLimiting(RateLimits.Public);
        v2.MapGet("/services/{code}.{format}", (string code, string format, string? jurisdiction_id, HttpContext http, MatterCatalogue catalogue,
            IConfiguration config) => Open311Format.Handle(http, format, "service_definition", () => ServiceDefinitionAsync(code, jurisdiction_id, http, catalogue, config)))
            .RequireRateLimiting(RateLimits.Public);
        v2.MapPost("/requests.{format}", (string format, HttpContext http, MatterIntake intake, MatterCatalogue catalogue, HuyingDbContext db) =>
            Open311Format.Handle(http, format, "service_requests", () => PostRequestAsync(http, intake, catalogue, db)));
        v2.MapGet("/requests.{format}", (string format, HttpContext http, HuyingDbContext db, MatterCatalogue catalogue, TimeProvider clock,
            IConfiguration config) => Open311Format.Handle(http, format, "service_requests", () => RequestsAsync(http, db, catalogue, clock, config)));
        v2.MapGet("/requests/{id}.{format}", (string id, string format, HttpContext http, HuyingDbContext db, MatterCatalogue catalogue,
            IConfiguration config) => Open311Format.Handle(http, format, "service_requests", () => RequestAsync(id, http, db, catalogue, config)));
        v2.MapGet("/tokens/{token}.{format}", (string token, string format, HttpContext http, HuyingDbContext db, IConfiguration config) =>
            Open311Format.Handle(http, format, "service_requests", () => TokenAsync(token, http, db, config)));
        return app;
    }

    /// <summary>GET discovery.json: where the endpoint is and what it speaks.</summary>
    private static IResult Discovery(HttpContext http)
    {
        var root = $"{PublicUrl.Trusted(http)}/open311/v2/";
        var doc = new Rec
        {
        { "changeset", "2026-11-29T00:00:00+08:00" },
        { "contact", "垣曲县社区服务中心" },
        { "key_service", "API keys are issued by the county's Huying administrator" },
        { "endpoints", new Many("endpoint", [new Rec
        {
            { "specification", "http://wiki.open311.org/GeoReport_v2" },
            { "url", root },
            { "changeset", "2026-11-29T00:00:00+08:00" },
            { "type", "production" },
            { "formats", new Many("format", ["text/xml", "application/json"]) },
        }]) },
        };
        return Open311Format.Write(http, "json", "discovery", doc);
    }

    /// <summary>GET services: the active categories.</summary>
    private static async Task<object> ServicesAsync(string? jurisdiction_id, HttpContext http, MatterCatalogue catalogue, IConfiguration config)
    {
        CheckJurisdiction(jurisdiction_id, config);
        var snapshot = await catalogue.GetAsync(http.RequestAborted);
        return new Many("service", snapshot.Categories.Where(c => c.Raisable).Select(c => (object)new Rec
        {
            { "service_code", c.Code },
            { "service_name", c.Name },
            { "description", $"{c.Name} {c.NameEn}" },
            { "metadata", true },
            { "type", "realtime" },
            { "keywords", c.Keywords ?? "" },
            { "group", snapshot.Find(c.ParentCode)?.Name ?? c.Name },
        }).ToList());
    
    }

    /// <summary>GET services/{code}: a category's questions, and the community to name when the address names none.</summary>
    private static async Task<object> ServiceDefinitionAsync(string code, string? jurisdiction_id, HttpContext http, MatterCatalogue catalogue, IConfiguration config)
    {
        CheckJurisdiction(jurisdiction_id, config);
        var snapshot = await catalogue.GetAsync(http.RequestAborted);
        var places = await catalogue.PlacesAsync(http.RequestAborted);
        var category = snapshot.Find(code) is { Raisable: true } c ? c : throw new Open311Exception(404, "service_code not found");
        var community = new FormQuestion("community", "社区 Community (when the address names no known place)", "singlevaluelist", false,
            [.. places.Communities.Where(x => x.Key.StartsWith(Jurisdiction(config), StringComparison.Ordinal))
                .OrderBy(x => x.Key).Select(x => new FormChoice(x.Key, x.Value))]);
        var order = 0;
        return new Rec
        {
            { "service_code", category.Code },
            { "attributes", new Many("attribute", category.Attributes.Append(community).Select(a => (object)new Rec
            {
                { "variable", true },
                { "code", a.Code },
                { "datatype", a.Datatype },
                { "required", a.Required },
                { "datatype_description", a.Datatype == "number" ? "整数 integer" : "" },
                { "order", ++order },
                { "description", a.Description },
                { "values", new Many("value", (a.Values ?? []).Select(v => (object)new Rec { { "key", v.Key }, { "name", v.Name } }).ToList()) },
            }).ToList()) },
        };
    
    }

    /// <summary>POST requests: a registered client raises a matter (201 with its tracking code and token).</summary>
    private static async Task<object> PostRequestAsync(HttpContext http, MatterIntake intake, MatterCatalogue catalogue, HuyingDbContext db)
    {
        if (!http.Request.HasFormContentType)
        {
            throw new Open311Exception(400, "The request must be form-encoded (application/x-www-form-urlencoded)");
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var client = await ClientAsync(db, form["api_key"], http);
        var jurisdiction = form["jurisdiction_id"].ToString();
        if (jurisdiction.Length > 0 && jurisdiction != client.JurisdictionId)
        {
            throw new Open311Exception(404, "jurisdiction_id not found");
        }
        var serviceCode = form["service_code"].ToString();
        if (serviceCode.Length == 0)
        {
            throw new Open311Exception(400, "service_code was not provided");
        }
        var snapshot = await catalogue.GetAsync(http.RequestAborted);
        if (snapshot.Find(serviceCode) is not { Raisable: true })
        {
            throw new Open311Exception(404, "service_code not found");
        }
        var lat = ParseCoordinate(form["lat"]);
        var lon = ParseCoordinate(form["long"]);
        var address = form["address_string"].ToString().Trim();
        if ((lat is null || lon is null) && address.Length == 0 && form["address_id"].ToString().Length == 0)
        {
            throw new Open311Exception(400, "A location is required: lat and long, address_string or address_id");
        }
        var attributes = form.Keys.Where(k => k.StartsWith("attribute[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k[10..^1], k => form[k].ToString());
        var places = await catalogue.PlacesAsync(http.RequestAborted);
        var communityCode = attributes.Remove("community", out var given) ? given
            : places.Communities.Keys.Where(c => c.StartsWith(client.JurisdictionId, StringComparison.Ordinal))
                .FirstOrDefault(c => address.Length > 0 && (places.Match(c, address) is not null || address.Contains(places.Communities[c], StringComparison.Ordinal)));
        if (communityCode is null || !communityCode.StartsWith(client.JurisdictionId, StringComparison.Ordinal))
        {
            throw new Open311Exception(400, "The location names no community of this jurisdiction: give attribute[community]");
        }
        var name = $"{form["last_name"]}{form["first_name"]}".Trim();
        var input = new MatterInput(serviceCode, form["description"].ToString(), communityCode,
            long.TryParse(form["address_id"], out var buildingId) ? buildingId : null, address.Length > 0 ? address : null,
            form["phone"].ToString() is { Length: > 0 } phone ? phone : null, null, name.Length > 0 ? name : null,
            attributes.Count > 0 ? attributes : null);
        Matter matter;
        try
        {
            matter = await intake.PrepareAsync(input, new ClaimsPrincipal(new ClaimsIdentity()), MatterChannel.Open311, http.RequestAborted);
        }
        catch (FieldException refused)
        {
            var (field, messages) = refused.Errors.All.First();
            throw new Open311Exception(400, $"{Open311Field(field)}: {string.Join("; ", messages.Select(m => m.Localized()))}");
        }
        matter.Open311ClientId = client.Id;
        matter.Open311Token = Guid.NewGuid().ToString("N");
        matter.Latitude = lat;
        matter.Longitude = lon;
        matter.ActedBy = new Actor(null, "open311:" + client.Name, http.Connection.RemoteIpAddress?.ToString());
        await intake.SubmitAsync(matter, http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status201Created;
        return new Many("request", [new Rec
        {
            { "service_request_id", matter.TrackingCode },
            { "token", matter.Open311Token },
            { "service_notice", Tr.Public("Thank you. Follow it at /track/{0}", matter.TrackingCode) },
            { "account_id", null },
        }]);
    
    }

    /// <summary>GET requests: by ids, or by period (90 days at most), category and status; 1,000 at most.</summary>
    private static async Task<object> RequestsAsync(HttpContext http, HuyingDbContext db, MatterCatalogue catalogue, TimeProvider clock, IConfiguration config)
    {
        var query = http.Request.Query;
        CheckJurisdiction(query["jurisdiction_id"], config);
        await ClientAsync(db, query["api_key"], http);
        var q = db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.CommunityCode.StartsWith(Jurisdiction(config)));
        if (query["service_request_id"].ToString() is { Length: > 0 } ids)
        {
            var list = ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(MaxRequests).ToList();
            q = q.Where(m => list.Contains(m.TrackingCode));
        }
        else
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var end = ParseDate(query["end_date"], "end_date") ?? now;
            var start = ParseDate(query["start_date"], "start_date") ?? end - MaxWindow;
            if (end < start)
            {
                throw new Open311Exception(400, "end_date is before start_date");
            }
            if (end - start > MaxWindow)
            {
                throw new Open311Exception(400, "The span between start_date and end_date may not exceed 90 days");
            }
            q = q.Where(m => m.SubmittedAt >= start && m.SubmittedAt <= end);
            if (query["service_code"].ToString() is { Length: > 0 } codes)
            {
                var list = codes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
                q = q.Where(m => list.Contains(m.CategoryCode));
            }
            var status = query["status"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (status.Except(["open", "closed"]).Any())
            {
                throw new Open311Exception(400, "status must be open or closed");
            }
            if (status.Length == 1)
            {
                q = status[0] == "open" ? q.Where(m => (int)m.State <= (int)MatterState.Verified) : q.Where(m => (int)m.State > (int)MatterState.Verified);
            }
        }
        var matters = await q.OrderByDescending(m => m.SubmittedAt).Take(MaxRequests).ToListAsync(http.RequestAborted);
        return new Many("request", await ToRequestsAsync(db, catalogue, http.RequestServices.GetRequiredService<PlaceNames>(), matters, http.RequestAborted));
    
    }

    /// <summary>GET requests/{id}: one matter by its tracking code.</summary>
    private static async Task<object> RequestAsync(string id, HttpContext http, HuyingDbContext db, MatterCatalogue catalogue, IConfiguration config)
    {
        CheckJurisdiction(http.Request.Query["jurisdiction_id"], config);
        await ClientAsync(db, http.Request.Query["api_key"], http);
        var matter = await db.Matters.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(m => m.TrackingCode == id.ToUpperInvariant() && m.CommunityCode.StartsWith(Jurisdiction(config)), http.RequestAborted)
            ?? throw new Open311Exception(404, "service_request_id not found");
        return new Many("request", await ToRequestsAsync(db, catalogue, http.RequestServices.GetRequiredService<PlaceNames>(), [matter], http.RequestAborted));
    
    }

    /// <summary>GET tokens/{token}: the tracking code a token was given for.</summary>
    private static async Task<object> TokenAsync(string token, HttpContext http, HuyingDbContext db, IConfiguration config)
    {
        CheckJurisdiction(http.Request.Query["jurisdiction_id"], config);
        await ClientAsync(db, http.Request.Query["api_key"], http);
        var code = await db.Matters.IgnoreQueryFilters().AsNoTracking().Where(m => m.Open311Token == token)
            .Select(m => m.TrackingCode).FirstOrDefaultAsync(http.RequestAborted)
            ?? throw new Open311Exception(404, "token not found");
        return new Many("request", [new Rec { { "service_request_id", code }, { "token", token } }]);
    
    }

    /// <summary>
    /// The registered client of an api_key, or the spec's 403; 429 once the client has used its minute's calls
    /// (<c>RateLimits:Open311PerMinute</c>, 600 by default, or its own <c>RateLimits:Open311Clients:{client id}</c>) — a
    /// county's 12345 bridge behind one NAT is never held to the anonymous visitors' limit of its address, while
    /// guessing keys is (a wrong key counts against the address's public limit).
    /// </summary>
    private static async Task<Open311Client> ClientAsync(HuyingDbContext db, string? key, HttpContext http)
    {
        var client = string.IsNullOrEmpty(key) ? null
            : await db.Open311Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ApiKeyHash == MatterDefaults.HashKey(key) && c.Active, http.RequestAborted);
        var config = http.RequestServices.GetRequiredService<IConfiguration>();
        var allowances = http.RequestServices.GetRequiredService<Allowances>();
        if (client is null)
        {
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "local";
            if (!allowances.TryTake("open311-miss:" + address, config.GetValue("RateLimits:PublicPerMinute", 120)))
            {
                throw new Open311Exception(429, "Too many requests: try again in a minute");
            }
            throw new Open311Exception(403, "api_key was not provided or is invalid");
        }
        var perMinute = config.GetValue<int?>($"RateLimits:Open311Clients:{client.Id}") ?? config.GetValue("RateLimits:Open311PerMinute", 600);
        return allowances.TryTake($"open311:{client.Id}", perMinute) ? client : throw new Open311Exception(429, "Too many requests for this api_key: try again in a minute");
    }

    private static string Open311Field(string field) => field switch
    {
        "categoryCode" => "service_code",
        "communityCode" => "attribute[community]",
        "buildingId" => "address_id",
        "address" => "address_string",
        "reporterPhone" => "phone",
        "reporterName" => "first_name",
        _ when field.StartsWith("attributes.", StringComparison.Ordinal) => $"attribute[{field[11..]}]",
        _ => field,
    };

    private static async Task<List<object>> ToRequestsAsync(HuyingDbContext db, MatterCatalogue catalogue, PlaceNames names, List<Matter> matters, CancellationToken ct)
    {
        var snapshot = await catalogue.GetAsync(ct);
        var ids = matters.Select(m => m.Id).ToList();
        var events = (await db.MatterEvents.AsNoTracking().Where(e => ids.Contains(e.MatterId) && !e.Internal).ToListAsync(ct))
            .GroupBy(e => e.MatterId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).ThenBy(e => e.Id).ToList());
        var units = await names.UnitsAsync(ct);
        var communities = await names.CommunitiesAsync(ct);
        return [.. matters.Select(m =>
        {
            var timeline = events.GetValueOrDefault(m.Id) ?? [];
            var last = timeline.LastOrDefault();
            var agency = m.UnitId is { } u && units.TryGetValue(u, out var unitName) ? unitName : communities.GetValueOrDefault(m.CommunityCode) ?? m.CommunityCode;
            return (object)new Rec
            {
                { "service_request_id", m.TrackingCode },
                { "status", (int)m.State <= (int)MatterState.Verified ? "open" : "closed" },
                { "status_notes", last is null ? "" : StatusNote(last, m) },
                { "service_name", snapshot.Find(m.CategoryCode)?.Name ?? m.CategoryCode },
                { "service_code", m.CategoryCode },
                { "description", m.Description },
                { "agency_responsible", agency },
                { "service_notice", "" },
                { "requested_datetime", Iso(m.SubmittedAt) },
                { "updated_datetime", Iso(last?.At ?? m.SubmittedAt) },
                { "expected_datetime", m.ResolveDueAt is { } due ? Iso(due) : null },
                { "address", m.Address ?? "" },
                { "address_id", m.BuildingId?.ToString(CultureInfo.InvariantCulture) ?? "" },
                { "zipcode", "" },
                { "lat", m.Latitude },
                { "long", m.Longitude },
                { "media_url", "" },
            };
        })];
    }

    /// <summary>The latest public step in words (role and unit, never a person).</summary>
    private static string StatusNote(MatterEvent e, Matter m)
    {
        var text = Tr.Public(MatterText.StateName(e.ToState));
        if (e.ToState == MatterState.Rejected && m.RejectReason is { } reason)
        {
            return $"{text}：{reason}";
        }
        return e.Note is { Length: > 0 } note && e.Action is "resolve" or "dispatch" ? $"{text}：{note}" : text;
    }

    /// <summary>A time in the installation's zone with its offset; a stored time is always within 1900–2100.</summary>
    private static string Iso(DateTime utc)
    {
        var local = Display.Local(utc);
        var offset = TimeSpan.FromMinutes(Math.Round((local - DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)).TotalMinutes));
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static double? ParseCoordinate(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static DateTime? ParseDate(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? throw new Open311Exception(400, $"{name} is not an ISO 8601 date-time")
            : !FieldBounds.InRange(d.UtcDateTime) ? throw new Open311Exception(400, $"{name} must be between 1900 and 2100")
            : d.UtcDateTime;
    }

    private static void CheckJurisdiction(string? jurisdiction, IConfiguration config)
    {
        if (!string.IsNullOrEmpty(jurisdiction) && jurisdiction != Jurisdiction(config))
        {
            throw new Open311Exception(404, "jurisdiction_id not found");
        }
    }
}
