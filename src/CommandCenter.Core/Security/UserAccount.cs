namespace CommandCenter.Core.Security;

/// <summary>A person who logs in (a row of <c>users</c>).</summary>
public sealed record UserAccount(
    long Id,
    string UserName,
    string DisplayName,
    string Role,
    string PasswordHash,
    bool MustChangePassword,
    int FailedCount,
    DateTimeOffset? LockoutUntil,
    DateTimeOffset? DisabledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt)
{
    public bool IsLockedOut(DateTimeOffset now) => LockoutUntil is { } until && until > now;
}
