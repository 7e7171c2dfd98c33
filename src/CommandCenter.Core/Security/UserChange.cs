namespace CommandCenter.Core.Security;

/// <summary>An administrator's change to an account (other than its password).</summary>
public abstract record UserChange
{
    public sealed record SetRole(string Role) : UserChange;
    public sealed record Disable : UserChange;
    public sealed record Enable : UserChange;
    public sealed record Unlock : UserChange;
}
