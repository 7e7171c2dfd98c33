namespace CommandCenter.Core.ChangeFeed;

/// <summary>The typed body of a change-log entry: one derived record per <see cref="ChangeKinds"/> kind.
/// <see cref="ChangePayloadJson"/> maps records to kinds and JSON both ways, in one place.</summary>
public abstract record ChangePayload
{
    /// <summary>True if this change may have altered case <paramref name="caseId"/>. A method, not a
    /// property, so it never ends up in the stored JSON.</summary>
    public virtual bool TouchesCase(long caseId) => false;
}
