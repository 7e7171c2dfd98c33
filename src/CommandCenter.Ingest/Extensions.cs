using CommandCenter.Core;
using CommandCenter.Core.Campaigns;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Geo;
using CommandCenter.Core.Health;
using CommandCenter.Core.Observability;
using CommandCenter.Core.Security;
using CommandCenter.Core.Trends;
using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Validation;
using CommandCenter.Core.Ingest;
using CommandCenter.Ingest.Writer;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Ingest;

public static class Extensions
{
    public static WebApplicationBuilder AddIngestApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        // Registered before the grid assigner asks for it with the default: ingest keeps accepting batches
        // while the feed reconnects (only a grid reload waits), so a lost feed is Degraded here, not Unhealthy.
        builder.AddChangeFeed(whenDisconnected: HealthStatus.Degraded);
        builder.AddGridAssignment();
        builder.Services.AddIngestWriter();
        builder.Services.AddCampaigns();
        builder.Services.AddSingleton<IngestRequestHandler>();
        builder.AddCommandCenterSecurityCore();
        builder.Services.AddCommandCenterRateLimits();
        builder.AddCommandCenterMetrics("commandcenter-ingest");
        // Folds the trend parts its batches leave pending (issue 17); readers fold for themselves too.
        builder.AddTrendFolder();
        return builder;
    }

    /// <summary>Validation and the batch writers, also used without the web server (import, simulate).</summary>
    public static IServiceCollection AddIngestWriter(this IServiceCollection services)
    {
        services.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        services.AddSingleton<CategoryCatalog>();
        services.AddSingleton<IncidentParser>();
        services.AddSingleton<PatrolParser>();
        services.AddSingleton<IncidentWriter>();
        services.AddSingleton<PatrolWriter>();
        services.AddSingleton<MediationWriter>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<ApiKeyStore>();
        return services;
    }

    public static WebApplication UseIngestApi(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseRateLimiter();
        app.MapCommandCenterHealth();
        app.MapIngestEndpoints();
        app.MapCampaignProgress();
        // Ingest has no signed-in people: /metrics is for a scraper on this node only.
        app.MapCommandCenterMetrics(localOnly: true);
        return app;
    }
}
