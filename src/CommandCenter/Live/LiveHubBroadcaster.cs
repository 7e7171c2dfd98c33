using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Live;

/// <summary>Pushes a delta to every /hubs/live client for each new snapshot. Sending happens on its own loop
/// so a slow fan-out never holds up LiveState; if snapshots arrive faster than they can be sent, only the
/// newest is kept (the delta is computed against what was last sent, so nothing is lost by skipping).</summary>
public sealed class LiveHubBroadcaster(LiveState live, IHubContext<LiveHub> hub, ILogger<LiveHubBroadcaster> logger) : BackgroundService
{
    private readonly Channel<LiveSnapshot> _pending = Channel.CreateBounded<LiveSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var lastSent = live.Current;
        using var sub = live.Subscribe(s => _pending.Writer.TryWrite(s));
        await foreach (var snapshot in _pending.Reader.ReadAllAsync(ct))
        {
            try
            {
                await hub.Clients.All.SendAsync("delta", LiveHubMessage.Delta(lastSent, snapshot), ct);
                lastSent = snapshot;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not push a live delta to hub clients");
            }
        }
    }
}
