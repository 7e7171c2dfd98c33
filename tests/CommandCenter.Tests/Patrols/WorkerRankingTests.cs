using CommandCenter.Core.Patrols;

namespace CommandCenter.Tests.Patrols;

/// <summary>网格员排名 by hand: weights, items without data left out and the rest scaled to 100, shared ranks, ids the
/// roster does not know listed but not ranked.</summary>
public sealed class WorkerRankingTests
{
    private static WorkerPatrolRow Row(string id, string? name, int visits, int reported, int closed, int onTime, int ownDays, int possible) =>
        new(new WorkerRef(id, name), name is null ? [] : ["G001"], 5, 40, 10, visits, reported, closed, onTime, ownDays, possible);

    [Fact]
    public void Workers_are_scored_by_coverage_on_time_visits_and_reports_and_equal_scores_share_a_rank()
    {
        var ranked = WorkerRanking.Rank([
            Row("a", "甲", visits: 10, reported: 4, closed: 10, onTime: 10, ownDays: 10, possible: 10),   // 40 + 30 + 15 + 15
            Row("b", "乙", visits: 5, reported: 2, closed: 10, onTime: 5, ownDays: 5, possible: 10),      // 20 + 15 + 7.5 + 7.5
            Row("c", "丙", visits: 5, reported: 2, closed: 10, onTime: 5, ownDays: 5, possible: 10),
            // Nothing closed in its grids: coverage, visits and reports only, scaled from 70 to 100.
            Row("d", "丁", visits: 0, reported: 0, closed: 0, onTime: 0, ownDays: 7, possible: 10),      // 28 / 70
            // Not on the roster: no own grids; scored (visits and reports, (15 + 0) / 30) but never ranked, and listed last.
            Row("x", null, visits: 10, reported: 0, closed: 0, onTime: 0, ownDays: 0, possible: 0),
        ]);

        // Ties share a place (in name order: 丙 before 乙 by code point) and the next place skips it.
        Assert.Equal([("a", (int?)1, 100.0), ("c", 2, 50.0), ("b", 2, 50.0), ("d", 4, 40.0), ("x", null, 50.0)],
            ranked.Select(r => (r.Row.Worker.Id, r.Rank, r.Score)).ToList());
        Assert.Null(ranked.Single(r => r.Row.Worker.Id == "x").CoveragePoints);
    }

    [Fact]
    public void Nobody_visiting_or_reporting_leaves_those_items_out_for_everyone()
    {
        var ranked = WorkerRanking.Rank([Row("a", "甲", 0, 0, 4, 3, 7, 10)]);

        // (0.7 × 40 + 0.75 × 30) / 70 × 100
        Assert.Equal(72.14, ranked[0].Score);
        Assert.Equal((null, null), (ranked[0].VisitPoints, ranked[0].ReportPoints));
    }
}
