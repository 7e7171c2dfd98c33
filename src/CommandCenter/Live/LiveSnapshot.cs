using System.Collections.Immutable;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;

namespace CommandCenter.Live;

/// <summary>Everything the wall shows, as of one refresh. Immutable: LiveState swaps the whole snapshot,
/// so a circuit rendering it never sees half an update.</summary>
public sealed record LiveSnapshot(
    KpiSnapshot Kpis,
    ImmutableDictionary<string, GridState> Grids,
    ImmutableArray<RecentCase> Recent,
    ImmutableArray<WorkerOnDuty> Workers,
    ImmutableArray<CategoryCount> Categories,
    ImmutableArray<DayCount> Trend,
    long Position,
    DateTimeOffset DataAsOf,
    DateTimeOffset HeartbeatAt,
    bool Healthy)
{
    /// <summary>本年 / 自上线 累计 (from the rollups); empty before the first load.</summary>
    public CumulativeRecord Record { get; init; } = CumulativeRecord.Empty(HeartbeatAt);

    /// <summary>The change-log timestamp of the oldest change this snapshot is the first to show (null for a
    /// heartbeat without changes): where cc.hub.delivery.delay counts from.</summary>
    public DateTimeOffset? ChangesSince { get; init; }

    /// <summary>Before the first successful load (the database was unreachable at start-up).</summary>
    public static LiveSnapshot Empty(DateTimeOffset now) => new(
        new KpiSnapshot { From = now, To = now, AsOf = now },
        ImmutableDictionary<string, GridState>.Empty, [], [], [], [], 0, DateTimeOffset.MinValue, now, false);

    public bool Loaded => DataAsOf != DateTimeOffset.MinValue;
}
