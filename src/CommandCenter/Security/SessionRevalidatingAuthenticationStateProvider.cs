using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CommandCenter.Security;

/// <summary>A Blazor Server circuit outlives the request that opened it and makes no further HTTP
/// requests, so the cookie check alone would leave a revoked wall screen or a logged-out officer's
/// other tab running for hours. This re-checks the session every few seconds; when it no longer
/// stands the circuit's user becomes anonymous, the router shows <c>RedirectToLogin</c> and the
/// browser is sent to the login page. While the database is unreachable the last verdict stands: the base
/// class treats an exception as "invalid" and would send every wall to the login page during a database
/// restart, where it would stay (nothing can revoke a session while the database is down either).</summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    SessionStore sessions,
    IOptions<SecurityOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<SessionRevalidatingAuthenticationStateProvider>();

    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.Identity?.IsAuthenticated != true) return true;
        var sid = user.SessionId();
        var role = user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        if (sid is null || role is null) return false;
        try
        {
            // Not a touch: a circuit receiving live updates is not a person at the keyboard (idle.js reports that).
            return await sessions.CheckAsync(sid.Value, role, touch: false, cancellationToken) == SessionCheck.Valid;
        }
        catch (Npgsql.NpgsqlException ex) when (DatabaseUnavailable.IsUnreachable(ex))
        {
            logger.LogWarning("Session {SessionId} not rechecked, the database is unreachable: {Error}", sid, ex.Message);
            return true;
        }
    }
}
