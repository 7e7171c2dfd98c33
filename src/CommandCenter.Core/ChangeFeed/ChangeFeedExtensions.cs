using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Core.ChangeFeed;

public static class ChangeFeedExtensions
{
    /// <summary>Registers the process's one change-feed listener as <see cref="IChangeFeed"/> (a hosted
    /// service), its validated <c>ChangeFeed</c> options and the <c>changeFeed</c> health check. Needs
    /// <c>AddCommandCenterData()</c>. Idempotent: the live layer and the grid assigner both ask for it,
    /// and a second listener would only hold a second LISTEN connection. <paramref name="whenDisconnected"/>
    /// is what /healthz reports while the feed reconnects.</summary>
    public static IHostApplicationBuilder AddChangeFeed(this IHostApplicationBuilder builder,
        HealthStatus whenDisconnected = HealthStatus.Unhealthy)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IChangeFeed)))
            return builder;
        builder.Services.AddValidatedOptions<ChangeFeedOptions>(ChangeFeedOptions.Section);
        builder.Services.AddSingleton<ChangeFeedListener>();
        builder.Services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<ChangeFeedListener>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedListener>());
        builder.Services.AddHealthChecks().AddCheck<ChangeFeedHealthCheck>("changeFeed", whenDisconnected);
        return builder;
    }
}
