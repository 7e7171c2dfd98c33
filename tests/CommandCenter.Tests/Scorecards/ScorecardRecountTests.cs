using CommandCenter.Core.Scorecards;
using CommandCenter.Core.Time;
using CommandCenter.Tests.Infrastructure;
using CommandCenter.Tests.Trends;

namespace CommandCenter.Tests.Scorecards;

/// <summary>The scorecard reads rollups; these tests recount every unit's metrics from the raw cases and
/// events and check that rankings computed both ways agree, for weeks, months, quarters and a year, with the
/// default scorecard and with other weights, after inserts, later updates, and a rebuild.</summary>
public sealed class ScorecardRecountTests : IClassFixture<PostgisDatabase>
{
    private readonly PostgisDatabase _db;

    public ScorecardRecountTests(PostgisDatabase db) => _db = db;

    private static readonly ScorecardDefinition OtherWeights = new()
    {
        Items =
        [
            new ScoreItem { Metric = ScoreMetric.SatisfactionRate, Name = "满意率", Weight = 60 },
            new ScoreItem { Metric = ScoreMetric.SignHours, Name = "签收", Weight = 40, TargetHours = 0.5m },
            new ScoreItem { Metric = ScoreMetric.Jfb, Name = "纠风办", PerCase = 10, Cap = 30 },
            new ScoreItem { Metric = ScoreMetric.Returns, Name = "退回", PerCase = 3, Cap = 0 },
        ],
        FocusCount = 5,
    };

    private static IEnumerable<ScorePeriod> Periods(DateOnly today) =>
    [
        ScorePeriod.Containing(ScorePeriodKind.Week, today),
        ScorePeriod.Containing(ScorePeriodKind.Week, today).Previous,
        ScorePeriod.Containing(ScorePeriodKind.Month, today),
        ScorePeriod.Containing(ScorePeriodKind.Month, today).Previous,
        ScorePeriod.Containing(ScorePeriodKind.Month, today.AddMonths(-5)),
        ScorePeriod.Containing(ScorePeriodKind.Quarter, today),
        ScorePeriod.Containing(ScorePeriodKind.Quarter, today).Previous,
        ScorePeriod.Containing(ScorePeriodKind.Year, today),
    ];

    [Fact]
    public async Task Rankings_from_the_rollups_equal_rankings_recounted_from_raw_rows_for_every_period_and_weighting()
    {
        await ScoreData.AddAsync(_db.DataSource, "score-a", 6000, 450, 11);
        // Later writes: cases closed after their deadline, deadlines moved, callbacks recorded — the
        // state-based rollup columns must follow.
        await TrendData.ExecAsync(_db.DataSource, """
            UPDATE cases SET closed_at = deadline_at + interval '5 hours', status = 'closed'
            WHERE source = 'score-a' AND closed_at IS NULL AND deadline_at < now() - interval '6 hours' AND id % 3 = 0
            """);
        await TrendData.ExecAsync(_db.DataSource, """
            UPDATE cases SET deadline_at = deadline_at + interval '2 days' WHERE source = 'score-a' AND id % 11 = 0 AND deadline_at IS NOT NULL
            """);
        await ScoreData.AddAsync(_db.DataSource, "score-b", 1500, 60, 12);

        var compared = await CompareAllAsync();

        Assert.True(compared > 200, $"only {compared} ranked rows compared");
        Assert.Empty(await RollupRecount.DifferencesAsync(_db.DataSource)); // the 0050 rollups still recount

        // A rebuild (repair, or a load with triggers off) gives the same rollups.
        await TrendData.ExecAsync(_db.DataSource, "SELECT trend_rebuild(1000)");
        Assert.True(await CompareAllAsync() == compared);
    }

    private async Task<int> CompareAllAsync()
    {
        var clock = TimeProvider.System;
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        var metrics = new ScorecardMetrics(_db.DataSource, clock);
        var store = new ScorecardStore(_db.DataSource, clock);
        var defaultCard = (await store.GetAsync(1, CancellationToken.None))!.Definition;
        var compared = 0;
        var busy = false;
        foreach (var period in Periods(today))
        {
            var raw = await ScoreRecount.MetricsAsync(_db.DataSource, period.First, period.Last, today);
            var rawPrevious = await ScoreRecount.MetricsAsync(_db.DataSource, period.Previous.First, period.Previous.Last, today);
            var all = await metrics.LoadAllAsync(period, CancellationToken.None);
            foreach (var u in all)
            {
                Same(raw.GetValueOrDefault(u.Code) ?? UnitMetrics.None, u.Current, $"{period.Label} {u.Code}");
                Same(rawPrevious.GetValueOrDefault(u.Code) ?? UnitMetrics.None, u.Previous, $"{period.Previous.Label} {u.Code}");
            }
            foreach (var card in new[] { defaultCard, OtherWeights })
                foreach (var kind in UnitKinds.All)
                {
                    var units = all.Where(u => u.Kind == kind).ToList();
                    var fromRollups = ScoreCalculator.Rank(card, kind, [.. units.Select(u => (u.Code, u.Name, u.Current, u.Previous))]);
                    var fromRaw = ScoreCalculator.Rank(card, kind, [.. units.Select(u => (u.Code, u.Name,
                        raw.GetValueOrDefault(u.Code) ?? UnitMetrics.None, rawPrevious.GetValueOrDefault(u.Code) ?? UnitMetrics.None))]);
                    Assert.Equal(Describe(fromRaw), Describe(fromRollups));
                    compared += fromRollups.Count;
                }
            busy |= all.Any(u => u.Current.Signed > 0 && u.Current.Returns > 0 && u.Current.Overdue > 0 && u.Current.Jfb > 0);
        }
        Assert.True(busy, "some unit had 签收, 退回, 超期 and 纠风办 in one period");
        return compared;
    }

    private static void Same(UnitMetrics expected, UnitMetrics actual, string where)
    {
        Assert.True(Math.Abs(expected.SignMicroseconds - actual.SignMicroseconds) < 1000, $"{where}: 签收 time {expected.SignMicroseconds} vs {actual.SignMicroseconds}");
        Assert.True(expected with { SignMicroseconds = 0 } == actual with { SignMicroseconds = 0 }, $"{where}: recount {expected} vs rollups {actual}");
    }

    private static IEnumerable<string> Describe(IReadOnlyList<ScoreRow> rows) =>
        rows.Select(r => $"{r.Code} #{r.Rank} {r.Score.Total} prev #{r.PreviousRank} {r.PreviousTotal} focus={r.Focus}");
}
