using CommandCenter.Core.Walls;
using CommandCenter.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Features.WallControl;

/// <summary>/hubs/walls, wall control for clients that are not Blazor circuits. Anyone who may see the wall
/// connects and is sent <c>command</c> (the command it follows, or null) on connect and on every change;
/// a wall screen reports <see cref="Heartbeat"/>; only 值班员 and 领导 may <see cref="Send"/> or
/// <see cref="Release"/> — a wall screen's call is refused by the method's policy (and by WallStore).</summary>
[Authorize(Policy = Policies.Screen)]
public sealed class WallHub(WallDirector director, WallStore store, WallPresenceStore presence, WallHubConnections connections) : Hub
{
    public const string Path = "/hubs/walls";
    private static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        long? kiosk = user.IsKiosk() ? user.SubjectId() : null;
        connections.Add(Context.ConnectionId, kiosk);
        await director.Loaded.WaitAsync(Context.ConnectionAborted);
        if (kiosk is { } id)
            await presence.ReportAsync(id, "hub-" + Context.ConnectionId, Node, 0, Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString(), null, Context.ConnectionAborted);
        await Clients.Caller.SendAsync("command", director.CurrentFor(kiosk), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (connections.Remove(Context.ConnectionId) is { } id)
            await presence.DisconnectAsync(id, "hub-" + Context.ConnectionId, CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>A wall screen is alive and its picture is complete up to change-log <paramref name="position"/>.</summary>
    [Authorize(Policy = Policies.WallReport)]
    public Task Heartbeat(long position) =>
        Context.User!.SubjectId() is { } id
            ? presence.ReportAsync(id, "hub-" + Context.ConnectionId, Node, position, Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString(), null, Context.ConnectionAborted)
            : Task.CompletedTask;

    [Authorize(Policy = Policies.WallControl)]
    public async Task<WallCommand> Send(WallCommandRequest request)
    {
        try
        {
            var command = await store.SendAsync(request, Actor(), Context.ConnectionAborted, WallEndpoints.IssuedBy(Context.User!));
            director.Poke();
            return command;
        }
        catch (WallCommandException ex) { throw new HubException(ex.Message); }
    }

    [Authorize(Policy = Policies.WallControl)]
    public async Task<bool> Release(long commandId)
    {
        try
        {
            var done = await store.ReleaseAsync(commandId, Actor(), Context.ConnectionAborted);
            director.Poke();
            return done;
        }
        catch (WallCommandException ex) { throw new HubException(ex.Message); }
    }

    private Core.Security.AuditActor Actor() => new(Context.User!.Identity!.Name!,
        Context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString());
}
