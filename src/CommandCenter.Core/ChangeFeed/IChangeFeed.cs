namespace CommandCenter.Core.ChangeFeed;

/// <summary>A process's view of the committed change log: every subscriber sees every entry exactly
/// once, in position order, also across database reconnects (the listener catches up by position).</summary>
public interface IChangeFeed
{
    /// <summary>The last position delivered to subscribers.</summary>
    long Position { get; }

    /// <summary>True while the LISTEN connection is up.</summary>
    bool Connected { get; }

    /// <summary>When the feed last heard from the database (a change or a heartbeat).</summary>
    DateTimeOffset LastHeard { get; }

    /// <summary>Completes once the starting position is known (the head of the log when the process
    /// started). A reader that loaded state from the tables before this may re-check once after it.</summary>
    Task Started { get; }

    /// <summary>Calls <paramref name="handler"/> with each batch of new entries (oldest first). Handlers run
    /// on the listener's loop one after another and must be quick: hand work off, do not block. A handler
    /// that throws is logged and does not stop the feed or other handlers.</summary>
    IDisposable Subscribe(Func<IReadOnlyList<ChangeEntry>, CancellationToken, Task> handler);
}
