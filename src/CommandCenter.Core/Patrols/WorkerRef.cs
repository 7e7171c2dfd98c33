namespace CommandCenter.Core.Patrols;

/// <summary>A grid worker as patrol events and reported cases name them: the grid app's worker id, the roster's name
/// for it (null when the id is not on the roster) and the name the app itself sent, if any.</summary>
public sealed record WorkerRef(string Id, string? RosterName, string? ReportedName = null)
{
    public bool OnRoster => RosterName is not null;

    /// <summary>What the desk shows: the roster's name; an id the roster does not know is shown as such, never passed
    /// off as a person (the app's own name beside it, so the officer can find who it was).</summary>
    public string Display => RosterName
        ?? (ReportedName is { Length: > 0 } n && n != Id ? $"未登记工号 {Id}（{n}）" : $"未登记工号 {Id}");
}
