namespace CommandCenter.Core.Security;

/// <summary>The result of a password or kiosk sign-in. On success: the account (null for a kiosk), the
/// new server-side session and what goes into the cookie.</summary>
public sealed record LoginResult(
    LoginOutcome Outcome,
    Guid SessionId = default,
    long SubjectId = 0,
    string? Name = null,
    string? DisplayName = null,
    string? Role = null,
    bool MustChangePassword = false,
    DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => Outcome == LoginOutcome.Succeeded;
}
