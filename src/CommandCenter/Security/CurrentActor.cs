using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommandCenter.Security;

/// <summary>The signed-in person as an <see cref="AuditActor"/> (name, role, address) — what every
/// audited action in a page records as "who" and "from where".</summary>
public sealed class CurrentActor(AuthenticationStateProvider auth, ClientOrigin origin)
{
    public async Task<AuditActor> GetAsync()
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated != true)
            throw new InvalidOperationException("no signed-in user in this circuit");
        return new AuditActor(user.Identity.Name!, user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, origin.Ip)
        {
            DisplayName = user.DisplayName(),
        };
    }
}
