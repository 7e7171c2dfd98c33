namespace CommandCenter.Core.Units;

/// <summary>One line of a unit's work list (/work). <see cref="IsAssignee"/>: dispatched to the unit;
/// <see cref="Summoned"/>: the unit was summoned by 吹哨 (it may be both). No personal data: the list never needs it.</summary>
public sealed record WorkRow(
    long Id,
    string Title,
    string CategoryName,
    string Status,
    short Priority,
    DateTimeOffset ReportedAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? DeadlineAt,
    short SuperviseLevel,
    string? Address,
    string? GridName,
    int UnreadNotices,
    DateTimeOffset? SignedAt,
    string? SignedBy,
    bool IsAssignee,
    bool Summoned,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? SummonsReportedAt);
