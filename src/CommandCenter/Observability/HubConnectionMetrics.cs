using CommandCenter.Core.Observability;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Observability;

/// <summary>Counts connected clients per hub (cc.hub.clients): a global hub filter sees every hub's
/// connects and disconnects, so a new hub is counted without anyone remembering to.</summary>
public sealed class HubConnectionMetrics : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        CommandCenterMetrics.HubClients.Add(1, new KeyValuePair<string, object?>("hub", context.Hub.GetType().Name));
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        CommandCenterMetrics.HubClients.Add(-1, new KeyValuePair<string, object?>("hub", context.Hub.GetType().Name));
        await next(context, exception);
    }
}
