using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;

namespace CommandCenter.Features.Trends;

/// <summary>Everything /trends and the weekly report show for one filter, loaded together.</summary>
public sealed record TrendView(
    TrendFilter Filter,
    IReadOnlyList<Crumb> Breadcrumb,
    KpiSnapshot Week,
    KpiSnapshot PreviousWeek,
    int OverdueNow,
    IReadOnlyList<TrendPoint> Series,
    IReadOnlyList<TrendSlice> Categories,
    IReadOnlyList<TrendSlice> Channels,
    AreaLevel? ChildLevel,
    IReadOnlyList<AreaRow> Children,
    IReadOnlyList<AreaRow> Hotspots,
    IReadOnlyList<DepartmentRow> Departments,
    IReadOnlyList<OverdueRow> Overdue,
    IReadOnlyList<CaseListRow>? Cases,
    TimeSpan LoadTime);

/// <summary>One step of the drill-down path (全街道 › 片区 › 村居 › 网格) with the scope it stands for;
/// <paramref name="Unknown"/> when the URL names an area that does not exist.</summary>
public sealed record Crumb(string Label, KpiScope Scope, bool Unknown = false);
