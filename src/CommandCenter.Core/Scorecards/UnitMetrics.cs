using CommandCenter.Core.Kpis;

namespace CommandCenter.Core.Scorecards;

/// <summary>What one unit's cases did in one period: the counts behind every scorecard metric, as the rollups
/// (or a raw recount) give them. The rates are <see cref="KpiSnapshot"/>'s, so a unit's 按期办结率 is the KPI's.</summary>
public sealed record UnitMetrics
{
    public long Accepted { get; init; }
    public long AcceptedClosed { get; init; }
    public long Closed { get; init; }
    public long ClosedOnTime { get; init; }
    public long Callbacks { get; init; }
    public long Satisfied { get; init; }
    public long Overdue { get; init; }
    public long Returns { get; init; }
    public long Reworks { get; init; }
    public long Supervisions { get; init; }
    public long Signed { get; init; }
    /// <summary>Sum of 分流→签收 over <see cref="Signed"/>, in microseconds.</summary>
    public double SignMicroseconds { get; init; }
    public long Jfb { get; init; }

    public static readonly UnitMetrics None = new();

    /// <summary>Anything to judge the unit by in the period; units without are not ranked.</summary>
    public bool Active => Accepted + Closed + Callbacks + Overdue + Returns + Reworks + Supervisions + Signed + Jfb > 0;

    private KpiSnapshot Kpis => new()
    {
        From = default, To = default, AsOf = default,
        Accepted = (int)Accepted, AcceptedAndClosed = (int)AcceptedClosed, Closed = (int)Closed,
        ClosedOnTime = (int)ClosedOnTime, Callbacks = (int)Callbacks, Satisfied = (int)Satisfied,
    };

    public double? OnTimeRate => Kpis.OnTimeRate;
    public double? SatisfactionRate => Kpis.SatisfactionRate;
    public double? ClosureRate => Kpis.ClosureRate;
    public double? SignHours => Signed == 0 ? null : SignMicroseconds / Signed / 3600e6;

    /// <summary>The value an item of <paramref name="metric"/> is judged by (null = no data in the period).</summary>
    public double? Value(string metric) => metric switch
    {
        ScoreMetric.OnTimeRate => OnTimeRate,
        ScoreMetric.SatisfactionRate => SatisfactionRate,
        ScoreMetric.ClosureRate => ClosureRate,
        ScoreMetric.SignHours => SignHours,
        ScoreMetric.Returns => Returns,
        ScoreMetric.Reworks => Reworks,
        ScoreMetric.Overdue => Overdue,
        ScoreMetric.Supervised => Supervisions,
        ScoreMetric.Jfb => Jfb,
        _ => null,
    };

    public UnitMetrics Add(UnitMetrics o) => new()
    {
        Accepted = Accepted + o.Accepted, AcceptedClosed = AcceptedClosed + o.AcceptedClosed, Closed = Closed + o.Closed,
        ClosedOnTime = ClosedOnTime + o.ClosedOnTime, Callbacks = Callbacks + o.Callbacks, Satisfied = Satisfied + o.Satisfied,
        Overdue = Overdue + o.Overdue, Returns = Returns + o.Returns, Reworks = Reworks + o.Reworks,
        Supervisions = Supervisions + o.Supervisions, Signed = Signed + o.Signed,
        SignMicroseconds = SignMicroseconds + o.SignMicroseconds, Jfb = Jfb + o.Jfb,
    };
}
