using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CommandCenter.Security;

/// <summary>The endpoints of signing in and out that are not pages: the kiosk link, logout and the
/// activity ping of idle.js.</summary>
public static class AccountEndpoints
{
    public const string ScreenPath = "/screen";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // The wall screen opens its link once; from then on its persistent cookie signs it in. Anyone can
        // make a browser open a link, so a link must never end a session by itself: only a valid token
        // replaces the caller's session, an invalid one leaves it exactly as it was.
        app.MapGet("/kiosk/{token}", async (string token, HttpContext http, LoginService logins, TimeProvider clock, CancellationToken ct) =>
        {
            var ip = http.Connection.RemoteIpAddress?.ToString();
            var login = await logins.KioskSignInAsync(token, ip, http.Request.Headers.UserAgent.ToString(), ct);
            if (!login.Succeeded)
                return Results.Content("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>大屏链接无效</title>" +
                    "<p>大屏链接无效或已撤销，请联系管理员重新生成。</p></html>", "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            if (http.User.SessionId() is { } previous)
                await logins.SignOutAsync(previous, http.User.Identity!.Name!, http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, ip, ct);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                SecurityPrincipal.Create(login, mustChangePassword: false), SecurityPrincipal.Properties(kiosk: true, clock.GetUtcNow()));
            return Results.Redirect(ScreenPath);
        }).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Login);

        // Logout only by the layout's form with its antiforgery token. UseAntiforgery checks the token of an
        // endpoint with this metadata but refuses nothing itself (only form binding would): it records the
        // verdict, and an endpoint that binds no form must look at it.
        app.MapPost("/account/logout", async (HttpContext http, LoginService logins, CancellationToken ct) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                return Results.BadRequest("退出登录请求缺少有效的防伪令牌。");
            if (http.User.SessionId() is { } sid)
                await logins.SignOutAsync(sid, http.User.Identity!.Name!, http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value,
                    http.Connection.RemoteIpAddress?.ToString(), ct);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login?ended=logout");
        }).RequireAuthorization(Policies.PersonSession).WithMetadata(new RequireAntiforgeryTokenAttribute());

        // Real input in the browser (see wwwroot/js/idle.js). The cookie validation that runs before
        // this counts the request as activity; there is nothing else to do.
        app.MapPost("/account/activity", () => Results.NoContent()).RequireAuthorization(Policies.PersonSession);
        return app;
    }
}
