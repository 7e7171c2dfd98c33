using CommandCenter.Core.Trends;
using CommandCenter.Features.Trends;

namespace CommandCenter.ComponentTests.Trends;

public sealed class DepartmentTableTests : BunitContext
{
    [Fact]
    public void A_unit_with_unsatisfied_callbacks_is_marked()
    {
        var rows = new[] { new DepartmentRow("D1", "城管中队", TrendRows.Week(0, closed: 8, onTime: 6), 2), new DepartmentRow("D2", "水务站", TrendRows.Week(0, closed: 1, onTime: 1), 0) };

        var cut = Render<DepartmentTable>(p => p.Add(t => t.Rows, rows));

        var cells = cut.FindAll("tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["城管中队", "8", "75.0%", "0", "—", "2"], cells);
        Assert.Contains("warn", cut.FindAll("tbody tr")[0].QuerySelectorAll("td")[5].ClassList);
        Assert.DoesNotContain("warn", cut.FindAll("tbody tr")[1].QuerySelectorAll("td")[5].ClassList);
    }

    [Fact]
    public void No_units_says_there_was_nothing_this_week()
    {
        var cut = Render<DepartmentTable>(p => p.Add(t => t.Rows, []));

        Assert.Equal("本周没有办结或回访", cut.Find("td.empty").TextContent);
    }
}
