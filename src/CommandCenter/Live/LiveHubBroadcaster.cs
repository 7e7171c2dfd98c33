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

    // Made when the loop starts: its drop callback needs this instance.
    private Channel<LiveSnapshot>? _pending;

    // Group sends still being written to slow connections. The loop goes on to the next delta while one is in
    // flight, so a client that reads slowly (its connection's buffer full) delays its own messages, not
    // everybody's; SignalR writes a connection's messages one at a time, in order, so nobody sees them reordered.
    // Past this many the loop waits for the oldest: a slow client may lag, but what the server buffers stays bounded.
    internal const int MaxSendsInFlight = 8;
    private readonly Queue<Task> _inFlight = new();

    // Serialises "send a snapshot and join" against "send a delta": a client then sees its snapshot and
    // after it every delta from exactly the position the snapshot was taken at — no case twice, none missed.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LiveSnapshot _lastSent = live.Current;
    private long _casePosition;
    private ImmutableArray<RecentCase> _recent = [];
    // Ticks of the oldest change in snapshots the channel dropped unsent (0: none): the next delta carries their
    // changes, so cc.hub.delivery.delay counts from them and is never flattered by skipping. (It used to be
    // taken after a send, which gave a snapshot arriving meanwhile the older start and its own delta none.)
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
        var pending = _pending = Channel.CreateBounded<LiveSnapshot>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => { if (dropped.ChangesSince is { } since) MinInto(ref _unsentSinceTicks, since.UtcTicks); });
        using var sub = live.Subscribe(s => pending.Writer.TryWrite(s));
        await StartAtHeadAsync(ct);
        await foreach (var snapshot in pending.Reader.ReadAllAsync(ct))
        {
            var dropped = Interlocked.Exchange(ref _unsentSinceTicks, 0);
            var since = snapshot.ChangesSince?.UtcTicks is { } own && (dropped == 0 || own < dropped) ? own : dropped;
            Task written;
            await _gate.WaitAsync(ct);
            try
            {
                // Under the gate the delta is built and its writes started for every member; a client joining
                // after that gets a snapshot that already includes it.
                written = await SendDeltaAsync(snapshot, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not push a live delta to hub clients");
                if (since != 0) MinInto(ref _unsentSinceTicks, since); // the next delta carries these changes
                continue;
            }
            finally { _gate.Release(); }
            _inFlight.Enqueue(DeliveredAsync(written, since, snapshot.Position));
            while (_inFlight.Count > MaxSendsInFlight || (_inFlight.Count > 0 && _inFlight.Peek().IsCompleted))
                await _inFlight.Dequeue();
        }
    }

    // cc.hub.delivery.delay: the oldest change a delta carries → its bytes taken by every client's connection.
    private async Task DeliveredAsync(Task written, long sinceTicks, long position)
    {
        try
        {
            await written;
            if (sinceTicks != 0)
                CommandCenterMetrics.HubDeliveryDelay.Record(Math.Max(0, (clock.GetUtcNow().UtcTicks - sinceTicks) / (double)TimeSpan.TicksPerSecond));
            logger.LogDebug("Hub delta through change {Position} sent", position);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not push a live delta to hub clients");
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

    /// <summary>Builds the delta(s) for <paramref name="snapshot"/> and starts writing them to the group; the task
    /// returned completes when every member's connection has taken them.</summary>
    private async Task<Task> SendDeltaAsync(LiveSnapshot snapshot, CancellationToken ct)
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
            var unhealthy = Send(LiveHubMessage.Delta(_lastSent, snapshot, _casePosition, []), ct);
            _lastSent = snapshot;
            return unhealthy;
        }

        var cases = new List<RecentCase>(created.Count);
        foreach (var chunk in created.Distinct().Chunk(MaxCasesPerMessage))
            cases.AddRange(await loader.CasesAsync(chunk, ct));

        // The first message carries the grid changes; the rest of a big burst follows in further deltas.
        IEnumerable<RecentCase[]> chunks = cases.Count == 0 ? [[]] : cases.Chunk(MaxCasesPerMessage);
        var first = true;
        var sends = new List<Task>();
        foreach (var chunk in chunks)
        {
            sends.Add(Send(LiveHubMessage.Delta(first ? _lastSent : snapshot, snapshot, position, chunk), ct));
            first = false;
        }
        _lastSent = snapshot;
        _casePosition = position;
        if (cases.Count > 0)
            _recent = [.. _recent.Concat(cases).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(options.Value.RecentCases)];
        return sends.Count == 1 ? sends[0] : Task.WhenAll(sends);
    }

    private Task Send(LiveHubMessage message, CancellationToken ct)
    {
        // The group send serialises the message once per protocol and starts writing the same bytes to every
        // member before it returns; its task completes when every connection has taken them.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        return Timed(hub.Clients.Group(Group).SendAsync("delta", message, ct), started);
    }

    private static async Task Timed(Task send, long started)
    {
        await send;
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
