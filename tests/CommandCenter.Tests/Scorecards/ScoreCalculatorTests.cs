using CommandCenter.Core.Scorecards;

namespace CommandCenter.Tests.Scorecards;

/// <summary>The scorecard's arithmetic on hand-made numbers: weights, the 签收 target, items without data,
/// deductions and caps, ties, change against the previous period and the 重点管理 flag.</summary>
public sealed class ScoreCalculatorTests
{
    private static readonly ScorecardDefinition Card = new()
    {
        Items =
        [
            new ScoreItem { Metric = ScoreMetric.OnTimeRate, Name = "按期办结率", Weight = 50 },
            new ScoreItem { Metric = ScoreMetric.SatisfactionRate, Name = "满意率", Weight = 30 },
            new ScoreItem { Metric = ScoreMetric.SignHours, Name = "签收", Weight = 20, TargetHours = 2 },
            new ScoreItem { Metric = ScoreMetric.Overdue, Name = "超期件", PerCase = 2, Cap = 5 },
            new ScoreItem { Metric = ScoreMetric.Jfb, Name = "纠风办", PerCase = 10, Cap = 100 },
        ],
        FocusCount = 2,
    };

    private static UnitMetrics M(long closed, long onTime, long callbacks = 0, long satisfied = 0, double signHours = 0, long signed = 0,
        long overdue = 0, long jfb = 0) => new()
    {
        Closed = closed, ClosedOnTime = onTime, Callbacks = callbacks, Satisfied = satisfied, Signed = signed,
        SignMicroseconds = signHours * signed * 3600e6, Overdue = overdue, Jfb = jfb,
    };

    [Fact]
    public void Weights_rates_the_sign_target_and_capped_deductions_make_the_total()
    {
        // 按期 8/10 → 40; 满意 9/10 → 27; 签收 4 h against a 2 h target → 20 × 2/4 = 10; 超期 4 × 2 = 8, capped at 5.
        var s = ScoreCalculator.Score(Card, M(10, 8, 10, 9, signHours: 4, signed: 5, overdue: 4));

        Assert.Equal(72m, s.Total);
        Assert.Equal([40m, 27m, 10m, 5m, 0m], s.Items.Select(i => i.Points));
    }

    [Fact]
    public void Items_without_data_are_left_out_and_the_others_scaled_to_full_marks()
    {
        // Nothing signed and no 回访: only 按期 (50) has data, 9/10 → 45 of 50 → 90 of 100.
        var s = ScoreCalculator.Score(Card, M(10, 9));

        Assert.Equal(90m, s.Total);
        Assert.Null(s.Items.Single(i => i.Metric == ScoreMetric.SatisfactionRate).Value);
    }

    [Fact]
    public void The_total_never_goes_below_zero()
    {
        Assert.Equal(0m, ScoreCalculator.Score(Card, M(1, 0, jfb: 20)).Total);
    }

    [Fact]
    public void Equal_totals_share_a_rank_the_next_rank_skips_and_ties_at_the_bottom_are_all_flagged()
    {
        UnitMetrics Rate(long onTime) => M(10, onTime);
        var units = new List<(string, string, UnitMetrics, UnitMetrics)>
        {
            ("a", "甲", Rate(10), Rate(5)),   // 100, was 50 (last)
            ("b", "乙", Rate(9), Rate(10)),   // 90, was first
            ("c", "丙", Rate(9), UnitMetrics.None), // 90, not ranked last time
            ("d", "丁", Rate(6), Rate(9)),    // 60
            ("e", "戊", Rate(6), Rate(8)),    // 60
            ("f", "己", Rate(7), Rate(7)),    // 70
            ("g", "庚", UnitMetrics.None, Rate(10)), // inactive now: not ranked
        };

        var rows = ScoreCalculator.Rank(Card, UnitKind.Department, units);

        Assert.Equal(["a:1", "b:2", "c:2", "f:4", "d:5", "e:5"], rows.Select(r => $"{r.Code}:{r.Rank}"));
        // Fewer than two units below them: d and e (tied at the bottom) are both 重点管理, f is not.
        Assert.Equal(["d", "e"], rows.Where(r => r.Focus).Select(r => r.Code));
        var a = rows.Single(r => r.Code == "a");
        Assert.Equal((50m, 6, 5), (a.Change!.Value, a.PreviousRank!.Value, a.RankChange!.Value));
        Assert.Null(rows.Single(r => r.Code == "c").PreviousRank);
        Assert.Equal(1, rows.Single(r => r.Code == "b").PreviousRank); // b and g shared first place last time
    }

    [Fact]
    public void Nobody_is_flagged_when_no_more_units_are_ranked_than_the_focus_count()
    {
        var rows = ScoreCalculator.Rank(Card, UnitKind.Community, [("x", "x", M(10, 1), UnitMetrics.None), ("y", "y", M(10, 2), UnitMetrics.None)]);

        Assert.DoesNotContain(rows, r => r.Focus);
    }
}
