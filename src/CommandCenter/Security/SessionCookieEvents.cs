using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CommandCenter.Security;

/// <summary>Checks the server-side session behind the cookie on every request (logout, revocation,
/// disabling, role change and idle timeout all take effect on the next request), and answers
/// programmatic requests (API, hubs, the Blazor connection) with 401/403 instead of a redirect.</summary>
public sealed class SessionCookieEvents(SessionStore sessions, AuditLog audit) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sid = principal?.SessionId();
        var role = principal?.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        var check = sid is null || role is null
            ? SessionCheck.Unknown
            : await sessions.CheckAsync(sid.Value, role, touch: !principal!.IsKiosk(), context.HttpContext.RequestAborted);
        if (check == SessionCheck.Valid) return;
        context.RejectPrincipal();
        context.HttpContext.Items[SessionEndedKey] = check;
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsProgrammatic(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        if (context.HttpContext.Items[SessionEndedKey] is SessionCheck ended)
            context.RedirectUri = QueryHelpersAppend(context.RedirectUri, "ended", ended.ToString().ToLowerInvariant());
        return base.RedirectToLogin(context);
    }

    public override async Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        // A signed-in user reaching for something their role does not allow is a security event.
        var http = context.HttpContext;
        await audit.AppendAsync(new AuditEntry(http.User.Identity?.Name ?? "?", http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value,
            AuditActions.AccessDenied, $"{context.Request.Method} {context.Request.Path}", http.Connection.RemoteIpAddress?.ToString(), Succeeded: false),
            http.RequestAborted);
        if (IsProgrammatic(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await base.RedirectToAccessDenied(context);
    }

    internal const string SessionEndedKey = "cc:session-ended";

    /// <summary>Anything a browser does not navigate to: APIs, hubs, the Blazor connection, fetches.</summary>
    public static bool IsProgrammatic(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs")
        || request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/account/activity")
        || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static string QueryHelpersAppend(string uri, string name, string value) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(uri, name, value);
}
