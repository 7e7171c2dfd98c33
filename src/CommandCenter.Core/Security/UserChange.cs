namespace CommandCenter.Core.Security;

/// <summary>An administrator's change to an account (other than its password).</summary>
public abstract record UserChange
{
    public sealed record SetRole(string Role) : UserChange;
    public sealed record Disable : UserChange;
    public sealed record Enable : UserChange;
    public sealed record Unlock : UserChange;
    /// <summary>Binds a 承办单位 / 网格员 account to another unit (and grids); its sessions end, since what it
    /// may see changes.</summary>
    public sealed record Bind(UnitBinding Binding) : UserChange;
}
