using System.Security.Claims;
using CommandCenter.Core.Security;
using CommandCenter.Core.Units;

namespace CommandCenter.Security;

/// <summary>The unit account of a principal (an HTTP request or a circuit's user), through the one Core lookup.
/// A wall screen's principal carries a kiosk id, not a user id, so it never reaches the users table.</summary>
public sealed class SignedInUnit(UnitAccounts accounts)
{
    public async Task<UnitAccount?> FindAsync(ClaimsPrincipal user, CancellationToken ct) =>
        user.IsKiosk() || !(user.IsInRole(Roles.Unit) || user.IsInRole(Roles.Worker)) || user.SubjectId() is not { } id
            ? null
            : await accounts.FindAsync(id, ct);
}
