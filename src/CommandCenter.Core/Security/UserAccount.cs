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
    /// <summary>For a 承办单位 or 网格员: the unit it acts for (a department, 村居 or grid code); otherwise null.</summary>
    public string? UnitCode { get; init; }
    /// <summary>For a 网格员: the grids they cover; empty for everyone else.</summary>
    public IReadOnlyList<string> GridCodes { get; init; } = [];

    public bool IsLockedOut(DateTimeOffset now) => LockoutUntil is { } until && until > now;
}
