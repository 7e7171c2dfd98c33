using CommandCenter.Core.Kpis;

namespace CommandCenter.Core.Trends;

/// <summary>考核 of one unit cases were dispatched to: its closures in the period (办结量, 按期办结率) and
/// the 回访 results of the period (满意率), as a <see cref="KpiSnapshot"/> so the rates share the KPI
/// definitions; <see cref="Unsatisfied"/> is shown beside them.</summary>
public sealed record DepartmentRow(string Code, string Name, KpiSnapshot Kpis, long Unsatisfied);
