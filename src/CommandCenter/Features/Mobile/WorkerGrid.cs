namespace CommandCenter.Features.Mobile;

/// <summary>One of the worker's grids, with a point inside it.</summary>
public sealed record WorkerGrid(string Code, string Name, double Lon, double Lat);
