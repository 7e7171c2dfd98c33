namespace CommandCenter.Core.Kpis;

/// <summary>One grid's load at a moment: what the wall colours it by.</summary>
public sealed record GridLoad(string GridCode, int Open, int Overdue, int Urgent, int Supervised, bool Patrolled);
