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
        builder.Services.AddSignalR().AddMessagePackProtocol()
            .AddHubOptions<LiveHub>(o =>
            {
                // /hubs/live is push-only and its clients are often many thin ones on one busy machine (a video
                // wall controller, a gateway): a keep-alive that arrives late there is not a dead client. 60 s
                // (the default is 30) with pings every 15 s leaves 45 s of slack; a client that is really gone
                // is noticed sooner anyway, when a send to it fails.
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(60);
                o.KeepAliveInterval = TimeSpan.FromSeconds(15);
            });
        builder.Services.AddSingleton<LiveHubBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveHubBroadcaster>());
        return builder;
    }

    /// <summary>Maps /hubs/live.</summary>
    public static WebApplication MapLiveUpdates(this WebApplication app)
    {
        // Screens and people who may see the wall; nobody anonymous (the deltas describe residents' cases).
        // 256 KB (the default is 64) of outgoing buffer per connection: a client that falls a few deltas behind
        // during a burst is buffered instead of holding back the group send; only a client that is behind uses it.
        app.MapHub<LiveHub>(LiveHub.Path, o => o.TransportMaxBufferSize = 256 * 1024).RequireAuthorization(Security.Policies.Screen);
        return app;
    }
}
