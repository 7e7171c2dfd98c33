using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Live;

/// <summary>/hubs/live for screens that are not Blazor circuits (other walls, a mobile app): the whole
/// picture on connect, then deltas pushed by <see cref="LiveHubBroadcaster"/>. Read-only: clients call nothing.</summary>
public sealed class LiveHub(LiveHubBroadcaster broadcaster) : Hub
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        await broadcaster.JoinAsync(Context, Clients.Caller);
        await base.OnConnectedAsync();
    }
}
