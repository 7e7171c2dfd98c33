namespace CommandCenter.Core.Security;

public enum LoginOutcome
{
    Succeeded,
    /// <summary>Unknown user, wrong password or disabled account: one message for all, so the form does
    /// not tell a guesser which user names exist.</summary>
    Invalid,
    LockedOut,
}
