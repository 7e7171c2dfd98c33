using CommandCenter.Core.Units;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommandCenter.Features.Work;

/// <summary>The circuit's unit account, resolved once per circuit through <see cref="SignedInUnit"/>. A changed
/// binding or role ends the account's sessions (UserStore), so the value kept here stays true for the
/// circuit's life.</summary>
public sealed class WorkUnit(AuthenticationStateProvider auth, SignedInUnit units)
{
    private UnitAccount? _account;

    /// <summary>The unit account, or null when the signed-in person is not an enabled, bound unit account.</summary>
    public async Task<UnitAccount?> GetAsync(CancellationToken ct) =>
        _account ??= await units.FindAsync((await auth.GetAuthenticationStateAsync()).User, ct);
}
