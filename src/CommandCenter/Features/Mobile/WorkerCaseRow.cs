namespace CommandCenter.Features.Mobile;

/// <summary>One open case on the worker's list, personal data already masked. <see cref="IsMine"/>: dispatched to the
/// worker's team or summoned to it, so the worker can open it on /work to sign for it and feed back.</summary>
public sealed record WorkerCaseRow(long Id, string Title, string Category, string Status, short Priority,
    string? GridName, DateTimeOffset ReportedAt, string? Reporter, DateTimeOffset? DeadlineAt, int Photos, bool IsMine);
