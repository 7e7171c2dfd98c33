namespace CommandCenter.Core.Trends;

/// <summary>受理量 of one bucket for one category or channel (a stacked-chart segment / CSV row).</summary>
public sealed record TrendSlice(DateOnly Bucket, string Key, string Label, long Accepted);
