namespace CommandCenter.Core.Scorecards;

/// <summary>One item's result for one unit: the value it was judged by and the points earned (scored item)
/// or taken off (deduction, as a positive number).</summary>
public sealed record ItemScore(string Metric, string Name, double? Value, decimal Points, bool IsDeduction);

/// <summary>One unit's scorecard for a period: the total (0–100) and each item.</summary>
public sealed record UnitScore(decimal Total, IReadOnlyList<ItemScore> Items);

/// <summary>One line of a ranking: the unit, its score, its rank among its kind (ties share a rank), the
/// previous period's score and rank (null when it was not ranked then), and the flags.</summary>
public sealed record ScoreRow(string Code, string Name, UnitKind Kind, UnitMetrics Metrics, UnitScore Score, int Rank,
    decimal? PreviousTotal, int? PreviousRank, bool Focus)
{
    public decimal? Change => PreviousTotal is { } p ? Score.Total - p : null;
    /// <summary>Places gained since the previous period (positive = moved up).</summary>
    public int? RankChange => PreviousRank is { } p ? p - Rank : null;
}
