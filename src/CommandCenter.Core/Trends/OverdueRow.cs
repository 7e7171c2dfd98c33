namespace CommandCenter.Core.Trends;

/// <summary>超期件 of one unit now: how many open cases are past their deadline and the longest overrun.</summary>
public sealed record OverdueRow(int Rank, string Code, string Name, int Overdue, double MaxOverdueHours);
