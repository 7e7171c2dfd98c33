namespace CommandCenter.Core.Ingest;

/// <summary>One validated incident from a source system: a new case or the full current state of a case
/// the source already sent. Identity is (source, <see cref="ExternalId"/>); a delivery always carries the
/// whole record, never a partial patch. <see cref="SourceUpdatedAt"/> orders deliveries of the same case.</summary>
public sealed record IncidentRecord
{
    public required string ExternalId { get; init; }
    public required string Channel { get; init; }
    public required string CategoryCode { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public string? Address { get; init; }
    public double? Longitude { get; init; }
    public double? Latitude { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    /// <summary>The grid worker who reported it (网格员巡查上报): the grid app's workerId, as in patrol events.</summary>
    public string? ReporterWorkerId { get; init; }
    /// <summary>1 紧急, 2 较急, 3 一般.</summary>
    public short Priority { get; init; } = 3;
    /// <summary>A <see cref="Cases.CaseStatus"/> code.</summary>
    public required string Status { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public string? AssigneeCode { get; init; }
    public DateTimeOffset? DeadlineAt { get; init; }
    public DateTimeOffset? FeedbackAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>满意 / 基本满意 / 不满意 from the 回访.</summary>
    public string? Satisfaction { get; init; }
    public DateTimeOffset? CallbackAt { get; init; }
    public required DateTimeOffset SourceUpdatedAt { get; init; }
}
