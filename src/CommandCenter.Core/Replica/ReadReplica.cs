using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Core.Replica;

/// <summary>The second data source of a web node: a streaming replica for the leaders' trend reads, so they
/// do not compete with ingest and the wall on the primary. A read never sees older numbers than the wall:
/// before it, the replica must have replayed past the primary's WAL position as of the last change this
/// node's change feed delivered (the wall is drawn from those changes). NOTIFY is not delivered on a standby,
/// so the feed listens on the primary and this class only compares positions. A replica that stays behind
/// longer than <see cref="ReplicaOptions.MaxWait"/>, or cannot be reached, costs the read a trip to the
/// primary, never a stale answer. Without <c>ConnectionStrings:Replica</c> everything reads the primary.</summary>
public sealed class ReadReplica : IDisposable
{
    private readonly NpgsqlDataSource _primary;
    private readonly NpgsqlDataSource? _replica;
    private readonly ReplicaOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReadReplica> _logger;
    private readonly IDisposable? _subscription;
    private readonly SemaphoreSlim _lsnGate = new(1, 1);
    private long _seenPosition = -1;
    // The primary's WAL insert position read after the feed had delivered _lsnForPosition: every change up to
    // there had committed, so its commit record lies at or before that position.
    private string _lsn = "0/0";
    private long _lsnForPosition = -2;
    private long _onReplica, _fellBack;

    public ReadReplica(NpgsqlDataSource primary, IOptions<ReplicaOptions> options, IChangeFeed feed, TimeProvider clock,
        ILogger<ReadReplica> logger, string applicationName = "CommandCenter.Replica")
    {
        (_primary, _options, _clock, _logger) = (primary, options.Value, clock, logger);
        if (string.IsNullOrWhiteSpace(_options.ConnectionString)) return;
        _replica = DataExtensions.CreateDataSource(_options.ConnectionString, applicationName);
        // The handler only notes the position (the feed's handlers must be quick); the LSN is read lazily.
        _subscription = feed.Subscribe((entries, _) =>
        {
            Interlocked.Exchange(ref _seenPosition, entries[^1].Position);
            return Task.CompletedTask;
        });
    }

    public bool Configured => _replica is not null;
    public NpgsqlDataSource Primary => _primary;
    public NpgsqlDataSource? Replica => _replica;
    public long ReadsOnReplica => Interlocked.Read(ref _onReplica);
    public long ReadsFellBack => Interlocked.Read(ref _fellBack);

    /// <summary>The data source a trend read should use now: the replica once it has replayed past what this
    /// node has seen (waiting at most <see cref="ReplicaOptions.MaxWait"/>), else the primary. With
    /// <paramref name="afterPrimaryWrite"/> the replica must also have replayed what the caller has just committed
    /// on the primary (the trend fold, which a replica cannot do): the target is the primary's WAL position now.</summary>
    public async Task<NpgsqlDataSource> ForReadAsync(CancellationToken ct, bool afterPrimaryWrite = false)
    {
        if (_replica is null) return _primary;
        try
        {
            var target = afterPrimaryWrite ? await PrimaryLsnAsync(ct) : await SeenLsnAsync(ct);
            var until = _clock.GetUtcNow() + _options.MaxWait;
            await using var conn = await _replica.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT coalesce(pg_last_wal_replay_lsn() >= @target::pg_lsn, true)", conn);
            cmd.Parameters.AddWithValue("target", target);
            while (true)
            {
                if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
                {
                    Interlocked.Increment(ref _onReplica);
                    return _replica;
                }
                if (_clock.GetUtcNow() >= until) break;
                await Task.Delay(_options.PollInterval, _clock, ct);
            }
            _logger.LogWarning("The replica has not replayed to {Lsn} within {Wait}; reading the primary", target, _options.MaxWait);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            _logger.LogWarning("The replica cannot be reached ({Error}); reading the primary", ex.Message);
        }
        Interlocked.Increment(ref _fellBack);
        return _primary;
    }

    /// <summary>The primary's WAL position covering every change this node's feed delivered so far; read from
    /// the primary only when the feed has moved since the last time (one tiny query, shared by concurrent reads).</summary>
    public async Task<string> SeenLsnAsync(CancellationToken ct)
    {
        var seen = Interlocked.Read(ref _seenPosition);
        if (Volatile.Read(ref _lsnForPosition) >= seen) return Volatile.Read(ref _lsn);
        await _lsnGate.WaitAsync(ct);
        try
        {
            seen = Interlocked.Read(ref _seenPosition);
            if (_lsnForPosition >= seen) return _lsn;
            await using var conn = await _primary.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text", conn);
            var lsn = (string)(await cmd.ExecuteScalarAsync(ct))!;
            Volatile.Write(ref _lsn, lsn);
            Volatile.Write(ref _lsnForPosition, seen);
            return lsn;
        }
        finally
        {
            _lsnGate.Release();
        }
    }

    private async Task<string> PrimaryLsnAsync(CancellationToken ct)
    {
        await using var cmd = _primary.CreateCommand("SELECT pg_current_wal_insert_lsn()::text");
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _replica?.Dispose();
        _lsnGate.Dispose();
    }
}
