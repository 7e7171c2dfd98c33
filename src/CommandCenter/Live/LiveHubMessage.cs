using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;

namespace CommandCenter.Live;

/// <summary>What /hubs/live sends: "snapshot" once on connect (every grid, the latest cases), then "delta"
/// messages with the KPIs, only the grids whose state changed and every case created since the previous
/// message — each case exactly once, however large the burst. <see cref="Position"/> is the change-log
/// position the cases are complete up to. Personal data is masked before it gets here
/// (<see cref="RecentCase"/>).</summary>
public sealed record LiveHubMessage(
    long Position,
    DateTimeOffset DataAsOf,
    bool Healthy,
    KpiSnapshot Kpis,
    IReadOnlyDictionary<string, GridState> Grids,
    IReadOnlyList<RecentCase> Cases,
    int WorkersOnDuty)
{
    /// <summary>本年 / 自上线 累计, in every message like the KPIs (small, and a client needs no second source).</summary>
    public CumulativeRecord? Record { get; init; }

    public static LiveHubMessage Full(LiveSnapshot s, long position, IReadOnlyList<RecentCase> recent) =>
        new(position, s.DataAsOf, s.Healthy, s.Kpis, s.Grids, recent, s.Workers.Length) { Record = s.Record };

    /// <summary>The grids that changed from <paramref name="before"/> to <paramref name="after"/>, the KPIs
    /// (always: they are small) and <paramref name="newCases"/>.</summary>
    public static LiveHubMessage Delta(LiveSnapshot before, LiveSnapshot after, long position, IReadOnlyList<RecentCase> newCases)
    {
        var grids = new Dictionary<string, GridState>();
        foreach (var (code, state) in after.Grids)
            if (!before.Grids.TryGetValue(code, out var old) || old != state)
                grids[code] = state;
        return new(position, after.DataAsOf, after.Healthy, after.Kpis, grids, newCases, after.Workers.Length) { Record = after.Record };
    }
}
