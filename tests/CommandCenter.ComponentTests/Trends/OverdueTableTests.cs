using CommandCenter.Core.Trends;
using CommandCenter.Features.Trends;

namespace CommandCenter.ComponentTests.Trends;

public sealed class OverdueTableTests : BunitContext
{
    [Fact]
    public void Units_are_listed_by_rank_with_their_longest_overdue_hours()
    {
        var cut = Render<OverdueTable>(p => p.Add(t => t.Rows, [new OverdueRow(1, "D1", "城管中队", 5, 30.25), new OverdueRow(2, "D2", "水务站", 1, 2)]));

        var rows = cut.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal(["1", "城管中队", "5", "30.3"], rows[0]);
        Assert.Equal(["2", "水务站", "1", "2.0"], rows[1]);
    }

    [Fact]
    public void No_overdue_cases_says_so()
    {
        var cut = Render<OverdueTable>(p => p.Add(t => t.Rows, []));

        Assert.Equal("当前没有超期件", cut.Find("td.empty").TextContent);
    }
}
