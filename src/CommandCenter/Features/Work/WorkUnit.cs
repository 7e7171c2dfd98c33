using CommandCenter.Core.Security;
using CommandCenter.Core.Units;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommandCenter.Features.Work;

/// <summary>Resolves the circuit's unit account from the database (not from the cookie), once per circuit. A
/// changed binding or role ends the account's sessions (UserStore), so the value read here stays true for
/// the circuit's life.</summary>
public sealed class WorkUnit(AuthenticationStateProvider auth, UserStore users, UnitDirectory units)
{
    private WorkAccount? _account;

    /// <summary>The unit account, or null when the signed-in person is not an enabled, bound unit account.</summary>
    public async Task<WorkAccount?> GetAsync(CancellationToken ct)
    {
        if (_account is not null) return _account;
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.SubjectId() is not { } id || user.IsKiosk()) return null;
        var account = await users.FindByIdAsync(id, ct);
        if (account is not { DisabledAt: null, UnitCode: { } unit } || !Roles.IsUnitRole(account.Role)) return null;
        var binding = new UnitBinding(unit, account.GridCodes);
        return _account = new WorkAccount($"{account.DisplayName}（{account.UserName}）", account.DisplayName, account.Role, binding,
            await units.FindAsync(unit, ct));
    }
}
