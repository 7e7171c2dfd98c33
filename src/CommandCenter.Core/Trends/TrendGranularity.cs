namespace CommandCenter.Core.Trends;

/// <summary>How a trend range is cut into buckets (Shanghai calendar days; weeks start on Monday).</summary>
public enum TrendGranularity
{
    Day,
    Week,
    Month,
}
