using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Bench;

/// <summary>One /hubs/live client (the .NET SignalR client, WebSockets, the kiosk cookie) recording the
/// 今日受理 of every snapshot and delta it gets, with the time it got it. Runs inside the hub-load process
/// (<see cref="LiveHubLoad"/>), so its CPU is not the server's. Protocol "json" (as browsers use) or
/// "messagepack"; either way only kpis.accepted is bound, as a thin client would.</summary>
public sealed class LiveHubSampler : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<(long At, int Value)> _samples = [];

    public LiveHubSampler(string web, string cookie, string protocol)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl($"{web.TrimEnd('/')}/hubs/live", c =>
            {
                c.Transports = HttpTransportType.WebSockets;
                c.SkipNegotiation = true;
                c.Headers["Cookie"] = cookie;
            });
        if (protocol == "messagepack") builder.AddMessagePackProtocol();
        _connection = builder.Build();
        // Bursts can take minutes to drain on a loaded machine; the server's pings keep it alive meanwhile.
        _connection.ServerTimeout = TimeSpan.FromMinutes(2);
        foreach (var type in new[] { "snapshot", "delta" })
            _connection.On<HubFigures>(type, m => Record(m.Kpis?.Accepted ?? -1));
    }

    public Task StartAsync(CancellationToken ct) => _connection.StartAsync(ct);

    public Task StopAsync(CancellationToken ct) => _connection.StopAsync(ct);

    /// <summary>A copy of the samples so far, in arrival order.</summary>
    public IReadOnlyList<(long At, int Value)> Samples
    {
        get { lock (_samples) return [.. _samples]; }
    }

    /// <summary>The last 今日受理 seen, or null before the first message.</summary>
    public int? Last
    {
        get { lock (_samples) return _samples.Count > 0 ? _samples[^1].Value : null; }
    }

    // Handlers of one connection run one at a time, but the controller reads from another thread.
    private void Record(int accepted)
    {
        lock (_samples) _samples.Add((LiveClock.Now(), accepted));
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>What a thin client binds of a live message (JSON: camelCase; MessagePack: member names).</summary>
    public sealed class HubFigures
    {
        public HubKpis? Kpis { get; set; }
    }

    public sealed class HubKpis
    {
        public int Accepted { get; set; }
    }
}
