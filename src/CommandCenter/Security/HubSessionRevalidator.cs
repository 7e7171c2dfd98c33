using System.Collections.Concurrent;
using CommandCenter.Core.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CommandCenter.Security;

/// <summary>SignalR checks authorization only when a connection opens. This hub filter remembers each
/// open connection's session and a background loop aborts the connections whose session no longer
/// stands (revoked kiosk, logout, disabled account, idle), every <see cref="SecurityOptions.RevalidationSeconds"/>.
/// Blazor's own circuit hub is left to <see cref="SessionRevalidatingAuthenticationStateProvider"/>,
/// which sends the browser to the login page instead of leaving it reconnecting.</summary>
public sealed class HubSessionRevalidator(
    IServiceScopeFactory scopes,
    IOptions<SecurityOptions> options,
    ILogger<HubSessionRevalidator> logger) : BackgroundService, IHubFilter
{
    private readonly ConcurrentDictionary<string, (Guid Session, HubCallerContext Connection)> _open = new();

    public int OpenConnections => _open.Count;

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (!IsBlazorHub(context.Hub) && context.Context.User?.SessionId() is { } sid)
            _open[context.Context.ConnectionId] = (sid, context.Context);
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _open.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevalidationInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RevalidateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup must not stop the loop; the next tick tries again.
                logger.LogWarning(ex, "Revalidating {Count} hub connections failed", _open.Count);
            }
        }
    }

    internal async Task RevalidateAsync(CancellationToken ct)
    {
        var snapshot = _open.ToArray();
        if (snapshot.Length == 0) return;
        using var scope = scopes.CreateScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionStore>();
        var invalid = await sessions.FindInvalidAsync(snapshot.Select(c => c.Value.Session).Distinct().ToArray(), ct);
        foreach (var (id, (session, connection)) in snapshot)
        {
            if (!invalid.Contains(session)) continue;
            logger.LogInformation("Closing hub connection {ConnectionId}: its session {SessionId} has ended", id, session);
            _open.TryRemove(id, out _);
            connection.Abort();
        }
    }

    private static bool IsBlazorHub(Hub hub) =>
        hub.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) == true;
}
