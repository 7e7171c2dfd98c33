using CommandCenter.Core.Observability;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Observability;

public static class ObservabilityExtensions
{
    /// <summary>/metrics for the web app: circuits and hub clients counted, plus the shared meters.</summary>
    public static WebApplicationBuilder AddWebObservability(this WebApplicationBuilder builder)
    {
        builder.AddCommandCenterMetrics("commandcenter-web");
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetrics>());
        builder.Services.AddSignalR(o => o.AddFilter<HubConnectionMetrics>());
        builder.Services.AddSingleton<HubConnectionMetrics>();
        builder.AddHeapDiagnostics();
        return builder;
    }

    /// <summary>/metrics under policy <see cref="Policies.Metrics"/>: a scraper on the node or an administrator.</summary>
    public static WebApplication MapWebObservability(this WebApplication app)
    {
        app.MapCommandCenterMetrics(localOnly: false).RequireAuthorization(Policies.Metrics);
        app.MapHeapDiagnostics();
        return app;
    }
}
