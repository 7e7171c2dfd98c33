using System.Collections.Immutable;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Walls;
using Npgsql;

namespace CommandCenter.Features.WallControl;

/// <summary>This node's view of the wall commands in force. Commands are rows in <c>wall_commands</c>,
/// announced with a <see cref="WallCommandChange"/> on the change feed, so a command sent on any web node
/// reaches the walls of every node; on each such entry (and when the earliest command runs out) this
/// reloads the handful of rows in force and hands the new list to the walls of this node. A wall that
/// opens or reconnects reads <see cref="Current"/> and so picks up the command in force at once.</summary>
public sealed class WallDirector(IChangeFeed feed, WallStore store, TimeProvider clock, ILogger<WallDirector> logger) : BackgroundService
{
    // Also reload now and then without a signal: a cheap guard against a lost wake-up, never the normal path.
    private static readonly TimeSpan SafetyReload = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _changed = new(0);
    private Box _current = new([]);
    private ImmutableArray<Action<ImmutableArray<WallCommand>>> _subscribers = [];
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The commands in force as last loaded, newest first.</summary>
    public ImmutableArray<WallCommand> Current => Volatile.Read(ref _current).List;

    /// <summary>Completes after the first load (tests and the hub wait on it).</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>The command wall <paramref name="kioskId"/> (null: a person's /screen) follows now.</summary>
    public WallCommand? CurrentFor(long? kioskId) => WallStore.CurrentFor(Current, kioskId, clock.GetUtcNow());

    /// <summary>Calls <paramref name="handler"/> (on a background thread) with every new list.</summary>
    public IDisposable Subscribe(Action<ImmutableArray<WallCommand>> handler)
    {
        ImmutableInterlocked.Update(ref _subscribers, (list, h) => list.Add(h), handler);
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, (list, h) => list.Remove(h), handler));
    }

    /// <summary>Reload now (the node that sent a command need not wait for its own NOTIFY).</summary>
    public void Poke()
    {
        if (_changed.CurrentCount == 0) _changed.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var sub = feed.Subscribe((entries, _) =>
        {
            if (entries.Any(e => e.Payload is WallCommandChange)) Poke();
            return Task.CompletedTask;
        });
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var now = clock.GetUtcNow();
                var list = (await store.InForceAsync(now, ct)).ToImmutableArray();
                Publish(list);
                _loaded.TrySetResult();
                delay = TimeSpan.FromSeconds(1);
                // Wake when the first command runs out, so its walls return to normal on time.
                wait = list.IsEmpty ? SafetyReload : TimeSpan.FromTicks(Math.Clamp((list.Min(c => c.ExpiresAt) - now).Ticks + TimeSpan.TicksPerMillisecond * 20,
                    TimeSpan.TicksPerMillisecond * 20, SafetyReload.Ticks));
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                // Keep what the walls show; try again with backoff (the database is away).
                logger.LogWarning("Wall commands could not be reloaded ({Error}); retrying in {Delay}", ex.Message, delay);
                wait = delay;
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, SafetyReload.Ticks));
            }
            try { await _changed.WaitAsync(wait, ct); }
            catch (OperationCanceledException) { break; }
            while (_changed.CurrentCount > 0) await _changed.WaitAsync(ct);
        }
    }

    private void Publish(ImmutableArray<WallCommand> list)
    {
        var before = Current;
        Volatile.Write(ref _current, new Box(list));
        // A command that ran out is missing from the reloaded list, so "unchanged" really means nothing to show.
        if (before.SequenceEqual(list)) return;
        foreach (var handler in _subscribers)
        {
            try { handler(list); }
            catch (Exception ex) { logger.LogError(ex, "A wall-command subscriber failed"); }
        }
    }

    // One reference, swapped atomically: a reader never sees half a list.
    private sealed record Box(ImmutableArray<WallCommand> List);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
