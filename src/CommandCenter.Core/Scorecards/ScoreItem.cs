namespace CommandCenter.Core.Scorecards;

/// <summary>One line of a scorecard. A scored item uses <see cref="Weight"/> (and, for the 签收 time,
/// <see cref="TargetHours"/>); a deduction uses <see cref="PerCase"/> and <see cref="Cap"/>.</summary>
public sealed record ScoreItem
{
    public required string Metric { get; init; }
    public required string Name { get; init; }
    public decimal? Weight { get; init; }
    public decimal? TargetHours { get; init; }
    public decimal? PerCase { get; init; }
    public decimal? Cap { get; init; }

    public bool IsDeduction => ScoreMetric.IsDeduction(Metric);

    /// <summary>The rule in words, as the editor and the bulletin show it.</summary>
    public string Rule => Metric switch
    {
        _ when IsDeduction => $"每件扣 {PerCase:0.##} 分，最多扣 {Cap:0.##} 分",
        ScoreMetric.SignHours => $"满分 {Weight:0.##} 分；平均 {TargetHours:0.##} 小时内签收得满分，超出按 目标/实际 折算",
        _ => $"满分 {Weight:0.##} 分，按比例得分",
    };
}
