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
    /// <summary>When the unit signed for (签收) the case since its last 分流, and who; null while unsigned.</summary>
    public DateTimeOffset? SignedAt { get; init; }
    public string? SignedBy { get; init; }
    /// <summary>The unit let the sign-for time pass (an unread 超时未签收 notice to the center).</summary>
    public bool SignOverdue { get; init; }

    public bool IsOverdue(DateTimeOffset now) =>
        DeadlineAt is { } d && now > d && Status is CaseStatus.Dispatched or CaseStatus.InProgress;
}
