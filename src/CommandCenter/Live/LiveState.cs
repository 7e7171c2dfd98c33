using CommandCenter.Core.ChangeFeed;
using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace CommandCenter.Live;

/// <summary>The one live picture of the subdistrict in this process: built from the database at start-up,
/// then refreshed whenever the change feed reports committed changes. Refreshes are coalesced — at most
/// one per <see cref="LiveOptions.MinRefreshInterval"/> — so a burst of 1,000 changes becomes a few
/// snapshots and a few renders per screen. Without changes it still refreshes every heartbeat, which moves
/// cases into 超期 as time passes and tells screens the server is alive. Snapshots are immutable and
/// swapped atomically.</summary>
public sealed class LiveState : BackgroundService
{
    private readonly IChangeFeed _feed;
    private readonly LiveSnapshotLoader _loader;
    private readonly LiveOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveState> _logger;
    private readonly SemaphoreSlim _changed = new(0);
    private ImmutableArray<Subscription> _subscribers = [];
    private LiveSnapshot _current;
    private long _refreshes;
    // Ticks of the oldest change not yet in a snapshot (0: none), for cc.hub.delivery.delay.
    private long _pendingSinceTicks;

    public LiveState(IChangeFeed feed, LiveSnapshotLoader loader, IOptions<LiveOptions> options, TimeProvider clock, ILogger<LiveState> logger)
    {
        _feed = feed;
        _loader = loader;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _current = LiveSnapshot.Empty(clock.GetUtcNow());
    }

    public LiveSnapshot Current => Volatile.Read(ref _current);

    /// <summary>How many snapshots have been published (a measure of coalescing, for tests and benchmarks).</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    public LiveOptions Options => _options;

    internal int SubscriberCount => _subscribers.Length;

    /// <summary>Calls <paramref name="onSnapshot"/> with every new snapshot, on a background thread (components
    /// must marshal with InvokeAsync). Handlers must be quick; one that throws is logged and kept.</summary>
    public IDisposable Subscribe(Action<LiveSnapshot> onSnapshot)
    {
        var sub = new Subscription(this, onSnapshot);
        ImmutableInterlocked.Update(ref _subscribers, (list, s) => list.Add(s), sub);
        return sub;
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        // Subscribe before the first load: a change committed during the load triggers another refresh.
        using var feedSubscription = _feed.Subscribe((entries, _) =>
        {
            if (entries.Count > 0) Interlocked.CompareExchange(ref _pendingSinceTicks, entries[0].CommittedAt.UtcTicks, 0);
            if (_changed.CurrentCount == 0) _changed.Release();
            return Task.CompletedTask;
        });
        while (!ct.IsCancellationRequested)
        {
            var started = _clock.GetTimestamp();
            await RefreshAsync(ct);
            try
            {
                // At most one refresh per interval, counted from the start of the last one: a change that
                // arrives during a refresh waits for the rest of the interval, not for a whole one more.
                var rest = _options.MinRefreshInterval - _clock.GetElapsedTime(started);
                if (rest > TimeSpan.Zero) await Task.Delay(rest, _clock, ct);
                await _changed.WaitAsync(_options.HeartbeatInterval, ct);
                while (_changed.CurrentCount > 0) await _changed.WaitAsync(ct);
            }
            catch (OperationCanceledException) { break; }
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var pendingSince = Interlocked.Exchange(ref _pendingSinceTicks, 0);
        // Read the position first: the snapshot then reflects at least everything up to it.
        var position = _feed.Position;
        LiveSnapshot next;
        try
        {
            next = await _loader.LoadAsync(position, now, ct);
            if (!_feed.Connected) next = next with { Healthy = false };
            if (pendingSince != 0) next = next with { ChangesSince = new DateTimeOffset(pendingSince, TimeSpan.Zero) };
            if (!Current.Healthy && Current.Loaded) _logger.LogInformation("Live state refreshed again at position {Position}", position);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // Keep the last good numbers on the wall, but flag them: screens show "数据延迟".
            if (Current.Healthy || !Current.Loaded)
                _logger.LogWarning("Live state could not refresh from the database ({Error}); keeping the last snapshot", ex.Message);
            next = Current with { HeartbeatAt = now, Healthy = false };
            if (pendingSince != 0) Interlocked.CompareExchange(ref _pendingSinceTicks, pendingSince, 0); // shown by the next good load
        }
        Volatile.Write(ref _current, next);
        Interlocked.Increment(ref _refreshes);
        foreach (var sub in _subscribers) sub.Deliver(next, _logger);
        Core.Observability.CommandCenterMetrics.LiveRefreshDuration.Record(Core.Observability.CommandCenterMetrics.SecondsSince(started));
        _logger.LogDebug("Live snapshot through change {Position} published", position);
    }

    private sealed class Subscription(LiveState owner, Action<LiveSnapshot> handler) : IDisposable
    {
        public void Deliver(LiveSnapshot snapshot, ILogger logger)
        {
            try { handler(snapshot); }
            catch (Exception ex) { logger.LogError(ex, "A live-state subscriber failed"); }
        }

        public void Dispose() => ImmutableInterlocked.Update(ref owner._subscribers, (list, s) => list.Remove(s), this);
    }
}
