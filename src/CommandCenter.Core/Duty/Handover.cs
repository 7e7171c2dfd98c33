namespace CommandCenter.Core.Duty;

/// <summary>A shift handover (交接班): the outgoing officer's note and the open urgent / overdue cases as they stood
/// when they signed; the incoming officer's signature once they accept.</summary>
public sealed record Handover(long Id, DateTimeOffset SignedAt, string FromOfficer, string Note, IReadOnlyList<HandoverCase> OpenCases,
    int UrgentCount, int OverdueCount, string? ToOfficer, DateTimeOffset? AcceptedAt, string? AcceptNote)
{
    public bool Accepted => AcceptedAt is not null;
}

/// <summary>One case as it stood at the handover (title masked).</summary>
public sealed record HandoverCase(long Id, string Title, string Status, short Priority, DateTimeOffset? DeadlineAt, string? Assignee, bool Overdue);
