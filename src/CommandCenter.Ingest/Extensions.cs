using CommandCenter.Core.Health;

namespace CommandCenter.Ingest;

public static class Extensions
{
    public static WebApplicationBuilder AddIngestApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication UseIngestApi(this WebApplication app)
    {
        app.MapCommandCenterHealth();
        return app;
    }
}
