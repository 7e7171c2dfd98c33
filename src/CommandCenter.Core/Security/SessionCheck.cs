namespace CommandCenter.Core.Security;

/// <summary>The verdict on a session id presented by a cookie, a circuit or a hub connection.</summary>
public enum SessionCheck
{
    Valid,
    /// <summary>No such session (forged or purged).</summary>
    Unknown,
    /// <summary>Logged out, or ended by an administrator's change.</summary>
    Ended,
    /// <summary>A person's session idle longer than the timeout.</summary>
    Idle,
    /// <summary>The kiosk credential was revoked.</summary>
    Revoked,
    /// <summary>The account was disabled.</summary>
    Disabled,
    /// <summary>The account's role changed since the session began: log in again with the new one.</summary>
    RoleChanged,
}
