namespace CommandCenter.Core.Kpis;

/// <summary>One slice of a category breakdown.</summary>
public sealed record CategoryCount(string Name, string GroupName, int Count);
