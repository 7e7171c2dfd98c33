namespace CommandCenter.Core.Trends;

/// <summary>One case behind a drill-down number. No resident's personal data: leaders need the loop, not
/// the reporter.</summary>
public sealed record CaseListRow(long Id, DateTimeOffset AcceptedAt, string GridCode, string Category, string Channel,
    string Title, string Status, string? Assignee, DateTimeOffset? DeadlineAt, DateTimeOffset? ClosedAt, bool Late);
