using CommandCenter.Live;

namespace CommandCenter.Features.Replay;

/// <summary>The wall as it stood at <see cref="At"/>: the same <see cref="LiveSnapshot"/> the live wall
/// renders (KPIs, grid states, ticker, donut, trend), rebuilt from the database with now = At, and how long
/// the rebuild took.</summary>
public sealed record ReplayFrame(DateTimeOffset At, LiveSnapshot Snapshot, TimeSpan Took);
