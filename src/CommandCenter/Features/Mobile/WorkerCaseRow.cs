namespace CommandCenter.Features.Mobile;

/// <summary>One open case on the worker's list, personal data already masked.</summary>
public sealed record WorkerCaseRow(long Id, string Title, string Category, string Status, short Priority,
    string? GridName, DateTimeOffset ReportedAt, string? Reporter, DateTimeOffset? DeadlineAt, int Photos);
