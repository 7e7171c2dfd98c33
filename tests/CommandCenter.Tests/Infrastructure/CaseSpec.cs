namespace CommandCenter.Tests.Infrastructure;

/// <summary>One case to write; only what a test cares about needs setting.</summary>
public sealed record CaseSpec(DateTimeOffset AcceptedAt)
{
    public string Source { get; init; } = "test";
    public string? ExternalId { get; init; }
    public string Channel { get; init; } = "网格员巡查";
    public string Category { get; init; } = "sewer";
    public string Title { get; init; } = "下水道堵塞";
    public string? Address { get; init; }
    public double? Lon { get; init; }
    public double? Lat { get; init; }
    public string? Grid { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public int Priority { get; init; } = 3;
    public string Status { get; init; } = "accepted";
    public DateTimeOffset? ReportedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public DateTimeOffset? DeadlineAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int SuperviseLevel { get; init; }
    public string? Satisfaction { get; init; }
    public DateTimeOffset? CallbackAt { get; init; }
    public int ReopenedCount { get; init; }
    public long? MergedInto { get; init; }
}
