namespace CommandCenter.Core.Security;

/// <summary>Claim types this product puts in its authentication cookie. The cookie holds no personal
/// data beyond the user name: the session id is what the server checks on every request.</summary>
public static class SecurityClaims
{
    /// <summary>The server-side session (auth_sessions.id).</summary>
    public const string SessionId = "cc:sid";
    /// <summary>users.id or kiosk_credentials.id, depending on <see cref="Kind"/>.</summary>
    public const string SubjectId = "cc:sub";
    /// <summary>"person" or "kiosk".</summary>
    public const string Kind = "cc:kind";
    public const string DisplayName = "cc:display";
    /// <summary>Present while a one-time password has not yet been replaced; every policy but the
    /// password page refuses such a principal.</summary>
    public const string MustChangePassword = "cc:must-change";

    public const string PersonKind = "person";
    public const string KioskKind = "kiosk";
}
