using CommandCenter.Core.Trends;

namespace CommandCenter.Features.Trends;

/// <summary>Every table of /trends and the weekly report as CSV, with the same columns as on screen.</summary>
public static class TrendTables
{
    public static readonly string[] Names = ["series", "categories", "channels", "areas", "hotspots", "departments", "overdue", "cases"];

    /// <summary>The CSV of table <paramref name="name"/>, or null for an unknown name.</summary>
    public static TrendCsv? Build(string name, TrendView v) => name switch
    {
        "series" => Series(v),
        "categories" => Slices(v.Categories, "类别", v),
        "channels" => Slices(v.Channels, "来源渠道", v),
        "areas" => Areas(v.Children, v.ChildLevel is { } l ? TrendFormat.Level(l) : "网格"),
        "hotspots" => Areas(v.Hotspots, "网格"),
        "departments" => Departments(v),
        "overdue" => Overdue(v),
        "cases" => Cases(v),
        _ => null,
    };

    /// <summary>The download name, e.g. 趋势_areas_2026-11-16.csv.</summary>
    public static string FileName(string name, TrendView v) => $"趋势_{name}_{TrendFormat.Date(v.Filter.FocusWeek)}.csv";

    private static TrendCsv Series(TrendView v)
    {
        var csv = new TrendCsv("周期开始", "受理量", "办结量", "结案率(%)", "按期办结率(%)", "满意率(%)", "调解成功率(%)",
            "就地化解率(%)", "平均响应时长(分钟)", "平均办结时长(小时)", "重复投诉率(%)");
        foreach (var p in v.Series)
        {
            var k = p.Kpis;
            csv.Row(TrendFormat.Date(p.Bucket), k.Accepted, k.Closed, TrendFormat.PercentNumber(k.ClosureRate),
                TrendFormat.PercentNumber(k.OnTimeRate), TrendFormat.PercentNumber(k.SatisfactionRate),
                TrendFormat.PercentNumber(k.MediationSuccessRate), TrendFormat.PercentNumber(k.LocalResolutionRate),
                Round(k.ResponseMeanMinutes), Round(k.CloseMeanHours), TrendFormat.PercentNumber(k.RepeatRate));
        }
        return csv;
    }

    private static TrendCsv Slices(IReadOnlyList<TrendSlice> slices, string label, TrendView v)
    {
        var csv = new TrendCsv("周期开始", label, "受理量");
        foreach (var s in slices) csv.Row(TrendFormat.Date(s.Bucket), s.Label, s.Accepted);
        return csv;
    }

    private static TrendCsv Areas(IReadOnlyList<AreaRow> rows, string level)
    {
        var csv = new TrendCsv("排名", "上周排名", "编码", level, "受理量", "上周受理量", "办结量", "结案率(%)", "按期办结率(%)",
            "满意率(%)", "调解成功率(%)", "就地化解率(%)");
        foreach (var a in rows)
        {
            var k = a.Current;
            csv.Row(a.Rank, a.PreviousRank, a.Code, a.Name, k.Accepted, a.Previous.Accepted, k.Closed,
                TrendFormat.PercentNumber(k.ClosureRate), TrendFormat.PercentNumber(k.OnTimeRate),
                TrendFormat.PercentNumber(k.SatisfactionRate), TrendFormat.PercentNumber(k.MediationSuccessRate),
                TrendFormat.PercentNumber(k.LocalResolutionRate));
        }
        return csv;
    }

    private static TrendCsv Departments(TrendView v)
    {
        var csv = new TrendCsv("单位", "办结量", "按期办结", "按期办结率(%)", "回访数", "满意(含基本满意)", "不满意", "满意率(%)");
        foreach (var d in v.Departments)
            csv.Row(d.Name, d.Kpis.Closed, d.Kpis.ClosedOnTime, TrendFormat.PercentNumber(d.Kpis.OnTimeRate), d.Kpis.Callbacks,
                d.Kpis.Satisfied, d.Unsatisfied, TrendFormat.PercentNumber(d.Kpis.SatisfactionRate));
        return csv;
    }

    private static TrendCsv Overdue(TrendView v)
    {
        var csv = new TrendCsv("排名", "单位", "超期件", "最长超期(小时)");
        foreach (var o in v.Overdue) csv.Row(o.Rank, o.Name, o.Overdue, o.MaxOverdueHours);
        return csv;
    }

    private static TrendCsv Cases(TrendView v)
    {
        var csv = new TrendCsv("编号", "受理时间", "网格", "类别", "来源渠道", "标题", "状态", "承办单位", "办理时限", "办结时间", "超期");
        foreach (var c in v.Cases ?? [])
            csv.Row(c.Id, TrendFormat.Time(c.AcceptedAt), c.GridCode, c.Category, c.Channel, c.Title, c.Status, c.Assignee,
                TrendFormat.Time(c.DeadlineAt), TrendFormat.Time(c.ClosedAt), c.Late ? "是" : "否");
        return csv;
    }

    private static string Round(double? v) => v is { } x ? Math.Round(x, 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
}
