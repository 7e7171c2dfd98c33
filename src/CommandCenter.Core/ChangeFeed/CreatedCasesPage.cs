namespace CommandCenter.Core.ChangeFeed;

/// <summary>New case ids found in a run of change-log entries, oldest first.</summary>
/// <param name="Entries">how many change-log entries were read: fewer than asked for means the reader is at the head</param>
public sealed record CreatedCasesPage(long LastPosition, IReadOnlyList<long> CaseIds, int Entries);
