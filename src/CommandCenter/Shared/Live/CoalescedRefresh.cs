namespace CommandCenter.Shared.Live;

/// <summary>One refresh per burst of change-feed wake-ups for a live page. The feed's loop calls
/// <see cref="Request"/> and never waits: the first request of a burst schedules one refresh after
/// <paramref name="delay"/> on the component's dispatcher (<paramref name="invoke"/> is its InvokeAsync), the
/// rest of the burst joins it. A refresh that fails is logged and the page keeps what it showed; the next
/// change tries again.</summary>
public sealed class CoalescedRefresh(Func<Func<Task>, Task> invoke, Func<Task> refresh, TimeSpan delay, TimeProvider clock,
    ILogger logger, CancellationToken stop)
{
    private int _queued;

    public void Request()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 1) return;
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(delay, clock, stop);
            Interlocked.Exchange(ref _queued, 0);
            await invoke(refresh);
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (Exception ex) { logger.LogWarning(ex, "A live refresh failed; the page keeps its last state"); }
    }
}
