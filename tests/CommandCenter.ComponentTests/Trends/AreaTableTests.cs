using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;
using CommandCenter.Features.Trends;

namespace CommandCenter.ComponentTests.Trends;

public sealed class AreaTableTests : BunitContext
{
    private static readonly TrendFilter Filter = new(new TrendRange(new(2026, 2, 2), new(2026, 3, 1), TrendGranularity.Week), KpiScope.Region("P1"));

    [Fact]
    public void A_row_shows_its_rank_movement_counts_and_rates()
    {
        var row = new AreaRow(AreaLevel.Community, "C01", "测试1社区", TrendRows.Week(40, closed: 30, onTime: 27), TrendRows.Week(50), 1, 3);

        var cut = Render<AreaTable>(p => p.Add(t => t.Rows, [row]).Add(t => t.Level, AreaLevel.Community).Add(t => t.Filter, Filter));

        var tr = cut.Find("tr[data-code=C01]");
        Assert.Contains("1 ▲2", tr.TextContent);
        Assert.Equal("40", tr.QuerySelector("[data-test=accepted]")!.TextContent);
        Assert.Contains("50 ▼", tr.TextContent);
        Assert.Contains("75.0%", tr.TextContent);   // 结案率 30/40
        Assert.Contains("90.0%", tr.TextContent);   // 按期办结率 27/30
        Assert.Contains("村居", cut.Find("thead").TextContent);
    }

    [Fact]
    public void A_community_name_drills_down_keeping_the_region_and_the_dates()
    {
        var row = new AreaRow(AreaLevel.Community, "C01", "测试1社区", TrendRows.Week(4), TrendRows.Week(4), 1, 1);

        var cut = Render<AreaTable>(p => p.Add(t => t.Rows, [row]).Add(t => t.Level, AreaLevel.Community).Add(t => t.Filter, Filter));

        Assert.Equal("trends?from=2026-02-02&to=2026-03-01&gran=week&region=P1&community=C01", cut.Find("[data-test=drill]").GetAttribute("href"));
    }

    [Fact]
    public void The_compact_table_drops_the_closed_and_mediation_columns()
    {
        var cut = Render<AreaTable>(p => p.Add(t => t.Rows, []).Add(t => t.Level, AreaLevel.Grid).Add(t => t.Filter, Filter).Add(t => t.Compact, true));

        Assert.DoesNotContain("办结量", cut.Find("thead").TextContent);
        Assert.DoesNotContain("调解成功率", cut.Find("thead").TextContent);
        Assert.Equal("本周没有数据", cut.Find("td.empty").TextContent);
    }
}
