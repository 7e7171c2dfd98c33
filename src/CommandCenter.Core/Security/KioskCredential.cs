namespace CommandCenter.Core.Security;

/// <summary>A wall screen's credential (the token itself is never stored or shown again).</summary>
public sealed record KioskCredential(
    long Id,
    string Name,
    string Location,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public bool IsActive => RevokedAt is null;
}
