using CommandCenter.Core.Patrols;
using CommandCenter.Features.Trends;

namespace CommandCenter.ComponentTests.Trends;

/// <summary>巡查分析 on /trends: workers by roster name (an unknown id shown as such), the unpatrolled grids in the table
/// and as the map's red grids, the day-by-day coverage's mean.</summary>
public sealed class PatrolAnalyticsPanelTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 9, 0, 0, TimeSpan.FromHours(8));

    public PatrolAnalyticsPanelTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    private static WorkerPatrolRow Row(string id, string? name, int visits) =>
        new(new WorkerRef(id, name, name is null ? "app里的名字" : null), name is null ? [] : ["G001", "G002"], 5, 41.25, 30, visits, 3, 4, 3, 6, 10);

    private static PatrolView View() => new(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7),
        [new PatrolDay(new DateOnly(2026, 6, 1), 100, 133), new PatrolDay(new DateOnly(2026, 6, 2), 33, 133)],
        WorkerRanking.Rank([Row("gw-01", "张一", 12), Row("gw-99", null, 4)]),
        [new UnpatrolledGrid("G120", "城南9号网格", "城南社区", null, null),
         new UnpatrolledGrid("G088", "城北3号网格", "城北社区", Now.AddDays(-9).AddHours(-1), new WorkerRef("gw-04", "李四"))],
        3, Now);

    [Fact]
    public void Workers_are_named_from_the_roster_and_an_unknown_id_is_shown_as_such()
    {
        var cut = Render<PatrolAnalyticsPanel>(p => p.Add(x => x.View, View()));

        var rows = cut.FindAll("[data-test=patrol-worker]").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal(["1", "张一", "2", "5", "41.3", "30", "12", "3", "75.0%", "60.0%"], rows[0].Take(10));
        Assert.Equal(["不排名", "未登记工号 gw-99（app里的名字）"], rows[1].Take(2));
        Assert.Equal("—", rows[1][2]);
    }

    [Fact]
    public void Unpatrolled_grids_are_listed_and_red_on_the_map_and_the_mean_coverage_is_shown()
    {
        var cut = Render<PatrolAnalyticsPanel>(p => p.Add(x => x.View, View()));

        var rows = cut.FindAll("[data-test=unpatrolled-grid]").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal(["城南9号网格", "城南社区", "从未巡查", "—", "—"], rows[0]);
        Assert.Equal(["城北3号网格", "城北社区", "2026-06-01 08:00", "9", "李四"], rows[1]);
        Assert.Equal("2", cut.Find("[data-test=unpatrolled-map]").GetAttribute("data-red"));
        Assert.Equal("日均 50.0%", cut.Find("[data-test=patrol-mean]").TextContent);
    }
}
