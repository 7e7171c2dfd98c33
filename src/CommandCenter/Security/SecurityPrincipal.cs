using System.Security.Claims;
using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CommandCenter.Security;

/// <summary>Builds the cookie principal from a sign-in and reads it back.</summary>
public static class SecurityPrincipal
{
    public static ClaimsPrincipal Create(LoginResult login, bool mustChangePassword)
    {
        var kind = login.Role == Roles.Kiosk ? SecurityClaims.KioskKind : SecurityClaims.PersonKind;
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, login.Name!),
            new(ClaimTypes.Role, login.Role!),
            new(SecurityClaims.SessionId, login.SessionId.ToString()),
            new(SecurityClaims.SubjectId, login.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(SecurityClaims.Kind, kind),
            new(SecurityClaims.DisplayName, login.DisplayName ?? login.Name!),
        };
        if (mustChangePassword)
            claims.Add(new Claim(SecurityClaims.MustChangePassword, "1"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>A person's cookie lives for the browser session and slides with the idle timeout; a
    /// screen's is persistent (it survives the screen's reboot) and has no practical expiry: it ends
    /// only when its credential is revoked.</summary>
    public static AuthenticationProperties Properties(bool kiosk, DateTimeOffset now) => kiosk
        ? new AuthenticationProperties { IsPersistent = true, AllowRefresh = false, IssuedUtc = now, ExpiresUtc = now.AddYears(10) }
        : new AuthenticationProperties { IsPersistent = false, AllowRefresh = true };

    public static Guid? SessionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SecurityClaims.SessionId), out var id) ? id : null;

    public static bool IsKiosk(this ClaimsPrincipal user) => user.FindFirstValue(SecurityClaims.Kind) == SecurityClaims.KioskKind;

    public static long? SubjectId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(SecurityClaims.SubjectId), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(SecurityClaims.DisplayName) ?? user.Identity?.Name ?? "";
}
