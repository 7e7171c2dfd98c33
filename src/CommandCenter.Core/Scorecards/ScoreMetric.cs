namespace CommandCenter.Core.Scorecards;

/// <summary>What a scorecard item measures. Three rates and a time are <em>scored</em> (an item earns up to its
/// weight); five counts are <em>deducted</em> (points per case, up to a cap). The rates are the KPI definitions
/// of <see cref="Kpis.KpiSnapshot"/>, taken over the cases of one unit.</summary>
public static class ScoreMetric
{
    public const string OnTimeRate = "on-time-rate";
    public const string SatisfactionRate = "satisfaction-rate";
    public const string ClosureRate = "closure-rate";
    public const string SignHours = "sign-hours";
    public const string Returns = "returns";
    public const string Reworks = "reworks";
    public const string Overdue = "overdue";
    public const string Supervised = "supervised";
    public const string Jfb = "jfb";

    /// <summary>Every metric in the order an editor offers them.</summary>
    public static readonly IReadOnlyList<string> All =
        [OnTimeRate, SatisfactionRate, ClosureRate, SignHours, Returns, Reworks, Overdue, Supervised, Jfb];

    public static bool IsDeduction(string metric) => metric is Returns or Reworks or Overdue or Supervised or Jfb;

    public static bool IsKnown(string metric) => All.Contains(metric);

    public static string Label(string metric) => metric switch
    {
        OnTimeRate => "按期办结率",
        SatisfactionRate => "满意率",
        ClosureRate => "结案率",
        SignHours => "平均签收时长",
        Returns => "退回件",
        Reworks => "重办件",
        Overdue => "超期件",
        Supervised => "督办件",
        Jfb => "纠风办件",
        _ => metric,
    };

    /// <summary>The definition a leader reads under the bulletin (what is counted, over which cases).</summary>
    public static string Definition(string metric) => metric switch
    {
        OnTimeRate => "本期办结件中在办理时限内办结的比例",
        SatisfactionRate => "本期回访中满意与基本满意的比例",
        ClosureRate => "本期受理件中至今已办结的比例",
        SignHours => "本期签收件从分流到签收的平均小时数",
        Returns => "本期退回的件数",
        Reworks => "本期被驳回重办或回访不满意重新整改的件次",
        Overdue => "办理时限在本期（今天以前）届满而未按时办结的件数",
        Supervised => "本期被督办（人工或自动升级）的件次",
        Jfb => "本期首次移交纠风办的件数",
        _ => metric,
    };
}
