using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.BrowserTests.Hub;

/// <summary>A /hubs/live client with the .NET SignalR client, as a non-Blazor screen would use it:
/// signed in by a wall screen's cookie, WebSockets only. Every "snapshot" and "delta" is queued in
/// arrival order for the test to read.</summary>
public sealed class LiveHubClient : IAsyncDisposable
{
    // Chinese as it was sent, not \u-escaped, so text checks on the messages see what a screen shows.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HubConnection _connection;
    private readonly Channel<(string Type, JsonElement Message)> _messages = Channel.CreateUnbounded<(string, JsonElement)>();

    private LiveHubClient(HubConnection connection) => _connection = connection;

    /// <param name="cookie">"name=value" of a signed-in wall screen: the hub requires one.</param>
    public static async Task<LiveHubClient> ConnectAsync(Uri baseAddress, string cookie, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/live"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        var client = new LiveHubClient(connection);
        foreach (var type in new[] { "snapshot", "delta" })
            connection.On<JsonElement>(type, m => client._messages.Writer.TryWrite((type, m)));
        await connection.StartAsync(ct);
        return client;
    }

    /// <summary>The next message of <paramref name="type"/> that <paramref name="match"/> accepts; others are passed over.</summary>
    public async Task<JsonElement> NextAsync(string type, Func<JsonElement, bool> match, CancellationToken ct)
    {
        while (true)
        {
            var (t, message) = await _messages.Reader.ReadAsync(ct);
            if (t == type && match(message)) return message;
        }
    }

    /// <summary>Every message as JSON text, one a line, up to and including the first that contains <paramref name="marker"/>.</summary>
    public async Task<string> ReadUntilAsync(string marker, CancellationToken ct)
    {
        var all = new System.Text.StringBuilder();
        while (true)
        {
            var (type, message) = await _messages.Reader.ReadAsync(ct);
            var line = JsonSerializer.Serialize(new { type, message }, Relaxed);
            all.AppendLine(line);
            if (line.Contains(marker, StringComparison.Ordinal)) return all.ToString();
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
