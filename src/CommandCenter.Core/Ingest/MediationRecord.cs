namespace CommandCenter.Core.Ingest;

/// <summary>One validated 矛盾纠纷调解 record: started, and when concluded its outcome. Later deliveries
/// of the same (source, external id) replace earlier ones when their <see cref="SourceUpdatedAt"/> is newer.</summary>
public sealed record MediationRecord
{
    public static IReadOnlyList<string> Levels { get; } = ["网格", "社区", "街道", "区"];
    public static IReadOnlyList<string> Outcomes { get; } = ["调解成功", "部分达成", "调解失败"];
    public static IReadOnlyList<string> FailureRoutes { get; } = ["转诉讼", "转信访"];
    public static IReadOnlyList<string> Modes { get; } = ["坐诊", "问诊", "急诊", "会诊", "复诊"];

    public required string ExternalId { get; init; }
    /// <summary>The case's external id (in <see cref="CaseSource"/>, or the sender's own source).</summary>
    public string? CaseRef { get; init; }
    public string? CaseSource { get; init; }
    public string? GridCode { get; init; }
    public required string MediatorType { get; init; }
    public string? Mode { get; init; }
    public required string Level { get; init; }
    public string? Outcome { get; init; }
    public string? FailureRoute { get; init; }
    public string? Agreement { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public required DateTimeOffset SourceUpdatedAt { get; init; }
}
