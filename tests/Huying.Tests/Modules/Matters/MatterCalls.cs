using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huying.Modules.Matters;
using Huying.Platform.Data;
using Huying.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Huying.Tests.Modules.Matters;

/// <summary>The calls the matter tests make: raise a matter at a 府前 building, act on it, read the answer.</summary>
public static class MatterCalls
{
    /// <summary>A deadline sweep on a clock of the test's, the escalation after 24 hours.</summary>
    public static DeadlineSweeper Sweeper(AppFixture app, DateTime at, int batch = 1000, int writers = 1) => new(app.Service<HuyingContextFactory>(),
        app.Service<Huying.Platform.Web.HuyingMetrics>(), new FakeTimeProvider(new DateTimeOffset(at)),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Matters:EscalateAfterHours"] = "24", ["Matters:SweepBatch"] = $"{batch}", ["Matters:SweepWriters"] = $"{writers}",
        }).Build(),
        NullLogger<DeadlineSweeper>.Instance);

    public static async Task<long> BuildingAsync(AppFixture app, string name)
    {
        await using var db = app.Database();
        return await db.Buildings.Where(b => b.CommunityCode == DemoRecords.Fuqian && b.Name == name).Select(b => b.Id).SingleAsync();
    }

    public static async Task<JsonElement> RaiseAsync(AppFixture app, HttpClient client, string text, string category = "drainage",
        string building = "河边三巷", string? phone = null) =>
        await Json(await client.PostAsJsonAsync("/api/matters", new
        {
            categoryCode = category, description = text, communityCode = DemoRecords.Fuqian, buildingId = await BuildingAsync(app, building),
            reporterPhone = phone,
        }), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> Act(HttpClient client, long id, string action, object? body = null) =>
        client.PostAsJsonAsync($"/api/matters/{id}/actions/{action}", body ?? new { });

    public static long Id(JsonElement m) => m.GetProperty("id").GetInt64();
}
