using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CommandCenter.Core.Observability;

public static class MetricsExtensions
{
    public const string Path = "/metrics";

    /// <summary>OpenTelemetry metrics for /metrics (Prometheus text): our meter, ASP.NET Core's (requests,
    /// Kestrel, SignalR connections), Npgsql's own (connection-pool use, command durations) and the runtime's (GC, heap).</summary>
    public static WebApplicationBuilder AddCommandCenterMetrics(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m
                .AddMeter(CommandCenterMetrics.MeterName, "Npgsql", "System.Runtime", "Microsoft.AspNetCore.Http.Connections",
                    "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Components.Server.Circuits")
                .AddAspNetCoreInstrumentation()
                // The SDK reserves 2,000 points per metric stream up front: 11 MB of the web app's heap for ~75
                // streams. No stream here has more than a few dozen label sets; excess ones would land in
                // the overflow series rather than be lost.
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = 200 })
                // Scrapes are rare (every 15–60 s); an uncached answer lets a benchmark read before/after figures.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    /// <summary>Maps /metrics. <paramref name="localOnly"/>: refused (403) to anyone but a direct caller on
    /// this machine — for ingest, which has no signed-in people; the web app instead names a policy on the
    /// returned builder (local callers or an administrator).</summary>
    public static IEndpointConventionBuilder MapCommandCenterMetrics(this IEndpointRouteBuilder app, bool localOnly) =>
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: localOnly
            ? b => b.Use(async (http, next) =>
            {
                if (LocalCaller.IsDirectLoopback(http)) await next(http);
                else http.Response.StatusCode = StatusCodes.Status403Forbidden;
            })
            : null, optionsName: null);
}
