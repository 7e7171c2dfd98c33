namespace CommandCenter.Core.Walls;

/// <summary>A command in force (or once in force) on the walls. <see cref="KioskId"/> null = every wall.</summary>
public sealed record WallCommand(
    long Id,
    string Kind,
    long? KioskId,
    string? GridCode,
    string? RegionCode,
    long? CaseId,
    string Label,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ReleasedAt,
    string? ReleasedBy)
{
    public bool InForceAt(DateTimeOffset now) => ReleasedAt is null && ExpiresAt > now;

    /// <summary>Whether a wall (kiosk <paramref name="kioskId"/>; null for a person looking at /screen) follows it.</summary>
    public bool Addresses(long? kioskId) => KioskId is null || KioskId == kioskId;
}

/// <summary>The kinds of command. Stored as text (a CHECK in 0120_walls.sql holds the same list).</summary>
public static class WallCommandKinds
{
    /// <summary>Zoom to a grid or a 片区 and list its open cases (and the grid's team).</summary>
    public const string Focus = "focus";
    /// <summary>One case: its timeline and location, personal data masked.</summary>
    public const string Spotlight = "spotlight";
    /// <summary>A scene: 全局态势 (no area) or a 片区.</summary>
    public const string Scene = "scene";
}
