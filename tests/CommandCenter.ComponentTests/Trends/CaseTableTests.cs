using CommandCenter.Core.Trends;
using CommandCenter.Features.Trends;

namespace CommandCenter.ComponentTests.Trends;

public sealed class CaseTableTests : BunitContext
{
    private static readonly DateTimeOffset Accepted = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_late_case_is_marked_and_times_read_in_Beijing()
    {
        var late = new CaseListRow(17, Accepted, "G001", "市政设施", "12345热线", "路灯不亮", "处置中", "城管中队", Accepted.AddHours(24), null, Late: true);

        var cut = Render<CaseTable>(p => p.Add(t => t.Cases, [late]));

        var row = cut.Find("tr[data-id='17']");
        Assert.Contains("late", row.ClassList);
        Assert.Contains("处置中（超期）", row.TextContent);
        Assert.Contains("2026-03-02 09:30", row.TextContent);
        Assert.Contains("2026-03-03 09:30", row.TextContent);
    }

    [Fact]
    public void A_grid_without_cases_says_so()
    {
        var cut = Render<CaseTable>(p => p.Add(t => t.Cases, []));

        Assert.Equal("本周该网格没有受理事件", cut.Find("td.empty").TextContent);
    }
}
