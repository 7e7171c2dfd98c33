namespace CommandCenter.Core.Security;

/// <summary>One line of the audit log as written: who did what to which target, from where.</summary>
public sealed record AuditEntry(
    string Actor,
    string? ActorRole,
    string Action,
    string? Target = null,
    string? Ip = null,
    bool Succeeded = true,
    IReadOnlyDictionary<string, string?>? Details = null);
