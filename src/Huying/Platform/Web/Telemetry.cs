using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Huying.Platform.Web;

/// <summary>
/// Huying's own measurements, beside ASP.NET Core's request rate and latency per route: matters written per intake
/// transaction, how far the deadline sweep is behind, the text messages waiting to go out, the matters overdue now.
/// The background work records them as it runs; nothing is counted for them while no one listens.
/// </summary>
public sealed class HuyingMetrics : IDisposable
{
    public const string MeterName = "Huying";
    private readonly Meter meter = new(MeterName);
    private double? sweeperLag;
    private long? outboxDepth;
    private long? overdue;

    public HuyingMetrics()
    {
        IntakeBatch = meter.CreateHistogram<int>("huying.intake.batch_size", "{matter}", "Matters written in one intake transaction");
        meter.CreateObservableGauge("huying.sweeper.lag", () => Of(sweeperLag), "s", "How long the oldest deadline notice owed has waited");
        meter.CreateObservableGauge("huying.outbox.depth", () => Of(outboxDepth), "{message}", "Text messages not yet delivered");
        meter.CreateObservableGauge("huying.matters.overdue", () => Of(overdue), "{matter}", "Open matters past their deadline");
    }

    public Histogram<int> IntakeBatch { get; }

    /// <summary>Whether anyone collects these (the background work skips the counts otherwise).</summary>
    public bool Listened => IntakeBatch.Enabled;

    public void Sweep(double lagSeconds, long overdueNow) => (sweeperLag, overdue) = (lagSeconds, overdueNow);

    public void Outbox(long depth) => outboxDepth = depth;

    private static IEnumerable<Measurement<T>> Of<T>(T? value) where T : struct => value is { } v ? [new Measurement<T>(v)] : [];

    public void Dispose() => meter.Dispose();
}

public static class TelemetrySetup
{
    /// <summary>
    /// OpenTelemetry traces and metrics over OTLP when <c>OpenTelemetry:Endpoint</c> (or the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) is set; otherwise none of it is registered. /healthz and static files are not
    /// traced. Spans carry routes, not query strings (the instrumentation redacts their values).
    /// </summary>
    public static IServiceCollection AddHuyingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HuyingMetrics>();
        var endpoint = configuration["OpenTelemetry:Endpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrEmpty(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("huying"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != "/healthz" && !http.Request.Path.StartsWithSegments("/lib"))
                .AddOtlpExporter(o => o.Endpoint = uri))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(MeterName)
                .AddOtlpExporter(o => o.Endpoint = uri));
        return services;
    }

    private const string MeterName = HuyingMetrics.MeterName;
}
