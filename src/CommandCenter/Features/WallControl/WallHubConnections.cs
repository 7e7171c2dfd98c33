using System.Collections.Concurrent;
using System.Collections.Immutable;
using CommandCenter.Core.Walls;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Features.WallControl;

/// <summary>The /hubs/walls connections of this node and the wall each one is (null: a person), so every
/// connection is sent the command that addresses it whenever the commands in force change.</summary>
public sealed class WallHubConnections(WallDirector director, IHubContext<WallHub> hub, ILogger<WallHubConnections> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, long?> _open = new();
    private IDisposable? _subscription;

    public void Add(string connectionId, long? kioskId) => _open[connectionId] = kioskId;

    public long? Remove(string connectionId) => _open.TryRemove(connectionId, out var kiosk) ? kiosk : null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = director.Subscribe(list => _ = PushAsync(list));
        return Task.CompletedTask;
    }

    private async Task PushAsync(ImmutableArray<WallCommand> _)
    {
        foreach (var (connection, kiosk) in _open.ToArray())
        {
            try { await hub.Clients.Client(connection).SendAsync("command", director.CurrentFor(kiosk)); }
            catch (Exception ex) { logger.LogDebug("A wall hub client missed a command: {Error}", ex.Message); }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
