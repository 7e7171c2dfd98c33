using CommandCenter.Features.Cases;

namespace CommandCenter.ComponentTests.Cases;

public sealed class PriorityBadgeTests : BunitContext
{
    [Theory]
    [InlineData(1, "紧急")]
    [InlineData(2, "较急")]
    [InlineData(3, "一般")]
    public void A_priority_reads_in_Chinese_with_its_class(short priority, string label)
    {
        var cut = Render<PriorityBadge>(p => p.Add(b => b.Priority, priority));

        var badge = cut.Find("span");
        Assert.Equal(label, badge.TextContent);
        Assert.Contains($"pri{priority}", badge.ClassList);
    }
}
