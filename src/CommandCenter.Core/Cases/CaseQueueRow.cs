namespace CommandCenter.Core.Cases;

/// <summary>One line of the duty queue.</summary>
public sealed record CaseQueueRow(
    long Id,
    string Title,
    string CategoryName,
    string Status,
    short Priority,
    string? GridCode,
    string? GridName,
    string? CommunityName,
    string Source,
    string Channel,
    DateTimeOffset ReportedAt,
    DateTimeOffset? DeadlineAt,
    short SuperviseLevel,
    bool EscalatedJfb,
    string? AssigneeName,
    int OpenSummons,
    int Version)
{
    public bool IsOverdue(DateTimeOffset now) =>
        DeadlineAt is { } d && now > d && Status is CaseStatus.Dispatched or CaseStatus.InProgress;
}
