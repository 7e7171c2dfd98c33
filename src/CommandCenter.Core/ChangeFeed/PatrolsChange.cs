namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Patrols"/>: patrol events stored by one ingest batch. Touches no case.</summary>
public sealed record PatrolsChange(
    IReadOnlyList<long> PatrolEventIds,
    IReadOnlyList<string> Grids,
    string Source,
    IReadOnlyList<string> Workers,
    int Count) : ChangePayload;
