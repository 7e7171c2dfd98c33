namespace CommandCenter.Core.Scorecards;

/// <summary>A ranking as a page shows it: the version it was computed with and the rows of one unit kind.</summary>
public sealed record Ranking(ScorePeriod Period, UnitKind Kind, ScorecardVersion Scorecard, IReadOnlyList<ScoreRow> Rows);

/// <summary>Rankings from the rollups with a given scorecard version (default: the newest).</summary>
public sealed class ScoreRanking(ScorecardMetrics metrics, ScorecardStore store)
{
    public async Task<Ranking> RankAsync(ScorePeriod period, UnitKind kind, int? version, CancellationToken ct)
    {
        var scorecard = version is { } v
            ? await store.GetAsync(v, ct) ?? throw new ScorecardInvalidException([$"考核细则第 {v} 版不存在"])
            : await store.CurrentAsync(ct);
        var units = await metrics.LoadAsync(period, kind, ct);
        return new Ranking(period, kind, scorecard, ScoreCalculator.Rank(scorecard.Definition, kind, units));
    }

    /// <summary>All three kinds with one read of the rollups.</summary>
    public async Task<IReadOnlyList<Ranking>> RankAllAsync(ScorePeriod period, ScorecardVersion scorecard, CancellationToken ct)
    {
        var units = await metrics.LoadAllAsync(period, ct);
        return UnitKinds.All.Select(k => new Ranking(period, k, scorecard, ScoreCalculator.Rank(scorecard.Definition, k,
            units.Where(u => u.Kind == k).Select(u => (u.Code, u.Name, u.Current, u.Previous)).ToList()))).ToList();
    }
}
