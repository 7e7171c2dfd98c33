using CommandCenter.Core.Kpis;

namespace CommandCenter.Tests.Trends;

/// <summary>Compares the period KPIs (the ones rollups hold) of two snapshots, naming the KPI that differs.</summary>
internal static class KpiAssert
{
    public static void SamePeriodKpis(KpiSnapshot expected, KpiSnapshot actual, string context)
    {
        Same(expected.Accepted, actual.Accepted, "受理量", context);
        Same(expected.AcceptedAndClosed, actual.AcceptedAndClosed, "结案率 numerator", context);
        Same(expected.Closed, actual.Closed, "办结量", context);
        Same(expected.ClosedOnTime, actual.ClosedOnTime, "按期办结 numerator", context);
        Same(expected.Callbacks, actual.Callbacks, "回访", context);
        Same(expected.Satisfied, actual.Satisfied, "满意 + 基本满意", context);
        Same(expected.MediationsConcluded, actual.MediationsConcluded, "调解 concluded", context);
        Same(expected.MediationsSucceeded, actual.MediationsSucceeded, "调解成功", context);
        Same(expected.MediationsPartial, actual.MediationsPartial, "部分达成", context);
        Same(expected.DisputesResolved, actual.DisputesResolved, "disputes resolved", context);
        Same(expected.DisputesResolvedLocally, actual.DisputesResolvedLocally, "就地化解", context);
        Same(expected.Reports, actual.Reports, "reports", context);
        Same(expected.RepeatComplaints, actual.RepeatComplaints, "重复投诉", context);
        Close(expected.ClosureRate, actual.ClosureRate, "结案率", context);
        Close(expected.OnTimeRate, actual.OnTimeRate, "按期办结率", context);
        Close(expected.SatisfactionRate, actual.SatisfactionRate, "满意率", context);
        Close(expected.MediationSuccessRate, actual.MediationSuccessRate, "调解成功率", context);
        Close(expected.LocalResolutionRate, actual.LocalResolutionRate, "就地化解率", context);
        Close(expected.RepeatRate, actual.RepeatRate, "重复投诉率", context);
        Close(expected.ResponseMeanMinutes, actual.ResponseMeanMinutes, "平均响应时长", context);
        Close(expected.CloseMeanHours, actual.CloseMeanHours, "平均办结时长", context);
    }

    private static void Same(int expected, int actual, string kpi, string context) =>
        Assert.True(expected == actual, $"{kpi} for {context}: KPI definition says {expected}, rollups say {actual}");

    private static void Close(double? expected, double? actual, string kpi, string context) =>
        Assert.True(expected is null ? actual is null : actual is not null && Math.Abs(expected.Value - actual.Value) < 1e-6,
            $"{kpi} for {context}: KPI definition says {expected}, rollups say {actual}");
}
