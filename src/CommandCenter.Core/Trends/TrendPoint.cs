using CommandCenter.Core.Kpis;

namespace CommandCenter.Core.Trends;

/// <summary>One bucket of a trend: its first day and the period KPIs over it (rates come from
/// <see cref="KpiSnapshot"/>, so they are defined exactly once).</summary>
public sealed record TrendPoint(DateOnly Bucket, KpiSnapshot Kpis);
