namespace CommandCenter.Core.Jfb;

/// <summary>One case on the 纠风办 list: escalated after a second 不满意 回访, with its handling record —
/// 交办 (to whom, with what instruction), 处理结果 and 问责 — as the officer entered it. Title masked.</summary>
public sealed record JfbCase(
    long CaseId,
    string Title,
    string Category,
    string? GridName,
    string? AssigneeName,
    string Status,
    DateTimeOffset EscalatedAt,
    string? AssignedTo,
    string? AssignedNote,
    DateTimeOffset? AssignedAt,
    string? Result,
    DateTimeOffset? ResultAt,
    string? Accountability,
    DateTimeOffset? AccountabilityAt,
    string? UpdatedBy,
    int Version)
{
    /// <summary>Where the record stands: 待交办 → 处理中 (交办 entered) → 已问责 (处理结果 and 问责 entered).</summary>
    public string Stage => AssignedTo is null ? "待交办" : Result is null || Accountability is null ? "处理中" : "已问责";
}
