namespace CommandCenter.Core.Security;

/// <summary>A search of the audit log. Every filter is optional; text filters match anywhere, case-insensitively.</summary>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Action = null,
    string? Text = null,
    bool? Succeeded = null,
    int Offset = 0,
    int Limit = 50);
