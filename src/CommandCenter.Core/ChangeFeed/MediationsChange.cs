namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Mediations"/>: 调解 records stored by one ingest batch and the cases they belong to.</summary>
public sealed record MediationsChange(
    IReadOnlyList<long> MediationIds,
    IReadOnlyList<string> Grids,
    string Source,
    IReadOnlyList<long> CaseIds,
    int Count) : ChangePayload
{
    public override bool TouchesCase(long caseId) => CaseIds.Contains(caseId);
}
