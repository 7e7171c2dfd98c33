using System.Collections.Immutable;
using System.Threading.Channels;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Observability;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Live;

/// <summary>Pushes a delta to every /hubs/live client for each new snapshot. Sending happens on its own loop
/// so a slow fan-out never holds up LiveState; if snapshots arrive faster than they can be sent, only the
/// newest is kept. Nothing is lost by skipping: grids and KPIs are diffed against what was last sent, and
/// new cases are read from the change log by position (<see cref="CreatedCases"/>) rather than taken
/// from the snapshot's "latest 20", which a burst of 30 overflows.</summary>
public sealed class LiveHubBroadcaster(LiveState live, IHubContext<LiveHub> hub, NpgsqlDataSource db, LiveSnapshotLoader loader,
    IOptions<LiveOptions> options, TimeProvider clock, ILogger<LiveHubBroadcaster> logger) : BackgroundService
{
    /// <summary>Clients in this group get deltas; a client joins only after its snapshot was sent.</summary>
    public const string Group = "live";

    // A burst of 20,000 new cases is cut into messages of this many, so no message gets huge.
    internal const int MaxCasesPerMessage = 500;
    private const int EntriesPerRead = 1000;

    private readonly Channel<LiveSnapshot> _pending = Channel.CreateBounded<LiveSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    // Serialises "send a snapshot and join" against "send a delta": a client then sees its snapshot and
    // after it every delta from exactly the position the snapshot was taken at — no case twice, none missed.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LiveSnapshot _lastSent = live.Current;
    private long _casePosition;
    private ImmutableArray<RecentCase> _recent = [];
    // Ticks of the oldest change in a snapshot not yet sent (0: none): a snapshot the channel dropped
    // still counts from its own changes, so cc.hub.delivery.delay is never flattered by skipping.
    private long _unsentSinceTicks;

    /// <summary>Sends the caller the whole picture and adds it to the delta group, in one step.</summary>
    public async Task JoinAsync(HubCallerContext context, ISingleClientProxy caller)
    {
        var ct = context.ConnectionAborted;
        await _ready.Task.WaitAsync(ct);
        await _gate.WaitAsync(ct);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await caller.SendAsync("snapshot", LiveHubMessage.Full(_lastSent, _casePosition, _recent), ct);
            CommandCenterMetrics.HubSendDuration.Record(CommandCenterMetrics.SecondsSince(started), SnapshotTag);
            await hub.Groups.AddToGroupAsync(context.ConnectionId, Group, ct);
        }
        finally { _gate.Release(); }
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var sub = live.Subscribe(s =>
        {
            if (s.ChangesSince is { } since) MinInto(ref _unsentSinceTicks, since.UtcTicks);
            _pending.Writer.TryWrite(s);
        });
        await StartAtHeadAsync(ct);
        await foreach (var snapshot in _pending.Reader.ReadAllAsync(ct))
        {
            await _gate.WaitAsync(ct);
            try
            {
                await SendDeltaAsync(snapshot, ct);
                var since = Interlocked.Exchange(ref _unsentSinceTicks, 0);
                if (since != 0)
                    CommandCenterMetrics.HubDeliveryDelay.Record(Math.Max(0, (clock.GetUtcNow().UtcTicks - since) / (double)TimeSpan.TicksPerSecond));
                logger.LogDebug("Hub delta through change {Position} sent", snapshot.Position);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not push a live delta to hub clients");
            }
            finally { _gate.Release(); }
        }
    }

    // Where the case stream starts: the latest cases and the position they are the state of, read together.
    private async Task StartAtHeadAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                (_casePosition, _recent) = await loader.RecentAtHeadAsync(clock.GetUtcNow(), ct);
                _lastSent = live.Current;
                _ready.TrySetResult();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Live hub cannot read the change log yet ({Error}); retrying in {Delay}", ex.Message, delay);
                await Task.Delay(delay, clock, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task SendDeltaAsync(LiveSnapshot snapshot, CancellationToken ct)
    {
        var position = _casePosition;
        var created = new List<long>();
        try
        {
            while (true)
            {
                // Only up to the snapshot's position: the cases then arrive with the grids and KPIs that count them.
                var page = await CreatedCases.ReadAfterAsync(db, position, snapshot.Position, EntriesPerRead, ct);
                position = page.LastPosition;
                created.AddRange(page.CaseIds);
                if (page.Entries < EntriesPerRead) break;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The database is away: still tell clients (Healthy=false), and send the cases once it is back.
            logger.LogDebug("New cases for hub clients could not be read: {Error}", ex.Message);
            await SendAsync(LiveHubMessage.Delta(_lastSent, snapshot, _casePosition, []), ct);
            _lastSent = snapshot;
            return;
        }

        var cases = new List<RecentCase>(created.Count);
        foreach (var chunk in created.Distinct().Chunk(MaxCasesPerMessage))
            cases.AddRange(await loader.CasesAsync(chunk, ct));

        // The first message carries the grid changes; the rest of a big burst follows in further deltas.
        IEnumerable<RecentCase[]> chunks = cases.Count == 0 ? [[]] : cases.Chunk(MaxCasesPerMessage);
        var first = true;
        foreach (var chunk in chunks)
        {
            await SendAsync(LiveHubMessage.Delta(first ? _lastSent : snapshot, snapshot, position, chunk), ct);
            first = false;
        }
        _lastSent = snapshot;
        _casePosition = position;
        if (cases.Count > 0)
            _recent = [.. _recent.Concat(cases).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(options.Value.RecentCases)];
    }

    private async Task SendAsync(LiveHubMessage message, CancellationToken ct)
    {
        // The group send serialises the message once per protocol and writes the same bytes to every
        // member; it completes when every connection has taken them (or is backed up and buffering).
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await hub.Clients.Group(Group).SendAsync("delta", message, ct);
        CommandCenterMetrics.HubSendDuration.Record(CommandCenterMetrics.SecondsSince(started), DeltaTag);
    }

    private static readonly KeyValuePair<string, object?> DeltaTag = new("message", "delta");
    private static readonly KeyValuePair<string, object?> SnapshotTag = new("message", "snapshot");

    private static void MinInto(ref long target, long value)
    {
        long seen;
        do { seen = Interlocked.Read(ref target); }
        while ((seen == 0 || value < seen) && Interlocked.CompareExchange(ref target, value, seen) != seen);
    }
}
