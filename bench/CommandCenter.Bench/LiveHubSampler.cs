using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Bench;

/// <summary>One /hubs/live client (the .NET SignalR client, WebSockets, the kiosk cookie) recording the
/// 今日受理 of every snapshot and delta it gets, with the time it got it.</summary>
public sealed class LiveHubSampler : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<(long At, int Value)> _samples = [];

    public LiveHubSampler(LiveLoadOptions o)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl($"{o.Web.TrimEnd('/')}/hubs/live", c =>
            {
                c.Transports = HttpTransportType.WebSockets;
                c.SkipNegotiation = true;
                c.Headers["Cookie"] = o.KioskCookie;
            })
            .Build();
        foreach (var type in new[] { "snapshot", "delta" })
            _connection.On<JsonElement>(type, m => Record(m.GetProperty("kpis").GetProperty("accepted").GetInt32()));
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

    // Handlers of one connection run one at a time, but the bench reads from another thread.
    private void Record(int accepted)
    {
        lock (_samples) _samples.Add((LiveClock.Now(), accepted));
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
