namespace CommandCenter.Core.Kpis;

/// <summary>Every KPI of one period and scope, computed at <see cref="AsOf"/>. Counts are the raw
/// numerators and denominators so a report can show "32,793 / 33,021"; rates are null when their
/// denominator is zero (shown as "—", never as 0% or 100%). Definitions: <see cref="KpiCalculator"/>
/// and the README's glossary.</summary>
public sealed record KpiSnapshot
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>受理量</summary>
    public int Accepted { get; init; }
    /// <summary>Of <see cref="Accepted"/>, closed by <see cref="AsOf"/> (结案率's numerator).</summary>
    public int AcceptedAndClosed { get; init; }
    /// <summary>办结量</summary>
    public int Closed { get; init; }
    /// <summary>Of <see cref="Closed"/>, closed by their deadline (按期办结率's numerator).</summary>
    public int ClosedOnTime { get; init; }
    /// <summary>超期件 (at AsOf)</summary>
    public int Overdue { get; init; }
    /// <summary>督办件 (at AsOf)</summary>
    public int Supervised { get; init; }
    /// <summary>Open cases at AsOf (not a KPI of the table, but the wall's map legend needs it).</summary>
    public int Open { get; init; }
    /// <summary>Open 紧急 (priority 1) cases at AsOf.</summary>
    public int OpenUrgent { get; init; }
    public int Callbacks { get; init; }
    public int Satisfied { get; init; }
    public int MediationsConcluded { get; init; }
    public int MediationsSucceeded { get; init; }
    public int MediationsPartial { get; init; }
    public int DisputesResolved { get; init; }
    public int DisputesResolvedLocally { get; init; }
    public int GridsTotal { get; init; }
    public int GridsPatrolled { get; init; }
    /// <summary>在岗网格员 (at AsOf)</summary>
    public int WorkersOnDuty { get; init; }
    /// <summary>All reports accepted in the period, duplicates included (重复投诉率's denominator).</summary>
    public int Reports { get; init; }
    public int RepeatComplaints { get; init; }
    public double? ResponseMedianMinutes { get; init; }
    public double? ResponseMeanMinutes { get; init; }
    public double? CloseMedianHours { get; init; }
    public double? CloseMeanHours { get; init; }

    /// <summary>结案率</summary>
    public double? ClosureRate => Rate(AcceptedAndClosed, Accepted);
    /// <summary>按期办结率</summary>
    public double? OnTimeRate => Rate(ClosedOnTime, Closed);
    /// <summary>满意率</summary>
    public double? SatisfactionRate => Rate(Satisfied, Callbacks);
    /// <summary>调解成功率</summary>
    public double? MediationSuccessRate => Rate(MediationsSucceeded, MediationsConcluded);
    /// <summary>就地化解率</summary>
    public double? LocalResolutionRate => Rate(DisputesResolvedLocally, DisputesResolved);
    /// <summary>巡查覆盖率</summary>
    public double? PatrolCoverage => Rate(GridsPatrolled, GridsTotal);
    /// <summary>重复投诉率</summary>
    public double? RepeatRate => Rate(RepeatComplaints, Reports);

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
