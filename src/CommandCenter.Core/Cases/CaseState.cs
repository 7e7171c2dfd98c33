namespace CommandCenter.Core.Cases;

/// <summary>What the state machine needs to know about one case: the columns it may change plus the
/// facts that guard transitions (category, 吹哨 summons, an open mediation). Immutable; a transition
/// returns a new state.</summary>
public sealed record CaseState
{
    public required long Id { get; init; }
    public required string Status { get; init; }
    public int Version { get; init; } = 1;
    public short Priority { get; init; } = 3;
    public string? GridCode { get; init; }
    public string CategoryCode { get; init; } = "";
    public int TimeLimitHours { get; init; } = 72;
    public bool IsDispute { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public string? AssigneeCode { get; init; }
    public string? AssigneeName { get; init; }
    public DateTimeOffset? DeadlineAt { get; init; }
    public DateTimeOffset? FeedbackAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public short SuperviseLevel { get; init; }
    public DateTimeOffset? SupervisedAt { get; init; }
    public string? Satisfaction { get; init; }
    public DateTimeOffset? CallbackAt { get; init; }
    public short UnsatisfiedCount { get; init; }
    public bool EscalatedJfb { get; init; }
    public short ReopenedCount { get; init; }
    public long? MergedInto { get; init; }
    public IReadOnlyList<SummonsState> Summons { get; init; } = [];
    public bool MediationOpen { get; init; }
    /// <summary>The leader in charge (领导包案), "显示名（用户名）"; read from case_leads, never written by SaveAsync.</summary>
    public string? LeadBy { get; init; }

    public bool IsOpen => Status != CaseStatus.Closed;

    /// <summary>Past its deadline while still being handled (the 超期 mark of the queue).</summary>
    public bool IsOverdue(DateTimeOffset now) =>
        DeadlineAt is { } d && now > d && Status is CaseStatus.Dispatched or CaseStatus.InProgress;
}
