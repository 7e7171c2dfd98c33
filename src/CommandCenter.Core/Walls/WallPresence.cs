namespace CommandCenter.Core.Walls;

/// <summary>A named wall (a kiosk credential) and what its last heartbeat said.</summary>
public sealed record WallPresence(
    long KioskId,
    string Name,
    string Location,
    bool Active,
    DateTimeOffset? OnlineSince,
    DateTimeOffset? LastHeartbeatAt,
    long? Position,
    string? Node,
    DateTimeOffset? DisconnectedAt)
{
    /// <summary>Online: connected and heard from within <paramref name="window"/>.</summary>
    public bool OnlineAt(DateTimeOffset now, TimeSpan window) =>
        Active && DisconnectedAt is null && LastHeartbeatAt is { } beat && now - beat <= window;
}
