namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Incidents"/>: the cases an ingest batch created or updated.</summary>
public sealed record IncidentsChange(
    IReadOnlyList<long> CaseIds,
    IReadOnlyList<string> Grids,
    string Source,
    int Created,
    int Updated,
    IReadOnlyList<long> UrgentCaseIds) : ChangePayload
{
    public override bool TouchesCase(long caseId) => CaseIds.Contains(caseId);
}
