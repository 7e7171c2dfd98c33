namespace CommandCenter.Core.Patrols;

/// <summary>One worker's place (null: not on the roster, so not ranked), <see cref="Score"/> out of 100 and the points of
/// each item (null: no data, left out).</summary>
public sealed record RankedWorker(int? Rank, double Score, WorkerPatrolRow Row, double? CoveragePoints, double? OnTimePoints,
    double? VisitPoints, double? ReportPoints);

/// <summary>网格员排名 from <see cref="WorkerPatrolRow"/>s, for /trends and the scorecards. Items: 40 × the share of their
/// own grid-days they patrolled (抄底式排查), 30 × 按期办结率 of their grids, 15 × household visits and 15 × cases reported,
/// each of the last two against the most any worker in the list did. As in the unit scorecards, an item without data
/// (nothing closed in their grids) is left out and the others are scaled up to 100; equal scores (to 0.01) share a rank.
/// A worker id the roster does not know has no grids to be judged on: listed after the ranked ones with its figures, not
/// ranked (one stray visit must not top the list). Pure, so the scorecards can rank any period's rows the same way.</summary>
public static class WorkerRanking
{
    public const double CoverageWeight = 40, OnTimeWeight = 30, VisitWeight = 15, ReportWeight = 15;

    public static IReadOnlyList<RankedWorker> Rank(IReadOnlyList<WorkerPatrolRow> rows)
    {
        var maxVisits = rows.Count == 0 ? 0 : rows.Max(r => r.Visits);
        var maxReports = rows.Count == 0 ? 0 : rows.Max(r => r.CasesReported);
        var scored = rows.Select(r =>
        {
            double? coverage = r.OwnCoverage * CoverageWeight;
            double? onTime = r.OnTimeRate * OnTimeWeight;
            double? visits = maxVisits == 0 ? null : VisitWeight * r.Visits / maxVisits;
            double? reports = maxReports == 0 ? null : ReportWeight * r.CasesReported / maxReports;
            var weight = (coverage is null ? 0 : CoverageWeight) + (onTime is null ? 0 : OnTimeWeight)
                         + (visits is null ? 0 : VisitWeight) + (reports is null ? 0 : ReportWeight);
            var points = (coverage ?? 0) + (onTime ?? 0) + (visits ?? 0) + (reports ?? 0);
            var score = weight == 0 ? 0 : Math.Round(points * 100 / weight, 2);
            return (Row: r, Score: score, coverage, onTime, visits, reports);
        }).OrderBy(x => !x.Row.Worker.OnRoster).ThenByDescending(x => x.Score).ThenBy(x => x.Row.Worker.Display, StringComparer.Ordinal).ToList();

        var ranked = new List<RankedWorker>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var x = scored[i];
            int? rank = !x.Row.Worker.OnRoster ? null
                : i > 0 && Math.Abs(x.Score - scored[i - 1].Score) < 0.005 ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedWorker(rank, x.Score, x.Row, x.coverage, x.onTime, x.visits, x.reports));
        }
        return ranked;
    }
}
