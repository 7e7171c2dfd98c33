using CommandCenter.Core.Kpis;

namespace CommandCenter.Core.Trends;

/// <summary>One 片区 / 村居 / grid in a comparison: its KPIs this period and the previous one, and its
/// rank by 受理量 in both (1 = most cases), so a table can show arrows for the change.</summary>
public sealed record AreaRow(AreaLevel Level, string Code, string Name, KpiSnapshot Current, KpiSnapshot Previous,
    int Rank, int PreviousRank);
