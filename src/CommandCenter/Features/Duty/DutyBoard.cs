using System.Collections.Immutable;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Duty;

namespace CommandCenter.Features.Duty;

/// <summary>The shift on duty now, read once for the whole node: every wall's header shows it (<see cref="DutyLine"/>),
/// and with one read per wall per minute twenty walls read the roster twenty times for the same answer. Re-read when
/// the roster changes (change feed) and once a minute, so a shift boundary shows within a minute.</summary>
public sealed class DutyBoard(DutyRoster roster, IChangeFeed feed, TimeProvider clock, ILogger<DutyBoard> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile DutyShift? _shift;
    private volatile bool _loaded;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<Action<DutyShift?>> _subscribers = [];

    /// <summary>The shift on duty now (null: none on the roster); read from the database only before the first read.</summary>
    public async Task<DutyShift?> CurrentAsync(CancellationToken ct)
    {
        if (!_loaded) await RefreshAsync(ct);
        return _shift;
    }

    /// <summary>Calls <paramref name="onChange"/> (on a background thread) after every re-read.</summary>
    public IDisposable Subscribe(Action<DutyShift?> onChange)
    {
        ImmutableInterlocked.Update(ref _subscribers, (list, s) => list.Add(s), onChange);
        return new Unsubscriber(this, onChange);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var subscription = feed.Subscribe((entries, _) =>
        {
            if (entries.Any(e => e.Payload is DutyChange { Event: DutyChange.Roster })) Volatile.Read(ref _changed).TrySetResult();
            return Task.CompletedTask;
        });
        while (!ct.IsCancellationRequested)
        {
            // A roster change from now on wakes the wait below, even one that lands during this read.
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _changed, changed);
            try { await RefreshAsync(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            // The walls keep the line they show; the next minute or roster change tries again.
            catch (Exception ex) { logger.LogWarning("Reading the duty roster for the walls failed: {Error}", ex.Message); }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(changed.Task, Task.Delay(Every, clock, wait.Token));
            await wait.CancelAsync();
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _shift = await roster.AtAsync(clock.GetUtcNow(), ct);
            _loaded = true;
        }
        finally { _gate.Release(); }
        foreach (var s in _subscribers)
        {
            try { s(_shift); }
            catch (Exception ex) { logger.LogError(ex, "A duty-line subscriber failed"); }
        }
    }

    private sealed class Unsubscriber(DutyBoard board, Action<DutyShift?> handler) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref board._subscribers, (list, s) => list.Remove(s), handler);
    }
}
