using System.Collections.Concurrent;
using System.Text.Json;
using CommandCenter.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>A /hubs/live connection through the in-process web app with the .NET SignalR client, as a
/// non-Blazor screen uses it; records every message and the case ids in them.</summary>
public sealed class LiveHubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<long> _caseIds = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly TaskCompletionSource _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LiveHubClient(HubConnection connection) => _connection = connection;

    public IReadOnlyCollection<long> CaseIds => [.. _caseIds];

    public static async Task<LiveHubClient> ConnectAsync(WebApp web, string cookie)
    {
        var server = web.Factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, LiveHub.Path.TrimStart('/')), o =>
            {
                // The in-process test server has no sockets: long polling through its handler.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        var client = new LiveHubClient(connection);
        connection.On<JsonElement>("snapshot", m => { client.Record(m); client._snapshot.TrySetResult(); });
        connection.On<JsonElement>("delta", client.Record);
        await connection.StartAsync();
        await client._snapshot.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    /// <summary>Every message as JSON text, in arrival order.</summary>
    public IReadOnlyCollection<string> Messages => [.. _messages];

    private void Record(JsonElement message)
    {
        _messages.Enqueue(message.GetRawText());
        foreach (var c in message.GetProperty("cases").EnumerateArray()) _caseIds.Enqueue(c.GetProperty("id").GetInt64());
    }

    public async Task WaitForAsync(IReadOnlySet<long> ids, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!ids.IsSubsetOf(_caseIds))
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"the hub client got {ids.Count(_caseIds.Contains)} of {ids.Count} cases");
            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
