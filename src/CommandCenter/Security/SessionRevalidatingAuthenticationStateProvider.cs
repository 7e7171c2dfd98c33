using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CommandCenter.Security;

/// <summary>A Blazor Server circuit outlives the request that opened it and makes no further HTTP
/// requests, so the cookie check alone would leave a revoked wall screen or a logged-out officer's
/// other tab running for hours. This re-checks the session every few seconds; when it no longer
/// stands the circuit's user becomes anonymous, the router shows <c>RedirectToLogin</c> and the
/// browser is sent to the login page.</summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    SessionStore sessions,
    IOptions<SecurityOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.Identity?.IsAuthenticated != true) return true;
        var sid = user.SessionId();
        var role = user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        if (sid is null || role is null) return false;
        // Not a touch: a circuit receiving live updates is not a person at the keyboard (idle.js reports that).
        return await sessions.CheckAsync(sid.Value, role, touch: false, cancellationToken) == SessionCheck.Valid;
    }
}
