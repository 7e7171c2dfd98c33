using System.Collections.Concurrent;
using System.Text.Json;
using CommandCenter.Features.WallControl;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Tests.Walls;

/// <summary>A /hubs/walls connection through the in-process app (.NET SignalR client, long polling), as a
/// non-Blazor wall or desk tool uses it; keeps every "command" message (null = the normal view).</summary>
public sealed class WallHubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonElement?> _commands = new();

    private WallHubClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public static async Task<WallHubClient> ConnectAsync(WebApp web, string cookie)
    {
        var server = web.Factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, WallHub.Path.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        var client = new WallHubClient(connection);
        connection.On<JsonElement?>("command", m => client._commands.Enqueue(m));
        await connection.StartAsync();
        return client;
    }

    /// <summary>The id of the latest command received (null: normal view), once at least one arrived.</summary>
    public long? LatestId => _commands.LastOrDefault() is { ValueKind: JsonValueKind.Object } c ? c.GetProperty("id").GetInt64() : null;

    public int Received => _commands.Count;

    /// <summary>Waits (on the messages, bounded) until the latest command is <paramref name="id"/>.</summary>
    public async Task WaitForAsync(long? id, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_commands.IsEmpty || LatestId != id)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"wall hub client: latest command {LatestId}, expected {id} ({Received} messages)");
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
