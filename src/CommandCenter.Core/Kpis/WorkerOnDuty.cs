namespace CommandCenter.Core.Kpis;

/// <summary>A grid worker counted as 在岗 now, with where they were last seen (position may be unknown).</summary>
public sealed record WorkerOnDuty(string WorkerId, string WorkerName, string? GridCode, double? Lon, double? Lat, DateTimeOffset LastSeen);
