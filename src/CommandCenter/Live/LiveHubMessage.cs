using CommandCenter.Core.Kpis;

namespace CommandCenter.Live;

/// <summary>What /hubs/live sends: "snapshot" once on connect (every grid, the latest cases), then "delta"
/// messages with the KPIs, only the grids whose state changed and only the cases not sent before. Personal
/// data is masked before it gets here (<see cref="RecentCase"/>).</summary>
public sealed record LiveHubMessage(
    long Position,
    DateTimeOffset DataAsOf,
    bool Healthy,
    KpiSnapshot Kpis,
    IReadOnlyDictionary<string, GridState> Grids,
    IReadOnlyList<RecentCase> Cases,
    int WorkersOnDuty)
{
    public static LiveHubMessage Full(LiveSnapshot s) =>
        new(s.Position, s.DataAsOf, s.Healthy, s.Kpis, s.Grids, s.Recent, s.Workers.Length);

    /// <summary>Only what changed from <paramref name="before"/> to <paramref name="after"/> (KPIs always: they are small).</summary>
    public static LiveHubMessage Delta(LiveSnapshot before, LiveSnapshot after)
    {
        var grids = new Dictionary<string, GridState>();
        foreach (var (code, state) in after.Grids)
            if (!before.Grids.TryGetValue(code, out var old) || old != state)
                grids[code] = state;
        var known = before.Recent.Select(c => c.Id).ToHashSet();
        var cases = after.Recent.Where(c => !known.Contains(c.Id)).ToList();
        return new(after.Position, after.DataAsOf, after.Healthy, after.Kpis, grids, cases, after.Workers.Length);
    }
}
