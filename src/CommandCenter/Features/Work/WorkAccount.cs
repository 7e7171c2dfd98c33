using CommandCenter.Core.Security;
using CommandCenter.Core.Units;

namespace CommandCenter.Features.Work;

/// <summary>The signed-in unit account of a /work page: who acts ("显示名（用户名）", the form the audit trigger
/// reads) and for which unit.</summary>
public sealed record WorkAccount(string Actor, string DisplayName, string Role, UnitBinding Binding, UnitInfo? Unit)
{
    public string UnitName => Unit?.Name ?? Binding.UnitCode;

    /// <summary>村居 and grid teams call residents back and visit them, so they may reveal the reporter's
    /// phone (audited); a department acts on the place, not the person, and never needs it.</summary>
    public bool MayRevealReporter => Unit?.Kind is "村居" or "网格";
}
