using CommandCenter.Core.Security;

namespace CommandCenter.Features.Admin;

/// <summary>The "new user" form of the users page.</summary>
public sealed class NewUserInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.Officer;
}
