namespace CommandCenter.Core.Admin;

/// <summary>An editable row of the categories page (a row of <c>categories</c>).</summary>
public sealed class CategoryRow
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string GroupName { get; init; }
    public int TimeLimitHours { get; set; }
    public bool IsDispute { get; init; }
    public bool Active { get; set; }
}
