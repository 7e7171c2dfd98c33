using System.Collections.Immutable;
using CommandCenter.Core.ChangeFeed;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Live;

/// <summary>LISTENs on a dedicated connection and reads the change log by position. NOTIFY only says
/// "something happened"; the log is the truth, so a lost notification or a dropped connection costs a
/// little latency, never a change: after every (re)connect it reads everything after its position.</summary>
public sealed class ChangeFeedListener(
    NpgsqlDataSource db,
    IOptions<ChangeFeedOptions> options,
    TimeProvider clock,
    ILogger<ChangeFeedListener> logger) : BackgroundService, IChangeFeed
{
    private readonly ChangeFeedOptions _options = options.Value;
    // Copy-on-write: subscribing never blocks the delivery loop, and the loop never sees a half-updated list.
    private ImmutableArray<Subscription> _subscribers = ImmutableArray<Subscription>.Empty;
    private readonly SemaphoreSlim _wake = new(0);
    private long _position = -1;
    private volatile bool _connected;
    private long _lastHeardTicks;

    public long Position => Interlocked.Read(ref _position);
    public bool Connected => _connected;
    public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

    /// <summary>Completes once the starting position is known (the head of the log at start-up).</summary>
    public Task Started => _started.Task;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IDisposable Subscribe(Func<IReadOnlyList<ChangeEntry>, CancellationToken, Task> handler)
    {
        var sub = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref _subscribers, (list, s) => list.Add(s), sub);
        return sub;
    }

    private void Unsubscribe(Subscription sub) =>
        ImmutableInterlocked.Update(ref _subscribers, (list, s) => list.Remove(s), sub);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var delay = _options.ReconnectDelay;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                conn.Notification += (_, _) => _wake.Release();
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeLog.Channel}", conn))
                    await listen.ExecuteNonQueryAsync(ct);
                if (_position < 0)
                {
                    // A new process starts at the head: LiveState loads its snapshot from the tables.
                    Interlocked.Exchange(ref _position, await ChangeLog.HeadAsync(db, ct));
                    _started.TrySetResult();
                }
                _connected = true;
                delay = _options.ReconnectDelay;
                logger.LogInformation("Change feed listening from position {Position}", Position);
                await CatchUpAsync(ct);
                while (!ct.IsCancellationRequested)
                {
                    // WaitAsync on the connection delivers queued notifications; the semaphore collapses a
                    // burst of NOTIFYs into one read of the log.
                    var waitForNotify = conn.WaitAsync(_options.PollInterval, ct);
                    await waitForNotify;
                    while (_wake.CurrentCount > 0) await _wake.WaitAsync(ct);
                    await CatchUpAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                _connected = false;
                logger.LogWarning("Change feed lost its database connection ({Error}); reconnecting in {Delay}", ex.Message, delay);
                try { await Task.Delay(delay, clock, ct); } catch (OperationCanceledException) { break; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
        _connected = false;
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        Interlocked.Exchange(ref _lastHeardTicks, clock.GetUtcNow().UtcTicks);
        while (true)
        {
            var entries = await ChangeLog.ReadAfterAsync(db, Position, _options.PageSize, ct);
            if (entries.Count == 0) return;
            foreach (var sub in _subscribers)
                await sub.DeliverAsync(entries, logger, ct);
            Interlocked.Exchange(ref _position, entries[^1].Position);
            if (entries.Count < _options.PageSize) return;
        }
    }

    private sealed class Subscription(ChangeFeedListener owner, Func<IReadOnlyList<ChangeEntry>, CancellationToken, Task> handler) : IDisposable
    {
        public async Task DeliverAsync(IReadOnlyList<ChangeEntry> entries, ILogger logger, CancellationToken ct)
        {
            try
            {
                await handler(entries, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A change-feed subscriber failed on positions {From}..{To}", entries[0].Position, entries[^1].Position);
            }
        }

        public void Dispose() => owner.Unsubscribe(this);
    }
}
