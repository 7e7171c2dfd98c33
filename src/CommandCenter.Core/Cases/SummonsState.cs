namespace CommandCenter.Core.Cases;

/// <summary>One department summoned by 吹哨 to a case: it must 报到 (check in) and then report.</summary>
public sealed record SummonsState(
    string DepartmentCode,
    string DepartmentName,
    DateTimeOffset SummonedAt,
    DateTimeOffset? CheckedInAt = null,
    DateTimeOffset? ReportedAt = null,
    string? Report = null)
{
    public bool Done => ReportedAt is not null;
}
