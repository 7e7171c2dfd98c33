namespace CommandCenter.Features.Account;

/// <summary>What the login form posts.</summary>
public sealed class LoginInput
{
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
}
