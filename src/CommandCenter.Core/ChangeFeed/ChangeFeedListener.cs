using System.Collections.Immutable;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace CommandCenter.Core.ChangeFeed;

/// <summary>LISTENs on a dedicated connection and reads the change log by position. NOTIFY only says
/// "something happened"; the log is the truth, so a lost notification or a dropped connection costs a
/// little latency, never a change: after every (re)connect it reads everything after its position.</summary>
public sealed class ChangeFeedListener : BackgroundService, IChangeFeed
{
    private readonly NpgsqlDataSource _db;
    private readonly ChangeFeedOptions _options;
    private readonly ILogger<ChangeFeedListener> _logger;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline<NpgsqlConnection> _connect;
    // Copy-on-write: subscribing never blocks the delivery loop, and the loop never sees a half-updated list.
    private ImmutableArray<Subscription> _subscribers = ImmutableArray<Subscription>.Empty;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position = -1;
    private volatile bool _connected;
    private long _lastHeardTicks;

    public ChangeFeedListener(NpgsqlDataSource db, IOptions<ChangeFeedOptions> options, TimeProvider clock,
        ILogger<ChangeFeedListener> logger)
    {
        (_db, _options, _clock, _logger) = (db, options.Value, clock, logger);
        // Polly retries only the connect phase (open, LISTEN, first catch-up), with its own attempt count per
        // call: every lost connection starts again with an immediate attempt and ReconnectDelay, instead of
        // a hand-kept delay variable that must be remembered to reset after a success.
        _connect = new ResiliencePipelineBuilder<NpgsqlConnection> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<NpgsqlConnection>
            {
                ShouldHandle = new PredicateBuilder<NpgsqlConnection>().Handle<Exception>(IsConnectionLoss),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = _options.ReconnectDelay,
                MaxDelay = _options.MaxReconnectDelay,
                MaxRetryAttempts = int.MaxValue,   // a wall screen never gives up on its database
                OnRetry = args =>
                {
                    _connected = false;
                    _logger.LogWarning("Change feed cannot reach the database ({Error}); attempt {Attempt}, next in {Delay}",
                        args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    public long Position => Interlocked.Read(ref _position);
    public bool Connected => _connected;
    public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);
    public Task Started => _started.Task;

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
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await using var conn = await _connect.ExecuteAsync(ConnectAsync, ct);
                try
                {
                    await ListenAsync(conn, ct);
                }
                catch (Exception ex) when (IsConnectionLoss(ex) && !ct.IsCancellationRequested)
                {
                    _connected = false;
                    _logger.LogWarning("Change feed lost its database connection at position {Position} ({Error}); reconnecting",
                        Position, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _connected = false;
        }
    }

    /// <summary>Opens the LISTEN connection and catches up. Anything committed while no connection was
    /// listening is read here by position, so reconnecting loses nothing.</summary>
    private async ValueTask<NpgsqlConnection> ConnectAsync(CancellationToken ct)
    {
        var conn = await _db.OpenConnectionAsync(ct);
        try
        {
            conn.Notification += (_, _) => _wake.Release();
            await using (var listen = new NpgsqlCommand($"LISTEN {ChangeLog.Channel}", conn))
                await listen.ExecuteNonQueryAsync(ct);
            if (Position < 0)
            {
                // A new process starts at the head: its readers load their state from the tables.
                Interlocked.Exchange(ref _position, await ChangeLog.HeadAsync(_db, ct));
                _started.TrySetResult();
            }
            _connected = true;
            _logger.LogInformation("Change feed listening from position {Position}", Position);
            await CatchUpAsync(ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private async Task ListenAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        while (true)
        {
            // WaitAsync on the connection delivers queued notifications (and returns after PollInterval
            // without one); the semaphore collapses a burst of NOTIFYs into one read of the log.
            await conn.WaitAsync(_options.PollInterval, ct);
            while (_wake.CurrentCount > 0) await _wake.WaitAsync(ct);
            await CatchUpAsync(ct);
        }
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        Interlocked.Exchange(ref _lastHeardTicks, _clock.GetUtcNow().UtcTicks);
        while (true)
        {
            var entries = await ChangeLog.ReadAfterAsync(_db, Position, _options.PageSize, ct);
            if (entries.Count == 0) return;
            var now = _clock.GetUtcNow();
            foreach (var e in entries)
                Observability.CommandCenterMetrics.ChangeFeedLag.Record(Math.Max(0, (now - e.CommittedAt).TotalSeconds));
            foreach (var sub in _subscribers)
                await sub.DeliverAsync(entries, _logger, ct);
            Interlocked.Exchange(ref _position, entries[^1].Position);
            if (entries.Count < _options.PageSize) return;
        }
    }

    private static bool IsConnectionLoss(Exception ex) =>
        ex is NpgsqlException or IOException or SocketException or TimeoutException;

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
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
