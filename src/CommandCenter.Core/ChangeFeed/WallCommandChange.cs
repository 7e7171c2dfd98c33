namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.WallCommand"/>: a wall command was sent or released. Readers reload the
/// commands in force (a handful of rows) instead of trusting the payload, so a missed or repeated entry
/// cannot leave a wall in the wrong state.</summary>
public sealed record WallCommandChange(long CommandId, long? KioskId, string Action) : ChangePayload;
