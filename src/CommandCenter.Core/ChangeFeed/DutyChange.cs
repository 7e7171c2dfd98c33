namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Duty"/>: a duty shift added or removed (<see cref="Roster"/>), a handover signed by the
/// outgoing officer (<see cref="HandoverSigned"/>) or accepted by the incoming one (<see cref="HandoverAccepted"/>).</summary>
public sealed record DutyChange(string Event, long Id) : ChangePayload
{
    public const string Roster = "roster";
    public const string HandoverSigned = "handover-signed";
    public const string HandoverAccepted = "handover-accepted";
}
