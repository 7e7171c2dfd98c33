namespace CommandCenter.Core.Security;

/// <summary>One line of the audit log as read back for the audit page.</summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? ActorRole,
    string Action,
    string? Target,
    string? Ip,
    bool Succeeded,
    string Details);
