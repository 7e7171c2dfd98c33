namespace CommandCenter.Live;

/// <summary>One day of the 7-day trend: 受理量 and 办结量 by the Core definitions.</summary>
public sealed record DayCount(DateOnly Day, int Accepted, int Closed);
