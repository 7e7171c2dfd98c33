using CommandCenter.Core;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Live;

public static class LiveExtensions
{
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.AddChangeFeed();

        builder.Services.AddValidatedOptions<LiveOptions>(LiveOptions.Section);
        builder.Services.AddSingleton<KpiCalculator>();
        // The wall's 累计 tiles read the trend rollups (AddTrends registers the same singleton).
        builder.Services.TryAddSingleton<TrendQueries>();
        builder.Services.AddSingleton<CumulativeRecords>();
        builder.Services.AddSingleton<LiveSnapshotLoader>();
        builder.Services.AddSingleton<LiveState>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveState>());
        // JSON for browsers; MessagePack for hub clients that ask for it (smaller, cheaper to write and read).
        // Either way a group send serialises a message once per protocol, not once per client.
        builder.Services.AddSignalR().AddMessagePackProtocol();
        builder.Services.AddSingleton<LiveHubBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveHubBroadcaster>());
        return builder;
    }

    /// <summary>Maps /hubs/live.</summary>
    public static WebApplication MapLiveUpdates(this WebApplication app)
    {
        // Screens and people who may see the wall; nobody anonymous (the deltas describe residents' cases).
        app.MapHub<LiveHub>(LiveHub.Path).RequireAuthorization(Security.Policies.Screen);
        return app;
    }
}
