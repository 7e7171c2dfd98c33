using CommandCenter.Core.Patrols;

namespace CommandCenter.Features.Trends;

/// <summary>The 巡查分析 part of /trends: coverage day by day over the chosen range, the ranked workers of that range, and
/// the grids nobody patrolled for <see cref="Days"/> days as of <see cref="Now"/>.</summary>
public sealed record PatrolView(DateOnly From, DateOnly To, IReadOnlyList<PatrolDay> Coverage, IReadOnlyList<RankedWorker> Workers,
    IReadOnlyList<UnpatrolledGrid> Unpatrolled, int Days, DateTimeOffset Now)
{
    /// <summary>Mean of the days' coverage (each day counts once).</summary>
    public double? MeanCoverage => Coverage.Count == 0 ? null : Coverage.Average(d => d.Coverage ?? 0);
}
