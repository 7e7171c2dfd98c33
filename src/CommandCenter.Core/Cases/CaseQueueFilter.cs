namespace CommandCenter.Core.Cases;

/// <summary>The duty queue's filters. Null means "any". Without a status only open cases are listed.</summary>
public sealed record CaseQueueFilter
{
    public string? Status { get; init; }
    public string? CategoryCode { get; init; }
    public string? RegionCode { get; init; }
    public string? CommunityCode { get; init; }
    public string? GridCode { get; init; }
    public string? Source { get; init; }
    public short? Priority { get; init; }
    public bool OverdueOnly { get; init; }
    public bool SupervisedOnly { get; init; }
    /// <summary>Free text: a case number, or words in the title, description, address or channel.</summary>
    public string? Search { get; init; }
}
