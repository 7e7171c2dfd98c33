using System.Diagnostics;
using System.Runtime.CompilerServices;
using CommandCenter.Core.Observability;
using Npgsql;

namespace CommandCenter.Core.Trends;

/// <summary>Moves the parts the write triggers left pending into the trend rollups (<c>trend_fold()</c>,
/// migration 0160). Writers never touch the rollups, so every reader folds first: <see cref="EnsureAsync"/>
/// returns once a fold that started after the call has committed, which makes the rollups exact for every
/// write committed before it. Concurrent readers of one process share a fold (at most one running and one
/// queued behind it); several processes queue on the database's advisory lock.</summary>
public sealed class TrendFold
{
    private static readonly ConditionalWeakTable<NpgsqlDataSource, TrendFold> Shared = new();

    private readonly NpgsqlDataSource? _db;
    private readonly Lock _gate = new();
    private Task? _running;
    private Task? _next;

    private TrendFold(NpgsqlDataSource? db) => _db = db;

    /// <summary>The fold of one database, shared by every reader of this process that reads it.</summary>
    public static TrendFold For(NpgsqlDataSource db) => Shared.GetValue(db, d => new TrendFold(d));

    /// <summary>For readers over a streaming replica: it cannot fold, so the caller folded on the primary and
    /// waited for the replica to replay past that fold (<c>TrendReadSource</c>).</summary>
    public static TrendFold None { get; } = new(null);

    /// <summary>Returns once every part committed before this call is in the rollups.</summary>
    public Task EnsureAsync(CancellationToken ct)
    {
        if (_db is null) return Task.CompletedTask;
        lock (_gate)
        {
            // A fold already queued starts after this call, so it covers it; a running one may not.
            if (_next is not null) return _next.WaitAsync(ct);
            if (_running is null || _running.IsCompleted)
                return (_running = Queue(null)).WaitAsync(ct);
            return (_next = Queue(_running)).WaitAsync(ct);
        }
    }

    private Task Queue(Task? previous)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = RunAfterAsync(previous, done);
        return done.Task;
    }

    private async Task RunAfterAsync(Task? previous, TaskCompletionSource done)
    {
        await Task.Yield();   // leave the caller's lock before looking at the queue
        if (previous is not null)
            await previous.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        lock (_gate)
        {
            if (_next == done.Task)
            {
                _next = null;
                _running = done.Task;
            }
        }
        try
        {
            // Not the caller's token: others may be waiting on this fold; a caller that gives up only stops waiting.
            await FoldAsync(wait: true, CancellationToken.None);
            done.SetResult();
        }
        catch (Exception ex)
        {
            done.SetException(ex);
        }
    }

    /// <summary>One fold in its own transaction. Returns the pending rows folded, or -1 when <paramref name="wait"/>
    /// is false and another folder holds the lock.</summary>
    public async Task<long> FoldAsync(bool wait, CancellationToken ct)
    {
        if (_db is null) return 0;
        var started = Stopwatch.GetTimestamp();
        await using var cmd = _db.CreateCommand("SELECT trend_fold(@wait)");
        cmd.Parameters.AddWithValue("wait", wait);
        cmd.CommandTimeout = 300;   // a backlog after an outage is folded in chunks, but in one transaction
        var folded = (long)(await cmd.ExecuteScalarAsync(ct))!;
        if (folded >= 0)
        {
            CommandCenterMetrics.TrendFoldDuration.Record(CommandCenterMetrics.SecondsSince(started));
            if (folded > 0) CommandCenterMetrics.TrendFoldedParts.Add(folded);
        }
        return folded;
    }
}
