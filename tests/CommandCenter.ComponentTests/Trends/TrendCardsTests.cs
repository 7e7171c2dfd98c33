using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;
using CommandCenter.Features.Trends;

namespace CommandCenter.ComponentTests.Trends;

public sealed class TrendCardsTests : BunitContext
{
    private static TrendView View(KpiSnapshot week, KpiSnapshot previous, int overdue) => new(
        new TrendFilter(new TrendRange(new(2026, 2, 2), new(2026, 3, 1), TrendGranularity.Week), KpiScope.All),
        [], week, previous, overdue, [], [], [], null, [], [], [], [], null, TimeSpan.Zero);

    private AngleSharp.Dom.IElement Card(IRenderedComponent<TrendCards> cut, string kpi) => cut.Find($"[data-kpi={kpi}]");

    [Fact]
    public void Cards_compare_this_week_with_last_week_and_colour_the_arrow_by_good_or_bad()
    {
        var week = TrendRows.Week(120, closed: 90, onTime: 81) with { ResponseMeanMinutes = 35 };
        var previous = TrendRows.Week(100, closed: 95, onTime: 95) with { ResponseMeanMinutes = 20 };

        var cut = Render<TrendCards>(p => p.Add(c => c.View, View(week, previous, 4)));

        Assert.Equal("120", Card(cut, "受理量").QuerySelector(".card-value")!.TextContent);
        Assert.Contains("neutral", Card(cut, "受理量").QuerySelector(".arrow")!.ClassList);
        Assert.Contains("bad", Card(cut, "办结量").QuerySelector(".arrow")!.ClassList);          // fewer closed
        Assert.Equal("90.0%", Card(cut, "按期办结率").QuerySelector(".card-value")!.TextContent);
        Assert.Contains("bad", Card(cut, "平均响应时长").QuerySelector(".arrow")!.ClassList);   // slower
        Assert.Equal("35.0 分钟", Card(cut, "平均响应时长").QuerySelector(".card-value")!.TextContent);
        Assert.Equal("4", Card(cut, "当前超期件").QuerySelector(".card-value")!.TextContent);
    }

    [Fact]
    public void A_rate_without_a_denominator_shows_a_dash_and_no_arrow()
    {
        var cut = Render<TrendCards>(p => p.Add(c => c.View, View(TrendRows.Week(0), TrendRows.Week(0), 0)));

        Assert.Equal("—", Card(cut, "满意率").QuerySelector(".card-value")!.TextContent);
        Assert.Null(Card(cut, "满意率").QuerySelector(".arrow"));
    }

    [Fact]
    public void More_repeat_complaints_than_last_week_is_a_bad_arrow()
    {
        var week = TrendRows.Week(100) with { Reports = 110, RepeatComplaints = 11 };
        var previous = TrendRows.Week(100) with { Reports = 105, RepeatComplaints = 5 };

        var cut = Render<TrendCards>(p => p.Add(c => c.View, View(week, previous, 0)));

        Assert.Equal("10.0%", Card(cut, "重复投诉率").QuerySelector(".card-value")!.TextContent);
        Assert.Contains("bad", Card(cut, "重复投诉率").QuerySelector(".arrow")!.ClassList);
    }
}
