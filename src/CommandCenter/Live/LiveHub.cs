using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Live;

/// <summary>/hubs/live for screens that are not Blazor circuits (other walls, a mobile app): the whole
/// picture on connect, then deltas pushed by <see cref="LiveHubBroadcaster"/>. Read-only: clients call nothing.</summary>
public sealed class LiveHub(LiveState live) : Hub
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.SendAsync("snapshot", LiveHubMessage.Full(live.Current), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}
