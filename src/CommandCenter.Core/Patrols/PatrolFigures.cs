namespace CommandCenter.Core.Patrols;

/// <summary>One day of 巡查覆盖率: grids with at least one check-in or visit that day (Asia/Shanghai) out of all grids —
/// the wall's KPI, day by day.</summary>
public sealed record PatrolDay(DateOnly Day, int GridsPatrolled, int GridsTotal)
{
    public double? Coverage => GridsTotal == 0 ? null : (double)GridsPatrolled / GridsTotal;
}

/// <summary>One grid worker over a period. <see cref="Grids"/> are their grids on the roster (empty when the worker id is
/// not on it); <see cref="Hours"/> sums each patrol day from its first event to its last; the on-time rate is 按期办结率
/// of the cases closed in the period in their grids; <see cref="OwnGridDays"/> counts (own grid, day) pairs the worker
/// checked in or visited, out of <see cref="OwnGridDaysPossible"/> (own grids × days of the period up to today).</summary>
public sealed record WorkerPatrolRow(
    WorkerRef Worker,
    IReadOnlyList<string> Grids,
    int PatrolDays,
    double Hours,
    int CheckIns,
    int Visits,
    int CasesReported,
    int GridsClosed,
    int GridsClosedOnTime,
    int OwnGridDays,
    int OwnGridDaysPossible)
{
    public double? OnTimeRate => GridsClosed == 0 ? null : (double)GridsClosedOnTime / GridsClosed;
    public double? OwnCoverage => OwnGridDaysPossible == 0 ? null : Math.Min(1, (double)OwnGridDays / OwnGridDaysPossible);
}
