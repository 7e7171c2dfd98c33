namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Notices"/>: notices created (<see cref="Created"/>) or read. <see cref="Units"/>
/// holds each notice's unit code, "" for a notice to the center's duty officers (same order as <see cref="NoticeIds"/>),
/// so an open /work page can tell whether a notice is its own without a query.</summary>
public sealed record NoticesChange(
    IReadOnlyList<long> NoticeIds,
    IReadOnlyList<long> CaseIds,
    IReadOnlyList<string> Units,
    string Event) : ChangePayload
{
    public const string Created = "created";
    public const string Read = "read";

    public override bool TouchesCase(long caseId) => CaseIds.Contains(caseId);
}
