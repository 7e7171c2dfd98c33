namespace CommandCenter.Features.Account;

/// <summary>What the change-password form posts.</summary>
public sealed class ChangePasswordInput
{
    public string Current { get; set; } = "";
    public string Replacement { get; set; } = "";
    public string Confirm { get; set; } = "";
}
