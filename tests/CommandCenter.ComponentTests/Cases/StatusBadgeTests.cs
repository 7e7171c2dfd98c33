using CommandCenter.Core.Cases;
using CommandCenter.Features.Cases;

namespace CommandCenter.ComponentTests.Cases;

public sealed class StatusBadgeTests : BunitContext
{
    [Theory]
    [InlineData(CaseStatus.Pending, "待受理")]
    [InlineData(CaseStatus.InProgress, "处置中")]
    [InlineData(CaseStatus.Closed, "已办结")]
    public void A_status_reads_in_Chinese_and_carries_its_colour_class(string status, string label)
    {
        var cut = Render<StatusBadge>(p => p.Add(b => b.Status, status).Add(b => b.TestId, "status"));

        var badge = cut.Find("[data-testid=status]");
        Assert.Equal(label, badge.TextContent);
        Assert.Contains($"st-{status}", badge.ClassList);
    }

    [Fact]
    public void An_unknown_status_is_shown_as_it_is()
    {
        var cut = Render<StatusBadge>(p => p.Add(b => b.Status, "archived"));

        Assert.Equal("archived", cut.Find("span").TextContent);
    }
}
