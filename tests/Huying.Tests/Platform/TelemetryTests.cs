using System.Net;
using System.Net.Http.Json;
using Huying.Modules.Matters;
using Huying.Platform.Data;
using Huying.Platform.Notifications;
using Huying.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Huying.Tests.Platform;

/// <summary>OpenTelemetry when an endpoint is configured: requests per route and Huying's own measurements reach the exporter.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task WithAnEndpointConfiguredRequestsPerRouteIntakeBatchesSweeperLagOutboxAndOverdueAreMeasured()
    {
        await using var factory = await HuyingFactory.CreateAsync(DatabaseProvider.Sqlite);
        // Nothing listens there: the OTLP exporter's sends fail quietly; the in-memory exporter is what the test reads.
        factory.Settings["OpenTelemetry:Endpoint"] = "http://127.0.0.1:9";
        var exported = new List<Metric>();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(exported))));
        var staff = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        staff.WithBearer(await staff.TokenAsync("fuqian.staff"));
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/matters",
            new { categoryCode = "facilities", description = "遥测测试：路灯不亮", communityCode = DemoRecords.Fuqian })).StatusCode);
        await app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(default);
        await app.Services.GetRequiredService<NotificationDispatcher>().DeliverAsync(default);
        // False: the OTLP exporter found nobody listening; the in-memory one has what was measured.
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var names = exported.Select(m => m.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("huying.intake.batch_size", names);
        Assert.Contains("huying.sweeper.lag", names);
        Assert.Contains("huying.outbox.depth", names);
        Assert.Contains("huying.matters.overdue", names);
        // Per endpoint: the route, never the path with its values.
        var routes = exported.Where(m => m.Name == "http.server.request.duration")
            .SelectMany(m => Points(m).SelectMany(p => Tags(p).Where(t => t.Key == "http.route").Select(t => t.Value?.ToString()))).ToList();
        Assert.Contains("/api/matters/", routes);
        var overdue = exported.Last(m => m.Name == "huying.matters.overdue");
        Assert.True(Points(overdue).Single().GetGaugeLastValueLong() > 0, "the demo has overdue matters");
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var p in metric.GetMetricPoints())
        {
            points.Add(p);
        }
        return points;
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var t in point.Tags)
        {
            tags.Add(t);
        }
        return tags;
    }
}
