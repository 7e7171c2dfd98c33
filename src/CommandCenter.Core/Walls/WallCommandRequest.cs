namespace CommandCenter.Core.Walls;

/// <summary>What the desk asks for (the page, the HTTP endpoint and the hub method all take this).
/// <see cref="KioskId"/> null = every wall; <see cref="DurationSeconds"/> null = the configured default.</summary>
public sealed record WallCommandRequest(
    string Kind,
    long? KioskId = null,
    string? GridCode = null,
    string? RegionCode = null,
    long? CaseId = null,
    int? DurationSeconds = null);
