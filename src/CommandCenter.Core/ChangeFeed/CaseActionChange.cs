namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.CaseAction"/>: the cases one action changed, with their new statuses
/// (same order as <see cref="CaseIds"/>).</summary>
public sealed record CaseActionChange(
    IReadOnlyList<long> CaseIds,
    IReadOnlyList<string> Grids,
    string Action,
    IReadOnlyList<string> Statuses) : ChangePayload
{
    public override bool TouchesCase(long caseId) => CaseIds.Contains(caseId);
}
