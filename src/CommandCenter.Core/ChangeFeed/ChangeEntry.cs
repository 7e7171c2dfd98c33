namespace CommandCenter.Core.ChangeFeed;

/// <summary>One committed change-log row. <see cref="Payload"/> is null for a kind this version does not
/// know (a newer writer during a rolling update, or a test's own kind) or a body that does not fit its
/// kind: readers match on the payload's type, so such an entry simply matches nothing.</summary>
public sealed record ChangeEntry(long Position, DateTimeOffset CommittedAt, string Kind, ChangePayload? Payload)
{
    /// <summary>True if this change may have altered case <paramref name="caseId"/> (by id, never by text).</summary>
    public bool TouchesCase(long caseId) => Payload?.TouchesCase(caseId) == true;
}
