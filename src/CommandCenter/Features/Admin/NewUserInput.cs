using CommandCenter.Core.Security;

namespace CommandCenter.Features.Admin;

/// <summary>The "new user" form of the users page.</summary>
public sealed class NewUserInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.Officer;
    /// <summary>承办单位 / 网格员 only: the unit the account acts for.</summary>
    public string? UnitCode { get; set; }
    /// <summary>网格员 only: the grids they cover.</summary>
    public IReadOnlyCollection<string> GridCodes { get; set; } = [];

    public UnitBinding? Binding => Roles.IsUnitRole(Role) ? new UnitBinding(UnitCode ?? "", [.. GridCodes]) : null;
}
