using CommandCenter.Core.Security;

namespace CommandCenter.Core.Units;

/// <summary>A signed-in 承办单位 or 网格员 account: who acts (<see cref="Actor"/>, "显示名（用户名）", the form the
/// audit trigger and case_events read) and for which unit.</summary>
public sealed record UnitAccount(string UserName, string DisplayName, string Role, UnitBinding Binding, UnitInfo? Unit)
{
    public string Actor => $"{DisplayName}（{UserName}）";

    public string UnitName => Unit?.Name ?? Binding.UnitCode;

    /// <summary>村居 and grid teams call residents back and visit them, so they may reveal the reporter's
    /// phone (audited); a department acts on the place, not the person, and never needs it.</summary>
    public bool MayRevealReporter => Unit?.Kind is "村居" or "网格";
}
